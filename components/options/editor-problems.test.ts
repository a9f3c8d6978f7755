/** The role-mapping and theme editors' problems: worded in each language, and word for word the library's English. */
import { describe, expect, it } from 'vitest';
import { englishRoleProblem, roleMappingProblems, DEFAULT_ROLE_MAPPING, type RoleMapping } from '../../lib/nps';
import { englishTaxonomyProblem, taxonomyIssues } from '../../lib/insights';
import { translator, type MessageKey } from '../../lib/i18n';
import { englishMappingProblem, resolveMapping } from '../../lib/import';
import { fieldName, mappingProblemText } from './mapping-words';

const mapping = {
  ...DEFAULT_ROLE_MAPPING,
  synonyms: { ...DEFAULT_ROLE_MAPPING.synonyms, boss: 'chief' },
  titleRules: [{ pattern: '([', role: 'ceo' }],
} as unknown as RoleMapping;
const taxonomy = { version: 'x', themes: [{ id: '', label: '', words: ['a'] }, { id: 'a', label: 'A', words: [' '] }, { id: 'a', label: 'B', words: ['b'] }] };

describe('editor problems', () => {
  it('role mapping: every kind found, English as the library says it, German in German', () => {
    const problems = roleMappingProblems(mapping);
    expect(problems.map((p) => p.code).sort()).toEqual(['rule_pattern', 'rule_role', 'synonym_role']);
    for (const p of problems) expect(translator('en')(`roleProblem.${p.code}` as MessageKey, p.values)).toBe(englishRoleProblem(p));
    const de = problems.map((p) => translator('de')(`roleProblem.${p.code}` as MessageKey, p.values));
    expect(de).toContain('Regel 1 für Berufsbezeichnungen hat ein ungültiges Muster „([“');
    expect(de).toContain('Synonym „boss“ verweist auf die unbekannte Rolle „chief“');
  });

  it('themes: every kind found, English as the library says it, French in French', () => {
    const problems = taxonomyIssues(taxonomy);
    expect(problems.map((p) => p.code).sort()).toEqual(['id_twice', 'no_id', 'no_words']);
    for (const p of problems) expect(translator('en')(`themeProblem.${p.code}` as MessageKey, p.values)).toBe(englishTaxonomyProblem(p));
    expect(translator('fr')('themeProblem.id_twice', { id: 'a' })).toBe('L’identifiant de thème « a » est utilisé deux fois.');
  });
});

describe('mapping step', () => {
  const headers = ['Company', 'How happy (0-10)?', 'When'];
  it('every problem in English as the importer says it, and in Spanish', () => {
    const cases = [
      resolveMapping(headers, 'responses', { account_name: 0, score: 1 }),
      resolveMapping(headers, 'responses', { account_name: 0, score: 1, responded_at: 1 }),
      resolveMapping(headers, 'responses', { score: 1, responded_at: 2, account_name: null }),
      resolveMapping(headers, 'responses', { account_name: 0, score: 7, responded_at: 2 }),
    ];
    const issues = cases.flatMap((r) => (r.ok ? [] : r.issues));
    expect(new Set(issues.map((i) => i.code))).toEqual(new Set(['choose', 'chosen_twice', 'choose_account', 'no_column']));
    for (const issue of issues) expect(mappingProblemText(issue, translator('en'))).toBe(englishMappingProblem(issue));
    expect(mappingProblemText({ code: 'choose', field: 'responded_at' }, translator('es'))).toBe('Elija la columna de Fecha de la respuesta.');
    expect(fieldName('respondent_email', translator('ja'))).toBe('respondent email');
    expect(fieldName('score', translator('de'))).toBe('Bewertung (0–10)');
  });
});
