/**
 * Respondent roles (docs/nps-method.md, "Respondent roles"). The mapping is data, not code, so the
 * options page can edit it: exact synonyms for the role column first, then job-title rules in order.
 *
 * Title rules: a pattern made only of letters, digits, spaces and `&'.,/-` is a keyword matched as a
 * whole word or phrase, case-insensitively ("Lead" matches "Team Lead" but not "Leadership coach");
 * any other pattern is a case-insensitive regular-expression source. A rule whose regex does not
 * compile is skipped (see `validateRoleMapping`).
 *
 * Choices made in the default mapping:
 * - "Assistant to the CEO" (and any "assistant to …") is an end user: a first rule catches it before
 *   the executive rules would match the word "CEO". "Executive Assistant" matches no rule and is an end user too.
 * - SVP/EVP and Founder count as executive; "Head" (as in "Head of Sales" or "Department Head") as decision maker;
 *   "Leader" and "Admin" alongside "Lead" and "Administrator" as influencer.
 * - A role value that maps to `unknown` (or matches no synonym) says nothing, so the title decides.
 * - Title rules read the title only, never an unrecognised role value.
 */
import { ROLES } from '../model/constants';
import type { Role } from '../model';

export interface TitleRule {
  /** A keyword/phrase (whole-word match) or a regular-expression source; always case-insensitive. */
  pattern: string;
  role: Role;
}

export interface RoleMapping {
  /** Exact role values → canonical role; keys normalised by `normalizeRoleKey`. */
  synonyms: Record<string, Role>;
  /** Tried in order on the job title; the first match wins. */
  titleRules: TitleRule[];
}

