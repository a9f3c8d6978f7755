/**
 * Files that are wrong in the ways real exports are wrong: every row is either imported exactly as the
 * file says or reported with its row and the reason, and a structural problem is reported as such.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { importCsv, ImportSetupError, MAX_BATCH_CHARS, MAX_CELL_CHARS, type ImportBatch, type ImportOptions } from './stream';
import { formatRowError } from './rows';
import { restoreEscapedCell } from '../export/csv';

const NOW = Date.UTC(2026, 3, 1);

async function run(source: Blob | string, options: Partial<ImportOptions> = {}) {
  const batches: ImportBatch[] = [];
  const summary = await importCsv(source, { now: NOW, ...options, onBatch: (batch) => void batches.push(batch) });
  return { summary, responses: batches.flatMap((b) => b.responses), errors: summary.errors.map(formatRowError) };
}

async function setupProblem(source: string, options: Partial<ImportOptions> = {}) {
  try {
    await run(source, options);
  } catch (error) {
    if (error instanceof ImportSetupError) return error;
    throw error;
  }
  throw new Error('expected the import to stop with a setup problem');
}

const HEADER = 'response_id,account_name,score,responded_at,comment';

describe('structure', () => {
  it('an opening quote never closed stops the import, naming its row and how many lines it swallowed', async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => `r${i + 3},Acme,9,2026-03-01,fine`);
    const csv = [HEADER, 'r1,Acme,9,2026-03-01,ok', 'r2,Acme,3,2026-03-01,"it broke', ...rows].join('\n');
    const error = await setupProblem(csv);
    expect(error.problem).toEqual({ code: 'unclosed_quote', row: 3, lines: 2_000 });
    expect(error.message).toMatch(/^Row 3: a quote opened in this row is never closed, so the 2000 lines after it cannot be read as rows/);
  });

  it('a quote left open on the last line alone is that row’s error, not a lost file', async () => {
    const { summary, errors } = await run([HEADER, 'r1,Acme,9,2026-03-01,ok', 'r2,Acme,3,2026-03-01,"it broke'].join('\n'));
    expect(summary).toMatchObject({ imported: 1, rejected: 1 });
    expect(errors).toEqual([expect.stringMatching(/^Row 3: has a malformed quoted field/)]);
  });

  it('mixed CRLF and LF line endings: every row stays a row', async () => {
    const csv = `${HEADER}\r\nr1,Acme,9,2026-03-01,one\nr2,Acme,8,2026-03-02,two\r\nr3,Acme,7,2026-03-03,"three\r\nlines"\nr4,Acme,6,2026-03-04,four\r\n`;
    const { summary, responses } = await run(csv);
    expect(summary).toMatchObject({ imported: 4, rejected: 0 });
    expect(responses.map((r) => [r.id, r.comment])).toEqual([['r1', 'one'], ['r2', 'two'], ['r3', 'three\nlines'], ['r4', 'four']]);
  });

  it('a CR at the end of one read and its LF at the start of the next are one line break', async () => {
    const csv = `${HEADER}\r\nr1,Acme,9,2026-03-01,one\r\nr2,Acme,8,2026-03-02,two\r\n`;
    for (let chunkSize = 1; chunkSize <= 12; chunkSize++) {
      const { summary, responses } = await run(new Blob([csv]), { chunkSize });
      expect(summary).toMatchObject({ imported: 2, rejected: 0 });
      expect(responses.map((r) => r.comment)).toEqual(['one', 'two']);
    }
  });

  it('an unquoted comma in the last column is the row’s error, not a cut comment', async () => {
    const { summary, responses, errors } = await run([HEADER, 'r1,Acme,9,2026-03-01,"good, really"', 'r2,Acme,3,2026-03-01,slow, and buggy', 'r3,Acme,8,2026-03-01,ok,'].join('\n'));
    expect(summary).toMatchObject({ imported: 2, rejected: 1 });
    expect(responses.map((r) => [r.id, r.comment])).toEqual([['r1', 'good, really'], ['r3', 'ok']]);
    expect(errors).toEqual(['Row 3: has 6 cells where the header has 5: a cell holding the delimiter (“,”) must be quoted']);
  });
});

describe('columns and ids', () => {
  it('a column named twice is not guessed: the user chooses, and the choice is used', async () => {
    const csv = ['response_id,account_name,score,responded_at,score', 'r1,Acme,9,2026-03-01,2'].join('\n');
    const error = await setupProblem(csv);
    expect(error.problem.code).toBe('duplicate_columns');
    expect(error.message).toBe('score is given by column 3 “score” and column 5 “score”: choose the one to use.');
    const { responses } = await run(csv, { kind: 'responses', mapping: { score: 4 } });
    expect(responses.map((r) => r.score)).toEqual([2]);
  });

  it('a response id given twice: the second row is reported, naming the first', async () => {
    const { summary, responses, errors } = await run([HEADER, 'r1,Acme,9,2026-03-01,first', 'r2,Acme,5,2026-03-01,other', 'r1,Acme,2,2026-03-02,second'].join('\n'));
    expect(summary).toMatchObject({ imported: 2, rejected: 1 });
    expect(responses.map((r) => [r.id, r.comment])).toEqual([['r1', 'first'], ['r2', 'other']]);
    expect(errors).toEqual(['Row 4: response_id — "r1" is also the response_id of row 2: each response is imported once, from its first row']);
  });

  it('without an id column, the same response twice is reported as such', async () => {
    const csv = ['account_name,respondent_email,score,responded_at', 'Acme,ann@acme.com,9,2026-03-01', 'Acme,ann@acme.com,9,2026-03-01'].join('\n');
    const { summary, errors } = await run(csv);
    expect(summary).toMatchObject({ imported: 1, rejected: 1 });
    expect(errors).toEqual([expect.stringMatching(/^Row 3: the same response as row 2/)]);
  });
});

/** A CSV cell as a spreadsheet writes it: quoted when it holds a delimiter, quote or line break. */
function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

