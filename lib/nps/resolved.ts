/**
 * A response prepared once for all figures: its category, canonical role and respondent key, so a
 * context over many responses resolves each role a single time.
 */
import type { Role, SurveyResponse } from '../model';
import { classifyScore, type NpsCategory } from './classify';
import { addCategory, emptyCounts, type NpsCounts } from './nps';
import { roleResolverFor, type RoleMapping, type RoleResolver } from './roles';
import { respondentKey } from './windows';
import { ROLES } from '../model/constants';

export interface ResolvedResponse {
  response: SurveyResponse;
  category: NpsCategory;
  role: Role;
  /** See `respondentKey`. */
  key: string;
  /**
   * The respondent as a small integer, the same for the same key within one `resolveResponses` call
   * (cheap to use as a map key). An anonymous response always gets its own number.
   */
  respondent: number;
}

/** Resolves every countable response once; excluded responses are dropped here because they never count. Throws on an invalid score. */
export function resolveResponses(responses: readonly SurveyResponse[], mapping?: RoleMapping | RoleResolver): ResolvedResponse[] {
  const resolver = typeof mapping === 'function' ? mapping : roleResolverFor(mapping);
  // Raw emails and names repeat: normalise each distinct raw value once and reuse the key string.
  const indexOfKey = new Map<string, number>();
  const keys: string[] = [];
  const byRawEmail = new Map<string, number>();
  const byRawName = new Map<string, number>();
  const intern = (key: string): number => {
    let i = indexOfKey.get(key);
    if (i === undefined) {
      i = keys.length;
      keys.push(key);
      indexOfKey.set(key, i);
    }
    return i;
  };
  const out: ResolvedResponse[] = [];
  for (const response of responses) {
    if (response.excluded) continue;
    const email = response.respondentEmail;
    const name = response.respondentName;
    let respondent: number | undefined = email !== undefined ? byRawEmail.get(email) : undefined;
    if (respondent === undefined && (email === undefined || email.trim() === '') && name !== undefined) respondent = byRawName.get(name);
    let key: string;
    if (respondent === undefined) {
      key = respondentKey(response);
      if (key.startsWith('email:') && email !== undefined) {
        respondent = intern(key);
        byRawEmail.set(email, respondent);
      } else if (key.startsWith('name:') && name !== undefined) {
        respondent = intern(key);
        byRawName.set(name, respondent);
      } else {
        // Anonymous: the response is its own respondent, so it gets a fresh number without a look-up.
        respondent = keys.length;
        keys.push(key);
      }
    } else {
      key = keys[respondent] ?? respondentKey(response);
    }
    out.push({
      response,
      category: classifyScore(response.score),
      role: resolver(response.respondentRole, response.respondentTitle),
      key,
      respondent,
    });
  }
  return out;
}

/** An all-zero tally per canonical role. */
export function emptyRoleCounts(): Record<Role, NpsCounts> {
  const out = {} as Record<Role, NpsCounts>;
  for (const role of ROLES) out[role] = emptyCounts();
  return out;
}

/** Tallies resolved responses overall and per role in one pass. */
export function tallyByRole(entries: readonly ResolvedResponse[]): { overall: NpsCounts; byRole: Record<Role, NpsCounts> } {
  const overall = emptyCounts();
  const byRole = emptyRoleCounts();
  for (const e of entries) {
    addCategory(overall, e.category);
    addCategory(byRole[e.role], e.category);
  }
  return { overall, byRole };
}
