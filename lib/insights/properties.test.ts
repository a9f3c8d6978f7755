/** Properties of analyseComments over generated comments (fixed seed, bounded runs). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseComments, DEFAULT_TAXONOMY } from './index';

const WORDS = [
  'support', 'slow', 'slower', 'not', 'never', 'great', 'bad', 'but', 'price', 'expensive', 'love', 'crash', 'sso',
  'dashboard', 'report', 'confusing', 'thanks', 'the', 'is', 'was', 'and', 'team', 'onboarding', 'api', 'sync', 'very',
  'frustrated', 'amazing', 'le', 'est', 'très', 'lent', '👍', '😡', ':)', ',', '.', '!', '?',
];
const comment = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { maxLength: 25 }).map((words) => words.join(' ')),
  fc.string({ maxLength: 60 }),
);
const params = { seed: 20260101, numRuns: 60 };
const ids = new Set(DEFAULT_TAXONOMY.themes.map((t) => t.id));

describe('analyseComments properties', () => {
  it('gives one result per input, in order: a result does not depend on the other comments or their order', () => {
    fc.assert(
      fc.property(fc.array(comment, { maxLength: 12 }), (texts) => {
        const together = analyseComments(texts);
        expect(together).toHaveLength(texts.length);
        const reversed = analyseComments([...texts].reverse()).reverse();
        expect(reversed).toEqual(together);
        texts.forEach((text, i) => expect(analyseComments([text])[0]).toEqual(together[i]));
      }),
      params,
    );
  });

  it('is deterministic, claims no theme or emotion without evidence from the comment, and nothing when not analysed', () => {
    fc.assert(
      fc.property(comment, (text) => {
        const [first] = analyseComments([text]);
        expect(analyseComments([text])[0]).toEqual(first);
        const lower = text.toLowerCase();
        for (const finding of [...first!.themes, ...first!.emotions]) {
          expect(finding.evidence.length).toBeGreaterThan(0);
          for (const words of finding.evidence) expect(lower).toContain(words.toLowerCase());
        }
        for (const theme of first!.themes) expect(ids.has(theme.id)).toBe(true);
        if (!first!.analysed) expect(first).toMatchObject({ sentiment: null, themes: [], emotions: [] });
        else expect(Math.abs(first!.sentiment!.score)).toBeLessThanOrEqual(1);
      }),
      params,
    );
  });
});
