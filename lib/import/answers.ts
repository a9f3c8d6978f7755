/**
 * Answers that arrive as values rather than CSV cells (a survey tool's API, through a connector) become
 * responses by the import's own rules: the same validation, the same ids on every pull, accounts from the
 * company named or the respondent's email domain, free-mail respondents unassigned. A bad value is an
 * error naming the vendor, the answer and the field, never a stored guess.
 */
import type { SurveyResponse } from '../model';
import type { FieldColumns } from './headers';
import { createRowContext, type AccountFacts, type ImportRowError } from './row-context';
import { rowToResponse } from './rows';

/** One NPS answer as a survey tool gives it. */
export interface Answer {
  externalId: string;
  score: number;
  /** Epoch ms. */
  answeredAt: number;
  email?: string;
  name?: string;
  /** The company, when the tool names it. */
  account?: string;
  comment?: string;
}

export interface AnswersConverted {
  responses: SurveyResponse[];
  /** The accounts the responses belong to, one entry per account. */
  accounts: AccountFacts[];
  /** Answers with no account (free-mail or no email, and no company): not stored. */
  unassigned: number;
  errors: ImportRowError[];
}

const HEADERS = ['response_id', 'score', 'responded_at', 'respondent_email', 'respondent_name', 'account_name', 'comment'];
const COLUMNS: FieldColumns = { response_id: 0, score: 1, responded_at: 2, respondent_email: 3, respondent_name: 4, account_name: 5, comment: 6 };
const WITHOUT_ACCOUNT: FieldColumns = { response_id: 0, score: 1, responded_at: 2, respondent_email: 3, respondent_name: 4, comment: 6 };

/**
 * Converts one page of answers. Response ids are `<prefix>:<vendor id>`, so an answer pulled again
 * updates its response. Answers naming a company go under it; the others under their email domain.
 */
export function answersToResponses(answers: readonly Answer[], options: { idPrefix: string; now: number }): AnswersConverted {
  const named = createRowContext(HEADERS, options.now);
  const byEmail = createRowContext(HEADERS, options.now, undefined, { accountFrom: 'email_domain' });
  const responses: SurveyResponse[] = [];
  const accounts = new Map<string, AccountFacts>();
  const errors: ImportRowError[] = [];
  let unassigned = 0;
  answers.forEach((answer, i) => {
    const cells = [
      `${options.idPrefix}:${answer.externalId}`, String(answer.score), new Date(answer.answeredAt).toISOString(),
      answer.email ?? '', answer.name ?? '', answer.account ?? '', answer.comment ?? '',
    ];
    const ctx = answer.account ? named : byEmail;
    // Answer numbers stand in for rows: "answer 3 of the page".
    ctx.row = i + 1;
    const result = rowToResponse(cells, answer.account ? COLUMNS : WITHOUT_ACCOUNT, ctx);
    if (result.ok) {
      responses.push(result.record);
      accounts.set(result.account.id, result.account);
    } else if (result.skip?.reason === 'unassigned') unassigned++;
    else errors.push(...result.errors.map((e) => ({ ...e, answer: answer.externalId, reason: `(answer ${answer.externalId}) ${e.reason}` })));
  });
  return { responses, accounts: [...accounts.values()], unassigned, errors };
}
