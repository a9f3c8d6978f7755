import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ResponseSchema } from '../model';
import { analyseHeaders } from './headers';
import { createRowContext, formatRowError, rowToAction, rowToResponse, rowToSend, type RowResult } from './rows';

const NOW = Date.UTC(2026, 3, 1);

function convert<T>(kind: 'responses' | 'actions' | 'sends', headers: string[], row: string[], fn: typeof rowToResponse | typeof rowToAction | typeof rowToSend) {
  const analysis = analyseHeaders(headers, kind);
  const ctx = createRowContext(analysis.headers, NOW);
  ctx.row = 7;
  return fn(row, analysis.columns, ctx) as RowResult<T>;
}

const H = ['response_id', 'account_id', 'account_name', 'account_domain', 'salesforce_account_id', 'zendesk_organization_id', 'hubspot_company_id',
  'respondent_email', 'respondent_name', 'respondent_role', 'respondent_title', 'score', 'comment', 'responded_at', 'channel', 'survey', 'tags', 'excluded'];

describe('rowToResponse', () => {
  it('builds a response and the account facts', () => {
    const result = convert('responses', H, ['r1', 'acc-1', 'Acme Corporation', 'https://www.acme.com; acme.io', '001M000000qfPyS', '360001', '987',
      'Ann@Acme.com', 'Ann Lee', 'Exec', 'VP Engineering', '9', ' Love it\r\nreally ', '2026-03-01', 'in-app', 'Q1', 'a; b', 'no'], rowToResponse);
    expect(result).toEqual({
      ok: true,
      record: {
        id: 'r1', accountId: 'acc-1', score: 9, respondedAt: Date.UTC(2026, 2, 1), respondentEmail: 'ann@acme.com', respondentName: 'Ann Lee',
        respondentRole: 'Exec', respondentTitle: 'VP Engineering', comment: 'Love it\nreally', channel: 'in_app', survey: 'Q1',
        tags: ['a', 'b'], excluded: false, updatedAt: NOW,
      },
      account: {
        id: 'acc-1', name: 'Acme Corporation', domains: ['acme.com', 'acme.io'], salesforceIds: ['001M000000qfPySIAU'],
        zendeskOrganizationIds: ['360001'], hubspotCompanyIds: ['987'],
      },
    });
  });

  it('reports every bad cell with the header as written', () => {
    const result = convert('responses', ['Company', 'Email', 'Score', 'Date', 'Channel'], ['Acme', 'nope', '11', 'soon', 'pigeon'], rowToResponse);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(formatRowError)).toEqual([
      'Row 7: Score — "11" is not an integer from 0 to 10',
      'Row 7: Date — "soon" is not a date (expected an ISO 8601 date, YYYY-MM-DD HH:MM:SS, Unix seconds or DD/MM/YYYY)',
      'Row 7: Email — "nope" is not an email address',
      'Row 7: Channel — "pigeon" is not a channel (email, in_app, web, phone, sms, third_party)',
    ]);
  });

  it('needs an account and a score', () => {
    const result = convert('responses', ['account_name', 'score', 'responded_at'], ['', '', '2026-01-01'], rowToResponse);
    expect(result.ok ? [] : result.errors.map(formatRowError)).toEqual([
      'Row 7: account_name — is empty; a row needs account_id or account_name',
      'Row 7: score — is empty; a score from 0 to 10 is required',
    ]);
  });

  it('derives the same id on re-import and keeps anonymous repeats apart', () => {
    const headers = ['account_name', 'respondent_email', 'score', 'responded_at'];
    const analysis = analyseHeaders(headers, 'responses');
    const ids = (rows: string[][]) => {
      const ctx = createRowContext(headers, NOW);
      return rows.map((row) => {
        const result = rowToResponse(row, analysis.columns, ctx);
        return result.ok ? result.record.id : 'error';
      });
    };
    const rows = [['Acme Inc', 'a@acme.com', '9', '2026-01-01'], ['Acme Inc', '', '9', '2026-01-01'], ['Acme Inc', '', '9', '2026-01-01'], ['ACME', 'a@acme.com', '9', '2026-01-01']];
    const first = ids(rows);
    expect(ids(rows)).toEqual(first);
    expect(first[1]).not.toBe(first[2]);
    expect(first[0]).toBe(first[3]); // same account key, same respondent, same answer: the same response
    expect(new Set(first.slice(0, 3)).size).toBe(3);
  });

  it('joins first and last names', () => {
    const result = convert<{ respondentName?: string }>('responses', ['Company', 'First Name', 'Last Name', 'NPS', 'Date'], ['Acme', 'Ann', 'Lee', '9', '2026-01-01'], rowToResponse);
    expect(result.ok && result.record.respondentName).toBe('Ann Lee');
  });

  it('returns only records that ResponseSchema takes as they are, whatever the cells (no check runs per row)', () => {
    const analysis = analyseHeaders(H, 'responses');
    // Cells near each parser's edges, and anything at all.
    const cell = (...plausible: string[]) =>
      fc.oneof({ arbitrary: fc.constantFrom('', ' ', 'n/a', ...plausible), weight: 12 }, { arbitrary: fc.string({ maxLength: 12 }), weight: 1 });
    const row = fc.tuple(
      cell('r1', ' r2 '), cell('acc-1', '', "'=1"), cell('Acme', '123', '—'), cell('acme.com', 'https://acme.io/x', 'a;b'),
      cell('001M000000qfPyS', '001M000000qfPySIAU'), cell('360001', '-1', '1.5'), cell('987'),
      cell('Ann@Acme.com', 'anonymous', 'a@b'), cell('Ann Lee'), cell('Exec', 'user'), cell('VP'),
      cell('0', '10', '11', '-0', '9.0', '1e1', '７'), cell('fine', '=cmd'),
      cell('2026-03-01', '1969-12-31T23:59:59Z', '1970-01-01T00:00:00.0005Z', '1700000000', '1700000000.5', '1700000000123', '31/12/2025', '2026-02-30'),
      cell('email', 'in-app', 'sms', 'carrier pigeon'), cell('Q1'), cell('a; b', ';'), cell('yes', 'no', 'maybe'),
    );
    let records = 0;
    fc.assert(
      fc.property(row, (cells) => {
        const ctx = createRowContext(analysis.headers, NOW);
        const result = rowToResponse(cells, analysis.columns, ctx);
        if (!result.ok) return;
        records++;
        const checked = ResponseSchema.safeParse(result.record);
        expect(checked.success ? null : checked.error.issues).toBeNull();
        expect(checked.data).toEqual(result.record);
      }),
      { numRuns: 10_000 },
    );
    // The cells above make a record often enough for the property to say something.
    expect(records).toBeGreaterThan(100);
  });
});

