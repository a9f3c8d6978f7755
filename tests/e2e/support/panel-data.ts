/**
 * The data behind the panel's end-to-end tests: one account whose every figure is worked out by hand
 * below, an account known only from an actions file (no responses: the panel's `no-data` state), and
 * the survey sends that give a response rate. Dates are relative to the moment the files are made.
 */
import type { Page } from '@playwright/test';
import { to18 } from '../../../lib/crm/salesforce/ids';
import type { ExtensionBrowser } from './chromium';
import { expect, importCsv } from './fixtures';

export const DAY = 86_400_000;

export const INITECH_15 = '001M000000Ini01';
export const INITECH_18 = to18(INITECH_15);
/** A Salesforce record no imported account matches (linked by hand to Hooli in a test). */
export const UNMATCHED_15 = '001M000000Unm01';
export const UNMATCHED_18 = to18(UNMATCHED_15);

/** Customer text that must stay inert: markup and script shown as the characters they are. */
export const MARKUP_COMMENT = `<img src=x onerror="window.__npsPwned=1"><script>window.__npsPwned=2</script><b>bold</b> & "quotes"`;
export const LONG_COMMENT = `Onboarding took far too long. ${'We waited weeks for the integration team to answer, and every call started from scratch. '.repeat(4)}End.`;

export interface PanelResponse {
  id: string;
  daysAgo: number;
  score: number;
  role: string;
  channel: string;
  name: string;
  email: string;
  comment: string;
}

/**
 * Initech in the trailing 365 days: scores 10, 2, 6, 9, 8, 3, 9, 7, 10, 9 → 5 promoters, 2 passives,
 * 3 detractors, NPS = 100 × (5 − 3) / 10 = +20, N = 10. Adjusted-Wald interval: n′ = 13, p₊ = 5.75/13,
 * p₋ = 3.75/13, centre 0.1538, SE = √((0.7308 − 0.0237)/13) = 0.2332 → −30.3 … +61.1, shown "−30 to +61".
 * By role: executive 10, 9 (N 2, withheld); decision maker 6, 3 (N 2, withheld); end user 2, 9, 8, 7,
 * 10, 9 → 3 P, 2 passives, 1 D → +33 (N 6); no influencer → called out.
 * 90 days: 10, 2, 6, 9 → N 4, withheld, "2 promoters, 0 passives, 2 detractors".
 * 180 days: 10, 2, 6, 9, 8, 3 → 2 P, 1 passive, 3 D → 100 × −1/6 = −16.7, shown "−17".
 * The 12 months before: 10, 10, 9, 9, 10 → +100 (N 5); against +20 (N 10) with adjusted SEs 22.96 and
 * 23.32: z = −80 / 32.73 = −2.44, a significant fall of 80 points.
 * All time: 15 answers, 10 P, 2 passives, 3 D → +46.7, shown "+47".
 */
export const INITECH_RESPONSES: PanelResponse[] = [
  { id: 'ini-1', daysAgo: 10, score: 10, role: 'Exec', channel: 'email', name: 'Bill Lumbergh', email: 'bill@initech.com', comment: 'A great partner this year.' },
  { id: 'ini-2', daysAgo: 20, score: 2, role: 'User', channel: 'in_app', name: 'Milton Waddams', email: 'milton@initech.com', comment: 'Slow, and my stapler is gone.' },
  { id: 'ini-3', daysAgo: 40, score: 6, role: 'Buyer', channel: 'web', name: '', email: 'buyer@initech.com', comment: MARKUP_COMMENT },
  { id: 'ini-4', daysAgo: 60, score: 9, role: 'User', channel: 'email', name: 'Peter Gibbons', email: 'peter@initech.com', comment: '' },
  { id: 'ini-5', daysAgo: 100, score: 8, role: 'User', channel: 'email', name: 'Samir N.', email: 'samir@initech.com', comment: 'Fine overall, reports could be faster.' },
  { id: 'ini-6', daysAgo: 150, score: 3, role: 'Decision Maker', channel: 'phone', name: 'Dom Portwood', email: 'dom@initech.com', comment: LONG_COMMENT },
  { id: 'ini-7', daysAgo: 200, score: 9, role: 'Exec', channel: 'email', name: 'Bob Slydell', email: 'bob@initech.com', comment: '' },
  { id: 'ini-8', daysAgo: 250, score: 7, role: 'User', channel: 'email', name: 'Joanna', email: 'joanna@initech.com', comment: 'It does the job.' },
  { id: 'ini-9', daysAgo: 300, score: 10, role: 'User', channel: 'in_app', name: 'Michael Bolton', email: 'michael@initech.com', comment: '' },
  { id: 'ini-10', daysAgo: 340, score: 9, role: 'User', channel: 'email', name: 'Tom Smykowski', email: 'tom@initech.com', comment: 'I have people skills; so does your support team.' },
  // The previous 12 months (and all time).
  ...[10, 10, 9, 9, 10].map((score, i) => ({
    id: `ini-old-${i}`,
    daysAgo: 400 + i * 60,
    score,
    role: 'User',
    channel: 'email',
    name: `Former ${i}`,
    email: `former${i}@initech.com`,
    comment: '',
  })),
];

