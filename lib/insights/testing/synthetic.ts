/**
 * Synthetic comments for throughput measurements: sentences built from B2B survey phrases with a
 * seeded generator, so every run reads the same text. Lengths vary from a word to a paragraph.
 */
const OPENERS = ['The product is', 'Support has been', 'Our team finds the app', 'Honestly the reporting is', 'Onboarding was', 'The new UI is', 'Pricing feels', 'The Salesforce sync is'];
const JUDGEMENTS = ['great', 'really slow', 'not bad at all', 'confusing', 'amazing', 'too expensive', 'fine', 'unreliable lately', 'fast and intuitive', 'a nightmare'];
const TAILS = ['but the dashboards take forever to load.', 'and our CSM is fantastic, thank you!', 'since the last release.', 'which is frustrating for everyone.', '😡', '🙂', 'and we would love SSO with Okta.', 'so we might not renew.', '', 'Bugs keep coming back and support never answers our tickets.'];
const SHORT = ['ok', 'Great!', '👍', 'n/a', 'Too slow.', 'Love it', 'Le support est très lent.', 'Meh'];

/** A small seeded generator (mulberry32) so the synthetic set is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function syntheticComments(n: number, seed: number): string[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const comments: string[] = [];
  for (let i = 0; i < n; i++) {
    if (next() < 0.2) {
      comments.push(pick(SHORT));
      continue;
    }
    const sentences = 1 + Math.floor(next() * 3);
    const parts: string[] = [];
    for (let s = 0; s < sentences; s++) parts.push(`${pick(OPENERS)} ${pick(JUDGEMENTS)} ${pick(TAILS)}`.trim());
    comments.push(parts.join(' '));
  }
  return comments;
}
