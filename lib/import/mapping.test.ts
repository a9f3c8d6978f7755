import { describe, expect, it } from 'vitest';
import { mappingStep, resolveMapping } from './mapping';
import { importOutcome, keepsStaging } from './policy';
import { importCsv, ImportSetupError, type ImportBatch } from './stream';

const NOW = Date.UTC(2026, 3, 1);
// A survey tool's export whose columns none of the aliases know.
const HEADERS = ['Customer', 'How happy (0-10)?', 'When', 'Thoughts'];
const CSV = [HEADERS.join(','), 'Acme Corporation,9,2026-03-01,Great', 'Globex,3,2026-03-02,Slow', 'Initech,11,2026-03-03,Oops'].join('\n');

describe('the mapping step', () => {
  it('lists the required fields with what matched, and the headers nothing uses', () => {
    const step = mappingStep(['account_name', 'score', 'Submitted', 'Extra'], 'responses');
    expect(step.choices.map((c) => [c.field, c.column, c.required])).toEqual([
      ['score', 1, 'yes'],
      ['responded_at', null, 'yes'],
      ['account_id', null, 'one-of-account'],
      ['account_name', 0, 'one-of-account'],
    ]);
    expect(step.unmatchedHeaders).toEqual(['Submitted', 'Extra']);
    expect(step.missing).toEqual(['responded_at']);
  });

  it('turns the choices into a mapping the import accepts, and the file imports with it', async () => {
    const file = new Blob([CSV]);
    await expect(importCsv(file, { kind: 'responses', onBatch: () => undefined })).rejects.toBeInstanceOf(ImportSetupError);

    const result = resolveMapping(HEADERS, 'responses', { account_name: 0, score: 1, responded_at: 2 });
    if (!result.ok) throw new Error(result.problems.join(' '));
    const batches: ImportBatch[] = [];
    const summary = await importCsv(file, { kind: 'responses', mapping: result.mapping, now: NOW, onBatch: (b) => void batches.push(b) });
    expect(summary).toMatchObject({ imported: 2, rejected: 1, unknownHeaders: ['Thoughts'] });
    expect(summary.errors[0]).toMatchObject({ row: 4, column: 'How happy (0-10)?' });
    const responses = batches.flatMap((b) => b.responses);
    expect(responses.map((r) => [r.accountId, r.score, new Date(r.respondedAt).toISOString().slice(0, 10)])).toEqual([
      ['name:acme', 9, '2026-03-01'],
      ['name:globex', 3, '2026-03-02'],
    ]);
  });

  it('says what is wrong: a required field left out, one column chosen twice', () => {
    expect(resolveMapping(HEADERS, 'responses', { account_name: 0, score: 1 })).toEqual({
      ok: false,
      problems: ['Choose the column of Date of the response.'],
      issues: [{ code: 'choose', field: 'responded_at' }],
    });
    const twice = resolveMapping(HEADERS, 'responses', { account_name: 0, score: 1, responded_at: 1 });
    expect(twice.ok).toBe(false);
    expect(!twice.ok && twice.problems[0]).toBe('"How happy (0-10)?" is chosen for both Score (0–10) and Date of the response.');
    const noAccount = resolveMapping(HEADERS, 'responses', { score: 1, responded_at: 2, account_name: null });
    expect(!noAccount.ok && noAccount.problems).toEqual(['Choose the column of the account id or of the account name.']);
  });
});

describe('all or nothing', () => {
  it('commits the valid rows by default, and nothing when a row was rejected and the setting is on', () => {
    expect(importOutcome({ imported: 9, rejected: 1 }, false)).toEqual({ commit: true, imported: 9, rejected: 1, withheld: 0 });
    expect(importOutcome({ imported: 9, rejected: 1 }, true)).toEqual({ commit: false, imported: 0, rejected: 1, withheld: 9 });
    expect(importOutcome({ imported: 9, rejected: 0 }, true)).toEqual({ commit: true, imported: 9, rejected: 0, withheld: 0 });
  });

  it('stops staging after the first rejected row only under all-or-nothing', () => {
    expect(keepsStaging(0, true)).toBe(true);
    expect(keepsStaging(1, true)).toBe(false);
    expect(keepsStaging(5, false)).toBe(true);
  });
});
