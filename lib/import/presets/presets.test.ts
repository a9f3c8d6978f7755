/**
 * One fixture per survey tool's export layout (tests/fixtures/exports/<preset>.csv, laid out as the
 * vendor writes it): the file is recognised with no mapping, no header row is stored as a response, and
 * the N and NPS of each account are those computed by hand in the table below.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../../model';
import { accountKeyFromName } from '../../model/names';
import { importCsv, type ImportSummary } from '../stream';
import { EXPORT_PRESETS } from './index';

const FIXTURES = join(__dirname, '../../../tests/fixtures/exports');

interface Expected {
  /** Account (by the name or domain the file gives it) → [N, NPS]. */
  accounts: Record<string, [number, number]>;
  skipped?: Partial<Pick<ImportSummary['skipped'], 'noScore' | 'notNps' | 'unassigned'>>;
  headerRows?: number;
  accountFrom?: 'column' | 'email_domain';
  /** A response's comment exactly as the respondent wrote it, by respondent email. */
  comment?: [string, string];
  /** A response's instant, by respondent email. */
  respondedAt?: [string, string];
}

const EXPECTED: Record<string, Expected> = {
  // acme.com: 10, 6 → 1 promoter, 1 detractor of 2 → 0. globex.io: 9, 7 → 1 of 2 promoters → +50.
  // The anonymous-link and gmail.com respondents have no account; R_7ggg skipped the question.
  qualtrics: {
    accounts: { 'acme.com': [2, 0], 'globex.io': [2, 50] }, headerRows: 3, accountFrom: 'email_domain',
    skipped: { noScore: 1, unassigned: 2 },
    comment: ['bob@acme.com', 'Slow exports;\nmulti-line 😀'],
    // 09:12:01 in America/Denver: MST (UTC−7) on 2 March, MDT (UTC−6) on 2 July.
    respondedAt: ['ann@acme.com', '2026-03-02T16:12:01.000Z'],
  },
  // acme.com: 10, 2 → 0; globex.io: 9, 8 → +50; the hotmail.co.uk respondent is unassigned.
  surveymonkey: {
    accounts: { 'acme.com': [2, 0], 'globex.io': [2, 50] }, headerRows: 2, accountFrom: 'email_domain',
    skipped: { unassigned: 1 }, comment: ['bob@acme.com', 'Export "broken" again\nand again'],
    respondedAt: ['bob@acme.com', '2026-03-03T13:15:30.000Z'],
  },
  // Acme: 9, 4 → 0; Globex: 10 → +100 (the fourth respondent skipped the question).
  typeform: { accounts: { Acme: [2, 0], Globex: [1, 100] }, skipped: { noScore: 1 }, comment: ['bob@acme.com', 'Слишком дорого, увы'] },
  // `anonymous` email → unassigned; acme.com: 7, 9 → +50; globex.io: 0 → −100. Two-digit years, month first.
  'microsoft-forms': {
    accounts: { 'acme.com': [2, 50], 'globex.io': [1, -100] }, accountFrom: 'email_domain', skipped: { unassigned: 1 },
    comment: ['ann@acme.com', 'Good\nline two'], respondedAt: ['cho@globex.io', '2026-03-14T08:05:00.000Z'],
  },
  // Acme: 10, 5 → 0; Globex: 8 → 0. Google's `3:10:00 PM GMT+1` is 14:10 UTC.
  'google-forms': { accounts: { Acme: [2, 0], Globex: [1, 0] }, respondedAt: ['bob@acme.com', '2026-03-02T14:10:00.000Z'] },
  // Acme: 10, 9 → +100; Globex: 3 → −100.
  delighted: { accounts: { Acme: [2, 100], Globex: [1, -100] }, comment: ['cho@globex.io', 'They said "next week", twice'], respondedAt: ['ann@acme.com', '2026-03-02T17:12:00.000Z'] },
  // Only `nps` rows: Acme 9, 10 → +100; Globex 2 → −100; the csat row skipped.
  'delighted-warehouse': { accounts: { Acme: [2, 100], Globex: [1, -100] }, skipped: { notNps: 1 }, comment: ['cho@globex.io', '日本語のコメント、長い'] },
  // Acme: 10, 7 → +50; Globex: 1 → −100.
  asknicely: { accounts: { Acme: [2, 50], Globex: [1, -100] }, comment: ['ann@acme.com', 'Best CS team, ever'], respondedAt: ['ann@acme.com', '2026-03-02T09:12:00.000Z'] },
  // Acme: 9, 6 → 0; Globex: 10 → +100.
  retently: { accounts: { Acme: [2, 0], Globex: [1, 100] }, comment: ['bob@acme.com', 'Reports are slow\n(very)'] },
  // The staff test (excluded_from_calculations) is stored but not counted: Acme 10 → +100 of 1; Globex 8 → 0.
  wootric: { accounts: { Acme: [1, 100], Globex: [1, 0] }, comment: ['cho@globex.io', 'Fine, "mostly"'] },
  // NPS rows only: Acme 9 → +100; Globex 5, 10 → 0; the CSAT row skipped.
  'hubspot-feedback': { accounts: { Acme: [1, 100], Globex: [2, 0] }, skipped: { notNps: 1 }, comment: ['cho@globex.io', 'Pricing, pricing, pricing'] },
  // acme.com: 10 → +100; globex.io: 4 → −100; outlook.com is personal: unassigned.
  hotjar: { accounts: { 'acme.com': [1, 100], 'globex.io': [1, -100] }, accountFrom: 'email_domain', skipped: { unassigned: 1 }, comment: ['cho@globex.io', 'ドキュメントが足りない'] },
  // Acme: 8, 10 → +50; Globex: 6 → −100.
  satismeter: { accounts: { Acme: [2, 50], Globex: [1, -100] }, comment: ['cho@globex.io', 'Ελληνικά σχόλια'] },
  // Acme Corp: 9, 3 → 0; Globex: 7 → 0. Dotted dates are day first.
  medallia: {
    accounts: { 'Acme Corp': [2, 0], Globex: [1, 0] }, comment: ['bob@acme.com', 'Invoices wrong; "again"'],
    respondedAt: ['bob@acme.com', '2026-03-03T00:00:00.000Z'],
  },
};