/** Normalises a role value for exact matching: trimmed, lower case, runs of spaces, `-` and `_` → one space. */
export function normalizeRoleKey(value: string): string {
  return value.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

/** The mapping shipped by default (docs/nps-method.md, "Respondent roles"); users edit a copy. */
export const DEFAULT_ROLE_MAPPING: RoleMapping = {
  synonyms: {
    executive: 'executive',
    exec: 'executive',
    'c level': 'executive',
    'c suite': 'executive',
    'decision maker': 'decision_maker',
    buyer: 'decision_maker',
    'economic buyer': 'decision_maker',
    influencer: 'influencer',
    champion: 'influencer',
    admin: 'influencer',
    'end user': 'end_user',
    user: 'end_user',
    unknown: 'unknown',
  },
  titleRules: [
    { pattern: '\\bassistant\\s+to\\b', role: 'end_user' },
    { pattern: '\\b(ceo|cfo|cto|coo|cio|cmo|cro|cpo|cso|cco|cdo|ciso|chro)\\b', role: 'executive' },
    { pattern: 'Chief', role: 'executive' },
    { pattern: 'President', role: 'executive' },
    { pattern: 'Vice President', role: 'executive' },
    { pattern: '\\b[se]?vp\\b', role: 'executive' },
    { pattern: '\\b(co-?)?founder\\b', role: 'executive' },
    { pattern: 'Director', role: 'decision_maker' },
    { pattern: '\\bhead\\b', role: 'decision_maker' },
    { pattern: 'Procurement', role: 'decision_maker' },
    { pattern: 'Manager', role: 'influencer' },
    { pattern: '\\blead(er)?\\b', role: 'influencer' },
    { pattern: '\\badmin(istrator)?\\b', role: 'influencer' },
  ],
};

const KEYWORD = /^[\p{L}\p{N} &'.,/-]+$/u;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Compiles one title-rule pattern (keyword → whole-word match; otherwise regex source), or null if it is invalid. */
export function compileTitlePattern(pattern: string): RegExp | null {
  const trimmed = pattern.trim();
  if (trimmed === '') return null;
  try {
    if (KEYWORD.test(trimmed)) {
      const phrase = trimmed.split(/\s+/).map(escapeRegExp).join('\\s+');
      return new RegExp(`(?<![\\p{L}\\p{N}])${phrase}(?![\\p{L}\\p{N}])`, 'iu');
    }
    return new RegExp(trimmed, 'i');
  } catch {
    return null;
  }
}

/** A problem of a user-edited mapping, as a code and values each language words (`roleProblem.<code>`). */
export type RoleMappingProblem =
  | { code: 'synonym_role'; values: { synonym: string; role: string } }
  | { code: 'rule_role'; values: { n: number; role: string } }
  | { code: 'rule_pattern'; values: { n: number; pattern: string } };

/** Problems in a user-edited mapping (unknown roles, patterns that do not compile); empty when valid. */
export function roleMappingProblems(mapping: RoleMapping): RoleMappingProblem[] {
  const problems: RoleMappingProblem[] = [];
  const roles = new Set<string>(ROLES);
  for (const [key, role] of Object.entries(mapping.synonyms)) {
    if (!roles.has(role)) problems.push({ code: 'synonym_role', values: { synonym: key, role: String(role) } });
  }
  mapping.titleRules.forEach((rule, i) => {
    if (!roles.has(rule.role)) problems.push({ code: 'rule_role', values: { n: i + 1, role: String(rule.role) } });
    if (compileTitlePattern(rule.pattern) === null) problems.push({ code: 'rule_pattern', values: { n: i + 1, pattern: rule.pattern } });
  });
  return problems;
}

/** A problem in English (logs, and the error of saving a mapping that has one). */
export function englishRoleProblem({ code, values }: RoleMappingProblem): string {
  switch (code) {
    case 'synonym_role':
      return `synonym "${values.synonym}" maps to unknown role "${values.role}"`;
    case 'rule_role':
      return `title rule ${values.n} maps to unknown role "${values.role}"`;
    case 'rule_pattern':
      return `title rule ${values.n} has an invalid pattern "${values.pattern}"`;
  }
}

/** The problems of a mapping in English; empty when valid. */
export function validateRoleMapping(mapping: RoleMapping): string[] {
  return roleMappingProblems(mapping).map(englishRoleProblem);
}

/** A mapping prepared for many look-ups: normalised synonyms, compiled rules and a memo per (role, title). */
export interface RoleResolver {
  (rawRole: string | undefined, title: string | undefined): Role;
}

/** Prepares a mapping once so each of many responses resolves in O(1) amortised (memoised per distinct pair). */
export function createRoleResolver(mapping: RoleMapping = DEFAULT_ROLE_MAPPING): RoleResolver {
  const synonyms = new Map<string, Role>();
  for (const role of ROLES) synonyms.set(normalizeRoleKey(role), role);
  for (const [key, role] of Object.entries(mapping.synonyms)) synonyms.set(normalizeRoleKey(key), role);
  const rules: Array<{ re: RegExp; role: Role }> = [];
  for (const rule of mapping.titleRules) {
    const re = compileTitlePattern(rule.pattern);
    if (re) rules.push({ re, role: rule.role });
  }
  // Memo per distinct (role value, title) pair, two-level so no key strings are built per call.
  const memo = new Map<string | undefined, Map<string | undefined, Role>>();
  let memoSize = 0;

  const resolve = (rawRole: string | undefined, title: string | undefined): Role => {
    if (rawRole) {
      const byRole = synonyms.get(normalizeRoleKey(rawRole));
      if (byRole !== undefined && byRole !== 'unknown') return byRole;
    }
    const t = title?.trim();
    if (!t) return 'unknown';
    for (const rule of rules) if (rule.re.test(t)) return rule.role;
    return 'end_user';
  };

  return (rawRole, title) => {
    if (rawRole === undefined && title === undefined) return 'unknown';
    let byTitle = memo.get(rawRole);
    let role = byTitle?.get(title);
    if (role === undefined) {
      role = resolve(rawRole, title);
      // Bounded, so a long-lived resolver cannot grow without limit on free-text titles.
      if (memoSize < 10_000) {
        if (!byTitle) {
          byTitle = new Map();
          memo.set(rawRole, byTitle);
        }
        byTitle.set(title, role);
        memoSize += 1;
      }
    }
    return role;
  };
}

const resolvers = new WeakMap<RoleMapping, RoleResolver>();

/** The resolver for a mapping, prepared once per mapping object (mappings are treated as immutable values). */
export function roleResolverFor(mapping: RoleMapping = DEFAULT_ROLE_MAPPING): RoleResolver {
  let resolver = resolvers.get(mapping);
  if (!resolver) {
    resolver = createRoleResolver(mapping);
    resolvers.set(mapping, resolver);
  }
  return resolver;
}

/** A response's canonical role: exact synonym of the role value, else the first matching title rule, else end_user for any title, else unknown. */
export function resolveRole(rawRole: string | undefined, title: string | undefined, mapping: RoleMapping = DEFAULT_ROLE_MAPPING): Role {
  return roleResolverFor(mapping)(rawRole, title);
}