/** Sends in the window: 60 surveys for 10 answers → 17%, under 20%, so a low-rate warning. */
export const INITECH_SENDS = 60;

const q = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function responsesCsv(now: number): string {
  const header =
    'response_id,account_id,account_name,account_domain,salesforce_account_id,respondent_email,respondent_name,respondent_role,score,comment,responded_at,channel';
  const rows = INITECH_RESPONSES.map((r) =>
    [r.id, 'I-1', 'Initech', 'initech.com', INITECH_15, r.email, q(r.name), r.role, r.score, q(r.comment), new Date(now - r.daysAgo * DAY).toISOString(), r.channel].join(','),
  );
  return [header, ...rows].join('\n') + '\n';
}

const isoDate = (t: number) => new Date(t).toISOString().slice(0, 10);

/** Initech: one overdue action, one in progress due later, one done (not shown); Hooli: one open action. */
export function actionsCsv(now: number): string {
  return [
    'action_id,account_id,account_name,title,status,owner,due_date,created_at',
    `act-later,I-1,Initech,Send the Q3 roadmap,in_progress,Joanna,${isoDate(now + 20 * DAY)},${new Date(now - 5 * DAY).toISOString()}`,
    `act-overdue,I-1,Initech,Call Milton about the outage,open,Peter,${isoDate(now - 10 * DAY)},${new Date(now - 19 * DAY).toISOString()}`,
    `act-done,I-1,Initech,Already done,done,Peter,${isoDate(now - 30 * DAY)},${new Date(now - 40 * DAY).toISOString()}`,
    `act-hooli,H-1,Hooli,Introduce the new CSM,open,Gavin,${isoDate(now + 5 * DAY)},${new Date(now - 2 * DAY).toISOString()}`,
  ].join('\n') + '\n';
}

export function sendsCsv(now: number): string {
  const rows = Array.from({ length: INITECH_SENDS }, (_, i) => `I-1,Initech,person${i}@initech.com,${new Date(now - (5 + i * 5) * DAY).toISOString()},email`);
  return ['account_id,account_name,respondent_email,sent_at,channel', ...rows].join('\n') + '\n';
}

/**
 * Answers in the calendar quarter (UTC) `back` quarters before the one containing `now` (0 = this
 * quarter), with its label ("2025 Q3"), counted independently of the code under test.
 */
export function answersInQuarter(now: number, back: number): { label: string; n: number } {
  const d = new Date(now);
  const index = d.getUTCFullYear() * 4 + Math.floor(d.getUTCMonth() / 3) - back;
  const year = Math.floor(index / 4);
  const quarter = index - year * 4;
  const start = Date.UTC(year, quarter * 3, 1);
  const end = Date.UTC(year, quarter * 3 + 3, 1);
  const n = INITECH_RESPONSES.filter((r) => {
    const t = now - r.daysAgo * DAY;
    return t >= start && t < end;
  }).length;
  return { label: `${year} Q${quarter + 1}`, n };
}

/**
 * One instant for every import of this data in a test run: ids of survey sends are derived from their
 * dates, so two files importing it at two instants would store every send twice.
 */
const IMPORTED_AT = Date.now();

/** Imports the three files above through the options page, as a person would, checking each file's count. */
export async function importPanelData(page: Page, extension: ExtensionBrowser, now = IMPORTED_AT): Promise<void> {
  await expect(await importCsv(page, extension, 'responses.csv', responsesCsv(now))).toHaveAttribute('data-imported', '15');
  await expect(await importCsv(page, extension, 'actions.csv', actionsCsv(now))).toHaveAttribute('data-imported', '4');
  await expect(await importCsv(page, extension, 'sends.csv', sendsCsv(now))).toHaveAttribute('data-imported', '60');
}