async function importFixture(id: string) {
  const text = readFileSync(join(FIXTURES, `${id}.csv`), 'utf8');
  const responses: SurveyResponse[] = [];
  const names = new Map<string, string>();
  const summary = await importCsv(text, {
    now: Date.UTC(2026, 3, 1),
    onBatch(batch) {
      responses.push(...batch.responses);
      for (const account of batch.accounts) names.set(account.id, account.name ?? account.id);
    },
  });
  return { summary, responses, names };
}

describe('survey tool exports', () => {
  it('has a fixture and expectations for every preset', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(EXPORT_PRESETS.map((preset) => preset.id).sort());
  });

  it.each(Object.entries(EXPECTED))('%s: recognised, no header stored, N and NPS per account as computed by hand', async (id, expected) => {
    const { summary, responses, names } = await importFixture(id);
    expect(summary.detection.vendor?.id).toBe(id);
    expect(summary.kind).toBe('responses');
    expect(summary.errors).toEqual([]);
    expect(summary.rejected).toBe(0);
    expect(summary.detection.headerRowsSkipped.length + 1).toBe(expected.headerRows ?? 1);
    expect(summary.detection.accountFrom).toBe(expected.accountFrom ?? 'column');
    expect({ noScore: 0, notNps: 0, unassigned: 0, ...expected.skipped }).toEqual({
      noScore: summary.skipped.noScore, notNps: summary.skipped.notNps, unassigned: summary.skipped.unassigned,
    });

    // No header, question text or metadata row became a response.
    for (const response of responses) {
      expect(response.score).toBeGreaterThanOrEqual(0);
      expect(response.comment ?? '').not.toMatch(/ImportId|Open-Ended Response|How likely/);
    }
    const byAccount = new Map<string, SurveyResponse[]>();
    for (const response of responses) byAccount.set(names.get(response.accountId)!, [...(byAccount.get(names.get(response.accountId)!) ?? []), response]);
    const actual = Object.fromEntries(
      [...byAccount].map(([name, rows]) => {
        const counted = rows.filter((r) => !r.excluded);
        const promoters = counted.filter((r) => r.score >= 9).length;
        const detractors = counted.filter((r) => r.score <= 6).length;
        return [name, [counted.length, Math.round((100 * (promoters - detractors)) / counted.length)]];
      }),
    );
    expect(actual).toEqual(expected.accounts);
    // The preview tallies the same.
    expect(Object.fromEntries(summary.accounts.map((a) => [a.name, [a.counts.n, a.nps]]))).toEqual(expected.accounts);

    if (expected.comment) {
      const [email, comment] = expected.comment;
      expect(responses.find((r) => r.respondentEmail === email)?.comment).toBe(comment);
    }
    if (expected.respondedAt) {
      const [email, instant] = expected.respondedAt;
      expect(new Date(responses.find((r) => r.respondentEmail === email)!.respondedAt).toISOString()).toBe(instant);
    }
    if (expected.accountFrom === 'email_domain') {
      expect(responses.every((r) => r.accountId === accountKeyFromName(r.respondentEmail!.split('@')[1]!))).toBe(true);
    }
  });

  it('a Qualtrics export in summer takes the time zone’s daylight offset', async () => {
    const { responses } = await importFixture('qualtrics');
    expect(new Date(responses.find((r) => r.respondentEmail === 'bob@acme.com')!.respondedAt).toISOString()).toBe('2026-07-02T15:12:01.000Z');
  });

  it('lists unassigned respondents with their rows, and the anonymous ones apart', async () => {
    const { summary } = await importFixture('qualtrics');
    expect(summary.skipped.unassignedEmails).toEqual([{ email: 'dan@gmail.com', rows: 1 }]);
    expect(summary.skipped.unassignedAnonymous).toBe(1);
  });
});
