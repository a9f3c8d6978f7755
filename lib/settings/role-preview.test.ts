import fc from 'fast-check';
import { DEFAULT_ROLE_MAPPING, resolveRole, type RoleMapping } from '../nps';
import { previewRoleMapping, rolePreviewCounter, type RespondentRoleFacts } from './role-preview';

const PEOPLE: RespondentRoleFacts[] = [
  { role: 'Exec' }, // synonym exec → executive
  { role: 'exec ' }, // the same synonym, normalised
  { role: 'Champion', title: 'CEO' }, // the synonym wins over the title
  { role: 'Sponsor', title: 'VP Sales' }, // unmapped value; the title rule \b[se]?vp\b decides
  { role: 'Sponsor' }, // unmapped value, no title → unknown
  { title: 'Director of IT' }, // rule "Director"
  { title: 'Data Analyst' }, // a title no rule matches → end user
  {}, // nothing → unknown
  { role: 'unknown', title: 'Team Lead' }, // a synonym that says unknown lets the title decide
];

test('counts each synonym and rule by the respondents it decides, and each role', () => {
  const preview = previewRoleMapping(DEFAULT_ROLE_MAPPING, PEOPLE);
  expect(preview.respondents).toBe(9);
  expect(preview.bySynonym.exec).toBe(2);
  expect(preview.bySynonym.champion).toBe(1);
  expect(preview.bySynonym.unknown).toBe(0);
  const ruleIndex = (pattern: string) => DEFAULT_ROLE_MAPPING.titleRules.findIndex((r) => r.pattern === pattern);
  expect(preview.byTitleRule[ruleIndex('\\b[se]?vp\\b')]).toBe(1);
  expect(preview.byTitleRule[ruleIndex('Director')]).toBe(1);
  expect(preview.byTitleRule[ruleIndex('\\blead(er)?\\b')]).toBe(1);
  expect(preview.byTitleRule.reduce((a, b) => a + b, 0)).toBe(3);
  expect(preview.titleWithoutRule).toBe(1);
  expect(preview.nothing).toBe(2);
  expect(preview.byRole).toEqual({ executive: 3, decision_maker: 1, influencer: 2, end_user: 1, unknown: 2 });
  expect(preview.unmappedValues).toEqual([{ value: 'Sponsor', respondents: 2 }]);
});

test('an edited mapping changes the preview: a new synonym takes the unmapped value', () => {
  const edited: RoleMapping = { ...DEFAULT_ROLE_MAPPING, synonyms: { ...DEFAULT_ROLE_MAPPING.synonyms, sponsor: 'decision_maker' } };
  const preview = previewRoleMapping(edited, PEOPLE);
  expect(preview.bySynonym.sponsor).toBe(2);
  expect(preview.byRole.decision_maker).toBe(3);
  expect(preview.unmappedValues).toEqual([]);
});

test('a rule whose pattern does not compile decides nothing', () => {
  const broken: RoleMapping = { synonyms: {}, titleRules: [{ pattern: '(unclosed', role: 'executive' }, { pattern: 'Director', role: 'decision_maker' }] };
  const preview = previewRoleMapping(broken, [{ title: '(unclosed Director' }]);
  expect(preview.byTitleRule).toEqual([0, 1]);
});

test('every respondent lands in the role resolveRole gives them', () => {
  const values = fc.option(fc.constantFrom('Exec', 'buyer', 'User', 'unknown', 'Sponsor', 'C-Level', ''), { nil: undefined });
  const titles = fc.option(fc.constantFrom('CEO', 'Assistant to the CEO', 'Head of Ops', 'Engineer', 'Team Leader', '  '), { nil: undefined });
  fc.assert(
    fc.property(fc.array(fc.record({ role: values, title: titles }), { maxLength: 30 }), (people) => {
      const preview = previewRoleMapping(DEFAULT_ROLE_MAPPING, people);
      const expected = { executive: 0, decision_maker: 0, influencer: 0, end_user: 0, unknown: 0 };
      for (const p of people) expected[resolveRole(p.role, p.title)] += 1;
      expect(preview.byRole).toEqual(expected);
    }),
  );
});

test('people counted together by their shared (role, title) count as each counted alone', () => {
  const one = rolePreviewCounter(DEFAULT_ROLE_MAPPING);
  const many = rolePreviewCounter(DEFAULT_ROLE_MAPPING);
  const pairs = [{ role: 'Exec', respondents: 3 }, { title: 'Director of Ops', respondents: 2 }, { role: 'made up', respondents: 4 }, { respondents: 5 }];
  for (const pair of pairs) {
    many.add(pair, pair.respondents);
    for (let i = 0; i < pair.respondents; i++) one.add(pair);
  }
  expect(many.result()).toEqual(one.result());
  expect(many.result().respondents).toBe(14);
  expect(many.result().unmappedValues).toEqual([{ value: 'made up', respondents: 4 }]);
});
