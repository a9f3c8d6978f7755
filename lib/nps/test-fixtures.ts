/**
 * Small builders for tests and benchmarks: complete records with sensible defaults.
 */
import type { Account, Action, AccountRecords, SurveyResponse, SurveySend } from '../model';

export const DAY = 86_400_000;

/** A response with defaults for every required field. */
export function makeResponse(partial: Partial<SurveyResponse> & Pick<SurveyResponse, 'id' | 'score' | 'respondedAt'>): SurveyResponse {
  return { accountId: 'acc-1', tags: [], excluded: false, updatedAt: partial.respondedAt, ...partial };
}

/** An action with defaults for every required field. */
export function makeAction(partial: Partial<Action> & Pick<Action, 'id' | 'createdAt'>): Action {
  return { accountId: 'acc-1', title: 'Follow up', status: 'open', updatedAt: partial.createdAt, ...partial };
}

/** A send with defaults for every required field. */
export function makeSend(partial: Partial<SurveySend> & Pick<SurveySend, 'id' | 'sentAt'>): SurveySend {
  return { accountId: 'acc-1', ...partial };
}

export const ACCOUNT: Account = {
  id: 'acc-1',
  name: 'Acme',
  domains: ['acme.example'],
  salesforceIds: [],
  zendeskOrganizationIds: [],
  hubspotCompanyIds: [],
  updatedAt: 0,
};

/** Records for one account. */
export function makeRecords(responses: SurveyResponse[], actions: Action[] = [], sends: SurveySend[] = []): AccountRecords {
  return { account: ACCOUNT, responses, actions, sends };
}

/** Scores for P promoters, A passives and D detractors (10, 8, 3). */
export function scoresFor(promoters: number, passives: number, detractors: number): number[] {
  return [...Array<number>(promoters).fill(10), ...Array<number>(passives).fill(8), ...Array<number>(detractors).fill(3)];
}
