import type { FollowUpState, PersonAnswers as Answers } from '../../lib/nps';
import { classifyScore } from '../../lib/nps';
import { timeAgo } from '../shared/time-ago';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const STATE_LABEL: Record<FollowUpState, string> = {
  waiting: 'waiting for follow-up',
  in_progress: 'follow-up in progress',
  closed: 'followed up',
  none: '',
};

export interface PersonAnswersProps {
  found: Answers;
  followUpOf: (responseId: string) => FollowUpState;
  now: number;
}

/** The person in front of you (a ticket's requester, the contact on the page): their own answers first. */
export function PersonAnswers({ found, followUpOf, now }: PersonAnswersProps) {
  const email = found.person.email ?? '';
  const surveyed =
    found.lastSurveyedAt !== null
      ? `Last surveyed ${timeAgo(found.lastSurveyedAt, now)}; ${found.surveysSent} ${found.surveysSent === 1 ? 'survey' : 'surveys'} sent.`
      : found.surveysSent > 0
        ? `${found.surveysSent} surveys sent.`
        : 'No survey sent to this address that we know of.';
  if (found.answers.length === 0) {
    return (
      <section aria-labelledby="person-heading" className="person" data-testid="person-none" data-email={email}>
        <h2 id="person-heading">{email}</h2>
        <p className="small">Has never answered a survey for this account.</p>
        <p className="small muted">{surveyed}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="person-heading" className="person" data-testid="person-answers" data-email={email} data-matched-by={found.matchedBy ?? undefined}>
      <h2 id="person-heading">
        {email || found.person.name} answered {found.answers.length} {found.answers.length === 1 ? 'time' : 'times'}
      </h2>
      <p className="small muted">
        {found.matchedBy === 'name' ? 'Matched by name within this account. ' : ''}
        {surveyed}
      </p>
      <ul className="list">
        {found.answers.map((r) => {
          const state = followUpOf(r.id);
          return (
            <li key={r.id} data-testid="person-answer" data-response-id={r.id} data-followup={state}>
              <div className="comment-meta small">
                <span className={`score ${classifyScore(r.score)}`} aria-label={`Score ${r.score}`}>
                  {r.score}
                </span>
                <time className="muted" dateTime={new Date(r.respondedAt).toISOString()}>
                  {dateFormat.format(r.respondedAt)}
                </time>
                {state !== 'none' && <span className={`chip followup-${state}`}>{STATE_LABEL[state]}</span>}
                {r.excluded && <span className="muted">not counted</span>}
              </div>
              {r.comment?.trim() && <p className="comment-text small">{r.comment.trim()}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
