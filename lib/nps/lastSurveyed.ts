/**
 * Last surveyed (docs/nps-method.md, "Beyond the score"): the newest send or response per account and per
 * respondent, so nobody is over-surveyed. All time, up to `now`; excluded responses are left out like
 * everywhere else. Sends are matched to respondents by lower-cased email; a response with neither
 * email nor name counts for the account only. On a tie between a send and a response the response
 * wins: the survey was not only sent but answered.
 */
import type { SurveyResponse, SurveySend } from '../model';
import { respondentKey } from './windows';

export interface LastContact {
  /** Instant of the newest send or response. */
  at: number;
  kind: 'send' | 'response';
}

export interface RespondentLastSurveyed {
  /** See `respondentKey` (`email:…` or `name:…`). */
  key: string;
  /** Lower-cased email, when known. */
  email: string | null;
  /** The name on the respondent's newest named response, when known. */
  name: string | null;
  lastSentAt: number | null;
  lastRespondedAt: number | null;
  last: LastContact;
}

export interface LastSurveyed {
  account: LastContact | null;
  /** Newest contact first. */
  byRespondent: RespondentLastSurveyed[];
}

interface Person {
  email: string | null;
  name: string | null;
  nameAt: number;
  nameId: string;
  lastSentAt: number;
  lastRespondedAt: number;
}

function lastContact(sentAt: number, respondedAt: number): LastContact | null {
  if (sentAt === -Infinity && respondedAt === -Infinity) return null;
  return respondedAt >= sentAt ? { at: respondedAt, kind: 'response' } : { at: sentAt, kind: 'send' };
}

function orNull(t: number): number | null {
  return t === -Infinity ? null : t;
}

/** Newest send or response for the account and for each known respondent. O(n) plus sorting the respondents. */
export function lastSurveyed(responses: readonly SurveyResponse[], sends: readonly SurveySend[], now: number): LastSurveyed {
  return lastSurveyedFromKeyed(
    responses.map((response) => ({ response, key: respondentKey(response) })),
    sends,
    now,
  );
}

/**
 * As `lastSurveyed`, for responses whose respondent key is already known (see `resolveResponses`);
 * `respondent`, when given, must be the same integer for the same key and saves a look-up per response.
 */
export function lastSurveyedFromKeyed(
  responses: ReadonlyArray<{ response: SurveyResponse; key: string; respondent?: number }>,
  sends: readonly SurveySend[],
  now: number,
): LastSurveyed {
  let accountSent = -Infinity;
  let accountResponded = -Infinity;
  const people = new Map<string, Person>();
  const person = (key: string): Person => {
    let p = people.get(key);
    if (!p) {
      p = { email: null, name: null, nameAt: -Infinity, nameId: '', lastSentAt: -Infinity, lastRespondedAt: -Infinity };
      people.set(key, p);
    }
    return p;
  };
  const byIndex: Array<Person | null> = [];
  for (const { response: r, key, respondent } of responses) {
    if (r.excluded || r.respondedAt > now) continue;
    if (r.respondedAt > accountResponded) accountResponded = r.respondedAt;
    let p = respondent === undefined ? undefined : byIndex[respondent];
    if (p === undefined) {
      p = key.startsWith('response:') ? null : person(key);
      if (p && p.email === null && key.startsWith('email:')) p.email = key.slice(6);
      if (respondent !== undefined) byIndex[respondent] = p;
    }
    if (p === null) continue;
    if (r.respondedAt > p.lastRespondedAt) p.lastRespondedAt = r.respondedAt;
    // The name shown is the one on the newest named response, so the result never depends on input order.
    if (r.respondentName !== undefined && r.respondedAt >= p.nameAt) {
      const name = r.respondentName.trim();
      if (name && (r.respondedAt > p.nameAt || r.id > p.nameId)) {
        p.name = name;
        p.nameAt = r.respondedAt;
        p.nameId = r.id;
      }
    }
  }
  // Sends repeat the same few addresses: normalise each distinct raw address once, then one look-up per send.
  const personOfRawEmail = new Map<string, Person | null>();
  for (const s of sends) {
    if (s.sentAt > now) continue;
    if (s.sentAt > accountSent) accountSent = s.sentAt;
    const raw = s.respondentEmail;
    if (raw === undefined) continue;
    let p = personOfRawEmail.get(raw);
    if (p === undefined) {
      const email = raw.trim().toLowerCase();
      p = email ? person(`email:${email}`) : null;
      if (p) p.email ??= email;
      personOfRawEmail.set(raw, p);
    }
    if (p !== null && s.sentAt > p.lastSentAt) p.lastSentAt = s.sentAt;
  }
  const byRespondent: RespondentLastSurveyed[] = [];
  for (const [key, p] of people) {
    const last = lastContact(p.lastSentAt, p.lastRespondedAt);
    if (last) byRespondent.push({ key, email: p.email, name: p.name, lastSentAt: orNull(p.lastSentAt), lastRespondedAt: orNull(p.lastRespondedAt), last });
  }
  byRespondent.sort((a, b) => b.last.at - a.last.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { account: lastContact(accountSent, accountResponded), byRespondent };
}