describe('the property: stored exactly as the file says, or reported with its row', () => {
  const comment = fc.array(fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r\n', ';', 'é', '😀', "'", '\t', '|'), { maxLength: 12 }).map((parts) => parts.join(''));
  const row = fc.record({
    score: fc.oneof(fc.integer({ min: 0, max: 10 }).map(String), fc.constantFrom('11', '-1', 'x', '')),
    comment,
    // A damaged row: its comment written without the quotes it needs.
    unquoted: fc.boolean(),
  });

  it('holds for generated files with mixed line endings, quotes, delimiters and bad scores', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 30 }), fc.array(fc.boolean(), { minLength: 31, maxLength: 31 }), async (rows, crlf) => {
        // A damaged row keeps to its line (its comment's line breaks become spaces), so rows keep their numbers.
        // (A quote at the very start of a cell opens a quoted cell, by the rules of CSV: that case is the
        // structural one tested above, so a damaged cell here does not start with one.)
        const written = rows.map((r) => (r.unquoted ? r.comment.replace(/[\r\n]+/g, ' ').split(',').map((piece) => piece.replace(/^"+/, '')).join(',') : r.comment));
        const lines = rows.map((r, i) => `r${i},Acme,${r.score},2026-03-01,${r.unquoted ? written[i] : cell(written[i]!)}`);
        const csv = [HEADER, ...lines].reduce((text, line, i) => (i === 0 ? line : `${text}${crlf[i] ? '\r\n' : '\n'}${line}`), '');
        let result;
        try {
          result = await run(csv);
        } catch (error) {
          // A damaged row may open a quote that never closes: reported as such, naming a row of the file.
          expect(error).toBeInstanceOf(ImportSetupError);
          const problem = (error as ImportSetupError).problem;
          expect(problem.code).toBe('unclosed_quote');
          return;
        }
        const imported = new Map(result.responses.map((r) => [r.id, r]));
        const reported = new Set(result.summary.errors.map((e) => e.row));
        rows.forEach((r, i) => {
          const stored = imported.get(`r${i}`);
          // An unquoted comment holding commas is several cells: the first is the comment, the rest must be empty.
          const cells = r.unquoted ? written[i]!.split(',') : [written[i]!];
          // Our own export's escape of formula-like cells (`'=…`, `'\t…`) is read back without the quote (documented).
          const expected = restoreEscapedCell(cells[0]!).replace(/\r\n?/g, '\n').trim();
          if (stored) {
            // Imported: exactly what the file says.
            expect(cells.slice(1).every((c) => c.trim() === '')).toBe(true);
            expect(String(stored.score)).toBe(r.score);
            expect(stored.comment ?? '').toBe(expected);
          } else {
            // Not imported: its own row (spreadsheet numbering, header = 1) is reported.
            expect(reported.has(i + 2)).toBe(true);
          }
        });
        // Nothing is both imported and reported, and nothing is counted twice.
        expect(result.summary.imported + result.summary.rejected).toBe(result.summary.rowsRead);
      }),
      { numRuns: 200, seed: 20261203 },
    );
  });
});

