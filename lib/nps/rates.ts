/**
 * Response rate (docs/nps-method.md, "Beyond the score"): responses ÷ surveys sent in the window, where
 * sends are known, overall, per role and per channel. The numerator is every non-excluded response in
 * the window whatever the counting rule (the rate is about who answers, not how answers are weighed).
 * A send's role is its role value through the same mapping (sends carry no title). Responses and
 * sends are not linked, so with incomplete send data a rate can exceed 1; it is reported as is.
 */
import { ROLES } from '../model/constants';
import type { Role, SurveyResponse, SurveySend, WindowKey } from '../model';
import { channelKeyOf, perChannel, type ChannelKey } from './channels';
import { resolveResponses, type ResolvedResponse } from './resolved';
import { roleResolverFor, type RoleMapping, type RoleResolver } from './roles';
import { isInRange, windowRange } from './windows';

/** Under this rate the answers may over-represent the very happy and the very unhappy. */
export const LOW_RESPONSE_RATE = 0.2;

export interface ResponseRate {
  responses: number;
  sends: number;
  /** responses ÷ sends as a fraction (0.25 = 25%); null when no sends are known. */
  rate: number | null;
  /** True when the rate is known and below 20%. */
  lowRateWarning: boolean;
}

export interface ResponseRates {
  overall: ResponseRate;
  byRole: Record<Role, ResponseRate>;
  byChannel: Record<ChannelKey, ResponseRate>;
}

/** One rate cell: null where no sends are known, with the under-20% warning. */
export function responseRate(responses: number, sends: number): ResponseRate {
  const rate = sends > 0 ? responses / sends : null;
  return { responses, sends, rate, lowRateWarning: rate !== null && rate < LOW_RESPONSE_RATE };
}

interface Tally {
  responses: number;
  sends: number;
}

function finish(t: Tally): ResponseRate {
  return responseRate(t.responses, t.sends);
}

/** Rates from the window's resolved responses and the window's sends (both already filtered to the window). */
export function responseRatesFromResolved(
  responsesInWindow: readonly ResolvedResponse[],
  sendsInWindow: readonly SurveySend[],
  resolver: RoleResolver,
): ResponseRates {
  const overall: Tally = { responses: 0, sends: 0 };
  const byRole = {} as Record<Role, Tally>;
  for (const role of ROLES) byRole[role] = { responses: 0, sends: 0 };
  const byChannel = perChannel<Tally>(() => ({ responses: 0, sends: 0 }));
  for (const e of responsesInWindow) {
    overall.responses += 1;
    byRole[e.role].responses += 1;
    byChannel[channelKeyOf(e.response)].responses += 1;
  }
  for (const s of sendsInWindow) {
    overall.sends += 1;
    byRole[resolver(s.respondentRole, undefined)].sends += 1;
    byChannel[channelKeyOf(s)].sends += 1;
  }
  const roles = {} as Record<Role, ResponseRate>;
  for (const role of ROLES) roles[role] = finish(byRole[role]);
  const channels = perChannel<ResponseRate>(() => responseRate(0, 0));
  for (const key of Object.keys(byChannel) as ChannelKey[]) channels[key] = finish(byChannel[key]);
  return { overall: finish(overall), byRole: roles, byChannel: channels };
}

/** Response rates for a window ending at `now`, overall, per role and per channel. */
export function responseRates(
  responses: readonly SurveyResponse[],
  sends: readonly SurveySend[],
  options: { window: WindowKey; now: number; roleMapping?: RoleMapping },
): ResponseRates {
  const range = windowRange(options.window, options.now);
  const resolver = roleResolverFor(options.roleMapping);
  const inWindow = resolveResponses(
    responses.filter((r) => isInRange(r.respondedAt, range)),
    resolver,
  );
  return responseRatesFromResolved(
    inWindow,
    sends.filter((s) => isInRange(s.sentAt, range)),
    resolver,
  );
}
