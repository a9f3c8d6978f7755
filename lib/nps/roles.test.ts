import { describe, expect, test } from 'vitest';
import {
  DEFAULT_ROLE_MAPPING,
  compileTitlePattern,
  createRoleResolver,
  normalizeRoleKey,
  resolveRole,
  validateRoleMapping,
  type RoleMapping,
} from './index';

describe('normalisation', () => {
  test('lower case; spaces, - and _ collapse to one space', () => {
    expect(normalizeRoleKey('  Decision_Maker ')).toBe('decision maker');
    expect(normalizeRoleKey('C-Level')).toBe('c level');
    expect(normalizeRoleKey('end - _ user')).toBe('end user');
  });
  test('default synonym keys are already normalised', () => {
    for (const key of Object.keys(DEFAULT_ROLE_MAPPING.synonyms)) expect(normalizeRoleKey(key)).toBe(key);
  });
});

describe('synonyms', () => {
  test.each([
    ['Exec', 'executive'],
    ['C-level', 'executive'],
    ['executive', 'executive'],
    ['Decision Maker', 'decision_maker'],
    ['decision_maker', 'decision_maker'],
    ['DECISION-MAKER', 'decision_maker'],
    ['Buyer', 'decision_maker'],
    ['Economic buyer', 'decision_maker'],
    ['Champion', 'influencer'],
    ['Admin', 'influencer'],
    ['Influencer', 'influencer'],
    ['User', 'end_user'],
    ['End user', 'end_user'],
    ['end_user', 'end_user'],
  ] as const)('%s → %s', (raw, role) => {
    expect(resolveRole(raw, undefined)).toBe(role);
  });
  test('canonical names work even when a custom mapping omits them', () => {
    const custom: RoleMapping = { synonyms: { boss: 'executive' }, titleRules: [] };
    expect(resolveRole('Boss', undefined, custom)).toBe('executive');
    expect(resolveRole('Decision Maker', undefined, custom)).toBe('decision_maker');
    expect(resolveRole('influencer', undefined, custom)).toBe('influencer');
  });
  test('custom mapping keys are normalised too', () => {
    const custom: RoleMapping = { synonyms: { 'Key_Account-Owner': 'influencer' }, titleRules: [] };
    expect(resolveRole('key account owner', undefined, custom)).toBe('influencer');
  });
});

describe('title rules', () => {
  test.each([
    ['CEO', 'executive'],
    ['Co-founder & CEO', 'executive'],
    ['cfo', 'executive'],
    ['CTO', 'executive'],
    ['COO', 'executive'],
    ['Chief Revenue Officer', 'executive'],
    ['President', 'executive'],
    ['Vice President, Operations', 'executive'],
    ['VP Sales', 'executive'],
    ['SVP Engineering', 'executive'],
    ['Director of IT', 'decision_maker'],
    ['Managing Director', 'decision_maker'],
    ['Head of Support', 'decision_maker'],
    ['Procurement Specialist', 'decision_maker'],
    ['Procurement Manager', 'decision_maker'],
    ['Product Manager', 'influencer'],
    ['Team Lead', 'influencer'],
    ['Lead Engineer', 'influencer'],
    ['System Administrator', 'influencer'],
    ['Leadership coach', 'end_user'],
    ['Management Consultant', 'end_user'],
    ['Coordinator', 'end_user'],
    ['Executive Assistant', 'end_user'],
    ['Assistant to the CEO', 'end_user'],
    ['Support Engineer', 'end_user'],
    ['Vice President of Procurement', 'executive'],
    ['Services', 'end_user'],
    ['Vpn engineer', 'end_user'],
    ['chiefly accountant', 'end_user'],
  ] as const)('%s → %s', (title, role) => {
    expect(resolveRole(undefined, title)).toBe(role);
  });
  test('keywords match whole words only', () => {
    const re = compileTitlePattern('Lead');
    expect(re?.test('Team Lead')).toBe(true);
    expect(re?.test('lead')).toBe(true);
    expect(re?.test('Leadership')).toBe(false);
    expect(re?.test('Misleading')).toBe(false);
    expect(compileTitlePattern('Head of')?.test('Head   of Sales')).toBe(true);
  });
  test('regex sources are used as regexes, case-insensitively; invalid ones are skipped and reported', () => {
    expect(compileTitlePattern('^ops\\b')?.test('OPS manager')).toBe(true);
    expect(compileTitlePattern('([')).toBeNull();
    const mapping: RoleMapping = { synonyms: {}, titleRules: [{ pattern: '([', role: 'executive' }, { pattern: 'Ops', role: 'influencer' }] };
    expect(validateRoleMapping(mapping)).toEqual(['title rule 1 has an invalid pattern "(["']);
    expect(resolveRole(undefined, 'Ops engineer', mapping)).toBe('influencer');
    expect(validateRoleMapping(DEFAULT_ROLE_MAPPING)).toEqual([]);
  });
  test('rules apply in order: the first match wins', () => {
    const mapping: RoleMapping = { synonyms: {}, titleRules: [{ pattern: 'Manager', role: 'influencer' }, { pattern: 'Director', role: 'decision_maker' }] };
    expect(resolveRole(undefined, 'Director, Account Manager', mapping)).toBe('influencer');
  });
});

describe('precedence and unknown', () => {
  test('the role value beats the title', () => {
    expect(resolveRole('End user', 'CEO')).toBe('end_user');
    expect(resolveRole('Champion', 'Director of IT')).toBe('influencer');
  });
  test('an unrecognised or unknown role value lets the title decide', () => {
    expect(resolveRole('Sponsor', 'CEO')).toBe('executive');
    expect(resolveRole('unknown', 'Product Manager')).toBe('influencer');
    expect(resolveRole('Sponsor', undefined)).toBe('unknown');
  });
  test('nothing → unknown; a blank title is nothing', () => {
    expect(resolveRole(undefined, undefined)).toBe('unknown');
    expect(resolveRole('', '   ')).toBe('unknown');
  });
  test('a resolver memoises but gives the same answers', () => {
    const r = createRoleResolver();
    expect(r(undefined, 'CEO')).toBe('executive');
    expect(r(undefined, 'CEO')).toBe('executive');
    expect(r('Buyer', 'CEO')).toBe('decision_maker');
  });
});
