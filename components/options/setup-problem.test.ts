import { describe, expect, it } from 'vitest';
import { ImportSetupError, type ImportSetupProblem } from '../../lib/import';
import { translator } from '../../lib/i18n';
import { setupProblemText } from './setup-problem';

const analysis = {
  kind: 'responses', headers: ['score', 'Score', 'date'], missing: ['responded_at', 'account_id'], duplicates: [{ field: 'score', columns: [0, 1] }],
} as unknown as Extract<ImportSetupProblem, { code: 'missing_columns' }>['analysis'];

const problems: ImportSetupProblem[] = [
  { code: 'empty_file' },
  { code: 'unknown_kind', headers: ['a'] },
  { code: 'missing_columns', analysis },
  { code: 'duplicate_columns', analysis },
  { code: 'bad_encoding', row: 12, byte: 40 },
  { code: 'unclosed_quote', row: 3, lines: 1 },
  { code: 'unclosed_quote', row: 3, lines: 7 },
  { code: 'date_order_ambiguous', analysis, example: '03/04/2026' },
  { code: 'date_order_conflict', analysis, verdict: { order: 'conflict', dmyExample: { row: 2, value: '31/03/2026' }, mdyExample: { row: 9, value: '03/31/2026' } } as never },
];

describe('setupProblemText', () => {
  it.each(problems.map((p) => [p.code, p] as const))('%s: in English, word for word what the importer says', (_code, problem) => {
    expect(setupProblemText(problem, translator('en'))).toBe(new ImportSetupError(problem).message);
  });

  it('speaks the UI’s language, with the row and the values', () => {
    expect(setupProblemText({ code: 'bad_encoding', row: 12, byte: 40 }, translator('de'))).toContain('Zeile 12');
    expect(setupProblemText({ code: 'missing_columns', analysis }, translator('fr'))).toBe('Colonnes obligatoires manquantes : responded_at, account_id.');
  });
});