describe('encoding', () => {
  /** UTF-8 text with one Windows-1252 byte (é as 0xE9) on the given row, far past the first 64 KiB. */
  function mixedFile(rows: number, badRow: number): Blob {
    const lines = [HEADER, ...Array.from({ length: rows }, (_, i) => `r${i + 2},Acme,9,2026-03-01,${'x'.repeat(60)}`)];
    const parts: BlobPart[] = [];
    lines.forEach((line, i) => {
      if (i + 1 === badRow) parts.push(new TextEncoder().encode(`${line.slice(0, -4)}caf`), new Uint8Array([0xe9]));
      else parts.push(new TextEncoder().encode(line));
      parts.push(new Uint8Array([0x0a]));
    });
    return new Blob(parts);
  }

  it('a Windows-1252 byte after the first 64 KiB stops the import, naming its row: no U+FFFD is stored', async () => {
    for (const chunkSize of [1024 * 1024, 4096]) {
      const batches: ImportBatch[] = [];
      const error = await importCsv(mixedFile(3000, 2500), { now: NOW, chunkSize, onBatch: (b) => void batches.push(b) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportSetupError);
      expect((error as ImportSetupError).problem).toMatchObject({ code: 'bad_encoding', row: 2500 });
      expect(batches.flatMap((b) => b.responses).some((r) => r.comment?.includes('\uFFFD'))).toBe(false);
    }
  });

  it('invalid UTF-8 after a BOM is the same error', async () => {
    const blob = new Blob([new Uint8Array([0xef, 0xbb, 0xbf]), `${HEADER}\nr1,Acme,9,2026-03-01,ok\nr2,Acme,9,2026-03-01,caf`, new Uint8Array([0xe9, 0x0a])]);
    const error = await importCsv(blob, { now: NOW, onBatch: () => undefined }).catch((e: unknown) => e);
    expect((error as ImportSetupError).problem).toMatchObject({ code: 'bad_encoding', row: 3 });
  });

  it('a file that is Windows-1252 from its start is read as such', async () => {
    const blob = new Blob([`${HEADER}\nr1,Acme,9,2026-03-01,caf`, new Uint8Array([0xe9, 0x0a])]);
    const { responses } = await run(blob);
    expect(responses[0]?.comment).toBe('café');
  });
});

describe('values that cannot be what they say', () => {
  it('a NUL or a text-direction override in a name or email is the row’s error; in a comment it is the customer’s text', async () => {
    const csv = [
      'response_id,account_name,respondent_email,score,responded_at,comment',
      'r1,Acme\u0000 Corp,ann@acme.com,9,2026-03-01,ok',
      'r2,Acme,ann\u202E@acme.com,9,2026-03-01,ok',
      'r3,Acme,bob@acme.com,9,2026-03-01,said \u202Eso',
    ].join('\n');
    const { summary, responses, errors } = await run(csv);
    expect(errors).toEqual([
      'Row 2: account_name — "Acme<U+0000> Corp" holds an invisible character (U+0000): a name, email or id may not',
      'Row 3: respondent_email — "ann<U+202E>@acme.com" holds an invisible character (U+202E): a name, email or id may not',
    ]);
    expect(summary).toMatchObject({ imported: 1, rejected: 2 });
    expect(responses[0]?.comment).toBe('said \u202Eso');
  });

  it('read in many chunks, a row with a hidden character is found in its chunk, and clean chunks’ rows pass', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `r${i},Acme,p${i}@acme.com,9,2026-03-01,ok`);
    rows[257] = 'r257,Acme,ann\u202E@acme.com,9,2026-03-01,ok';
    const csv = ['response_id,account_name,respondent_email,score,responded_at,comment', ...rows].join('\n');
    const { summary, errors } = await run(csv, { chunkSize: 512 });
    expect(errors).toEqual(['Row 259: respondent_email — "ann<U+202E>@acme.com" holds an invisible character (U+202E): a name, email or id may not']);
    expect(summary).toMatchObject({ imported: 399, rejected: 1 });
  });

  it('an offset that cannot be (+99:99) and a day that does not exist (2026-02-30) are errors', async () => {
    const { errors } = await run([HEADER, 'r1,Acme,9,2026-03-01T10:00:00+99:99,x', 'r2,Acme,9,2026-02-30,y', 'r3,Acme,9,2026-03-01T10:00:00+14:00,z'].join('\n'));
    expect(errors).toEqual([
      expect.stringMatching(/^Row 2: responded_at — "2026-03-01T10:00:00\+99:99" has a time zone offset that cannot be/),
      expect.stringMatching(/^Row 3: responded_at — "2026-02-30" is not a date \(day 30 of month 2\)/),
    ]);
  });
});

describe('size', () => {
  it('a cell longer than the limit is the row’s error (named with its length), never stored cut', async () => {
    const long = 'x'.repeat(MAX_CELL_CHARS + 1);
    const { summary, errors } = await run([HEADER, `r1,Acme,9,2026-03-01,${long}`, 'r2,Acme,9,2026-03-01,short'].join('\n'));
    expect(summary).toMatchObject({ imported: 1, rejected: 1 });
    expect(errors).toEqual([`Row 2: comment — "${'x'.repeat(80)}…" is 50,001 characters long; a cell may hold at most 50,000`]);
  });

  it('long comments end a batch early, so no message to the background grows past a few MiB', async () => {
    const comment = 'y'.repeat(40_000);
    const rows = Array.from({ length: 300 }, (_, i) => `r${i},Acme,9,2026-03-01,${comment}`);
    const batches: ImportBatch[] = [];
    const summary = await importCsv([HEADER, ...rows].join('\n'), { now: NOW, onBatch: (b) => void batches.push(b) });
    expect(summary.imported).toBe(300);
    const sizes = batches.map((b) => b.responses.reduce((n, r) => n + (r.comment?.length ?? 0), 0));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_BATCH_CHARS);
    expect(batches.length).toBeGreaterThan(2);
  });
});