describe('rowToAction', () => {
  it('builds an action with defaults', () => {
    const result = convert('actions', ['account_id', 'title', 'status', 'owner', 'due_date', 'created_at', 'response_id'],
      ['acc-1', 'Call the CTO', 'In Progress', 'Dana', '2026-04-15', '2026-03-02T09:00:00Z', 'r1'], rowToAction);
    expect(result).toMatchObject({
      ok: true,
      record: { accountId: 'acc-1', title: 'Call the CTO', status: 'in_progress', owner: 'Dana', dueDate: '2026-04-15', createdAt: Date.UTC(2026, 2, 2, 9), responseId: 'r1', updatedAt: NOW },
    });
    const bare = convert('actions', ['account_name', 'title'], ['Acme', 'Follow up'], rowToAction);
    expect(bare).toMatchObject({ ok: true, record: { status: 'open', createdAt: NOW, accountId: 'name:acme' } });
  });
});

describe('rowToSend', () => {
  it('builds a send', () => {
    const result = convert('sends', ['account_id', 'respondent_email', 'respondent_role', 'sent_at', 'channel', 'survey'],
      ['acc-1', 'ann@acme.com', 'User', '2026-03-01', 'email', 'Q1'], rowToSend);
    expect(result).toMatchObject({ ok: true, record: { accountId: 'acc-1', respondentEmail: 'ann@acme.com', respondentRole: 'User', sentAt: Date.UTC(2026, 2, 1), channel: 'email', survey: 'Q1' } });
  });
});
