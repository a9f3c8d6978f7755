import { describe, expect, it } from 'vitest';
import { englishReason, formatRowError, importCsv, ROW_PROBLEM_CODES, type ImportRowError, type RowProblem, type RowProblemCode } from '../../lib/import';
import { LOCALES, translator } from '../../lib/i18n';
import { rowErrorText } from './row-error';

/** Values for each code (typed: a code added to the importer without a sample here does not compile). */
const SAMPLES: { [C in RowProblemCode]: Extract<RowProblem, { code: C }>['values'] } = {
  score_range: {}, boolean: {}, channel: {}, status: {}, notes_json: {}, notes_array: {},
  note_invalid: { n: 2, path: 'text', detail: 'Required' },
  domain: {}, salesforce_id: {}, salesforce_account_id: {}, scientific_notation: {}, whole_number: {}, email: {},
  month_range: { month: 13 }, day_range: { day: 31, month: 4 }, time_range: {}, before_1970: {}, offset_range: { offset: '+15:00' },
  date_order: {}, not_date: {}, empty_score: {}, empty_responded_at: {}, empty_sent_at: {}, empty_title: {}, empty_account: {},
  account_no_letters: {}, schema: { detail: 'Too big: expected string to have <=500 characters' },
  repeated_action_id: { first: 4 }, repeated_response_id: { first: 4 }, repeated_response: { first: 4 }, repeated_action: { first: 4 },
  cell_too_long: { length: 61234, max: 50000 }, hidden_character: { code: 'U+202E' }, malformed_quote: {},
  extra_cells: { cells: 7, width: 6, delimiter: ';' },
};

function errorOf(code: RowProblemCode, shape: Partial<ImportRowError> = {}): ImportRowError {
  const problem = { code, values: SAMPLES[code] } as RowProblem;
  return { row: 7, column: 'score', value: '11', problem, reason: englishReason(problem), ...shape };
}

describe('rowErrorText', () => {
  it('has a sample for every code the importer gives', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...ROW_PROBLEM_CODES].sort());
  });

  it.each(ROW_PROBLEM_CODES)('%s: in English, word for word the importer’s message (with a value, without, and for a whole row)', (code) => {
    const en = translator('en');
    for (const error of [errorOf(code), errorOf(code, { value: undefined }), errorOf(code, { column: '', value: undefined })]) {
      expect(rowErrorText(error, en)).toBe(formatRowError(error));
    }
    const fromTool = errorOf(code, { answer: 'R_9x', reason: `(answer R_9x) ${englishReason({ code, values: SAMPLES[code] } as RowProblem)}` });
    expect(rowErrorText(fromTool, en)).toBe(formatRowError(fromTool));
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s words every reason in its own language, keeping the row, column, value and numbers', (locale) => {
    const t = translator(locale);
    const en = translator('en');
    for (const code of ROW_PROBLEM_CODES) {
      const error = errorOf(code);
      const text = rowErrorText(error, t);
      expect(text, code).not.toBe(rowErrorText(error, en));
      for (const kept of ['7', 'score', '11', ...Object.values(SAMPLES[code]).map((v) => (typeof v === 'number' && v < 1000 ? String(v) : null))]) {
        if (kept !== null) expect(text, code).toContain(kept);
      }
    }
  });

  it('words the errors of a real import: German rows, English unchanged', async () => {
    const csv = [
      'response_id,account_name,respondent_email,score,responded_at,channel',
      'r1,Acme,ann@acme.com,11,2026-03-01,email',
      'r2,Acme,bob@acme,9,2026-13-01,fax',
      'r3,,cy@acme.com,,31/03/2026,email',
      'r1,Acme,dee@acme.com,8,2026-03-02,email,extra',
    ].join('\n');
    const summary = await importCsv(csv, { now: Date.UTC(2026, 3, 1), dateOrder: 'dmy', onBatch: () => {} });
    const codes = summary.errors.map((e) => e.problem.code);
    expect(codes).toEqual(expect.arrayContaining(['score_range', 'email', 'month_range', 'channel', 'empty_account', 'empty_score', 'extra_cells']));
    for (const error of summary.errors) expect(rowErrorText(error, translator('en'))).toBe(formatRowError(error));
    const de = summary.errors.map((e) => rowErrorText(e, translator('de')));
    expect(de).toContain('Zeile 2: score — „11“ ist keine ganze Zahl von 0 bis 10');
    expect(de).toContain('Zeile 3: responded_at — „2026-13-01“ hat keinen Monat 13');
    expect(translator('ja')('row.line', { row: 2, column: 'score', what: 'x' })).toBe('2 行目：score x');
  });
});
