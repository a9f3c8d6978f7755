import type { FollowUpState, PersonAnswers as Answers } from '../../lib/nps';
import { classifyScore } from '../../lib/nps/classify';
import { useI18n } from '../shared/i18n';
import type { MessageKey } from '../../lib/i18n';

const STATE_KEY: Record<Exclude<FollowUpState, 'none'>, MessageKey> = {
  waiting: 'person.state.waiting',
  in_progress: 'person.state.inProgress',
  closed: 'person.state.closed',
};

export interface PersonAnswersProps {
  found: Answers;
  followUpOf: (responseId: string) => FollowUpState;
  now: number;
}

/** The person in front of you (a ticket's requester, the contact on the page): their own answers first. */
export function PersonAnswers({ found, followUpOf, now }: PersonAnswersProps) {
  const { t, f } = useI18n();
  const email = found.person.email ?? '';
  const surveyed =
    found.lastSurveyedAt !== null
      ? t('person.lastSurveyed', { ago: f.relative(found.lastSurveyedAt, now), n: found.surveysSent })
      : found.surveysSent > 0
        ? t('person.surveysSent', { n: found.surveysSent })
        : t('person.noSurvey');
  if (found.answers.length === 0) {
    return (
      <section aria-labelledby="person-heading" className="person" data-testid="person-none" data-email={email}>
        <h2 id="person-heading">{email}</h2>
        <p className="small">{t('person.never')}</p>
        <p className="small muted">{surveyed}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="person-heading" className="person" data-testid="person-answers" data-email={email} data-matched-by={found.matchedBy ?? undefined}>
      <h2 id="person-heading">
        {t('person.answered', { who: email || found.person.name || '', n: found.answers.length })}
      </h2>
      <p className="small muted">
        {found.matchedBy === 'name' ? `${t('person.matchedByName')} ` : ''}
        {surveyed}
      </p>
      <ul className="list">
        {found.answers.map((r) => {
          const state = followUpOf(r.id);
          return (
            <li key={r.id} data-testid="person-answer" data-response-id={r.id} data-followup={state}>
              <div className="comment-meta small">
                <span className={`score ${classifyScore(r.score)}`} aria-label={t('common.score', { score: r.score })}>
                  {r.score}
                </span>
                <time className="muted" dateTime={new Date(r.respondedAt).toISOString()}>
                  {f.date(r.respondedAt)}
                </time>
                {state !== 'none' && <span className={`chip followup-${state}`}>{t(STATE_KEY[state])}</span>}
                {r.excluded && <span className="muted">{t('person.notCounted')}</span>}
              </div>
              {r.comment?.trim() && <p className="comment-text small">{r.comment.trim()}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
