/**
 * The role mapping editor's live preview: for a mapping being edited, how many stored respondents each
 * synonym and each job-title rule maps, and how many end up in each role. It follows `resolveRole`'s
 * order exactly (a synonym, unless it says `unknown`; else the first title rule that matches; else
 * end user for any title; else unknown), and says which rule decided, which `resolveRole` does not.
 */
import { ROLES, type Role } from '../model';
import { compileTitlePattern, normalizeRoleKey, type RoleMapping } from '../nps';

/** A person as the preview needs them: the role value and the job title their data gave. */
export interface RespondentRoleFacts {
  role?: string;
  title?: string;
}

export interface RoleMappingPreview {
  /** Respondents considered. */
  respondents: number;
  /** Per synonym key (as written in the mapping): respondents whose role value it mapped to a role. */
  bySynonym: Record<string, number>;
  /** Per title rule (same order as the mapping): respondents whose role it decided. */
  byTitleRule: number[];
  /** Respondents with a title that no rule matched (they count as end users). */
  titleWithoutRule: number;
  /** Respondents with neither a mapped role value nor a title. */
  nothing: number;
  /** Respondents per resulting role. */
  byRole: Record<Role, number>;
  /** Role values no synonym maps, most frequent first (at most 20): candidates for a new synonym. */
  unmappedValues: Array<{ value: string; respondents: number }>;
}

type Decision = { kind: 'synonym'; key: string; role: Role } | { kind: 'rule'; index: number; role: Role } | { kind: 'title' } | { kind: 'nothing' };

/**
 * Counts respondents as they come (`add`: one person, or `respondents` people who give the same role
 * and title), so a long list can be counted a slice at a time; `result` gives the preview.
 */
export function rolePreviewCounter(mapping: RoleMapping): { add(person: RespondentRoleFacts, respondents?: number): void; result(): RoleMappingPreview } {
  // Later keys win over earlier ones that normalise alike, as in `createRoleResolver`.
  const synonyms = new Map<string, { key: string; role: Role }>();
  for (const role of ROLES) synonyms.set(normalizeRoleKey(role), { key: role, role });
  for (const [key, role] of Object.entries(mapping.synonyms)) synonyms.set(normalizeRoleKey(key), { key, role });
  const rules = mapping.titleRules.map((rule) => ({ re: compileTitlePattern(rule.pattern), role: rule.role }));

  const preview: RoleMappingPreview = {
    respondents: 0,
    bySynonym: Object.fromEntries(Object.keys(mapping.synonyms).map((k) => [k, 0])),
    byTitleRule: rules.map(() => 0),
    titleWithoutRule: 0,
    nothing: 0,
    byRole: Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>,
    unmappedValues: [],
  };
  const unmapped = new Map<string, { value: string; respondents: number }>();
  // Respondents repeat the same few (role, title) pairs: decide each pair once.
  const memo = new Map<string, Decision>();

  const decide = (rawRole: string | undefined, title: string | undefined): Decision => {
    if (rawRole) {
      const synonym = synonyms.get(normalizeRoleKey(rawRole));
      if (synonym && synonym.role !== 'unknown') return { kind: 'synonym', key: synonym.key, role: synonym.role };
    }
    const t = title?.trim();
    if (!t) return { kind: 'nothing' };
    const index = rules.findIndex((rule) => rule.re?.test(t));
    return index >= 0 ? { kind: 'rule', index, role: rules[index]!.role } : { kind: 'title' };
  };

  const add = (person: RespondentRoleFacts, n = 1) => {
    preview.respondents += n;
    const memoKey = `${person.role ?? ''}\u0000${person.title ?? ''}`;
    let decision = memo.get(memoKey);
    if (!decision) {
      decision = decide(person.role, person.title);
      memo.set(memoKey, decision);
    }
    const rawRole = person.role?.trim();
    if (rawRole && !synonyms.has(normalizeRoleKey(rawRole))) {
      const key = normalizeRoleKey(rawRole);
      const entry = unmapped.get(key) ?? { value: rawRole, respondents: 0 };
      entry.respondents += n;
      unmapped.set(key, entry);
    }
    switch (decision.kind) {
      case 'synonym':
        if (decision.key in preview.bySynonym) preview.bySynonym[decision.key]! += n;
        preview.byRole[decision.role] += n;
        break;
      case 'rule':
        preview.byTitleRule[decision.index]! += n;
        preview.byRole[decision.role] += n;
        break;
      case 'title':
        preview.titleWithoutRule += n;
        preview.byRole.end_user += n;
        break;
      case 'nothing':
        preview.nothing += n;
        preview.byRole.unknown += n;
        break;
    }
  };
  return {
    add,
    result() {
      preview.unmappedValues = [...unmapped.values()].sort((a, b) => b.respondents - a.respondents || a.value.localeCompare(b.value)).slice(0, 20);
      return preview;
    },
  };
}

export function previewRoleMapping(mapping: RoleMapping, respondents: Iterable<RespondentRoleFacts>): RoleMappingPreview {
  const counter = rolePreviewCounter(mapping);
  for (const person of respondents) counter.add(person);
  return counter.result();
}
