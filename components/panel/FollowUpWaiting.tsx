import type { WaitingResponse } from '../../lib/nps';
import { roleLabel } from '../shared/labels';
import { useI18n } from '../shared/i18n';
import { ShowAll } from '../shared/ShowAll';

export interface FollowUpWaitingProps {
  waiting: WaitingResponse[];
  /** How many wait in all (the list may hold only the first of them); absent, the list's length. */
  total?: number;
  onShowAll?: () => void;
  /** The team's rule, said in words ("scores 0–6 in the last 90 days"). */
  rule: { maxScore: number; days: number };
  onFollowUp: (w: WaitingResponse) => void;
  now: number;
}

const EXCERPT = 140;

/** Responses the team's rule says need an answer and that have none yet, the longest wait first. */
export function FollowUpWaiting({ waiting, total = waiting.length, onShowAll, rule, onFollowUp, now }: FollowUpWaitingProps) {
  const { t, f } = useI18n();
  return (
    <section aria-labelledby="waiting-heading" data-testid="followup-waiting" data-count={total} className="followup-waiting">
      <h2 id="waiting-heading">{t('waiting.heading', { n: total })}</h2>
      <p className="small muted">
        {t('waiting.rule', { maxScore: rule.maxScore, days: rule.days })}
      </p>
      {waiting.length === 0 ? (
        <p className="small muted">{t('waiting.nobody')}</p>
      ) : (
        <ul className="list">
          {waiting.map(({ response: r, role, category }) => {
            const who = r.respondentName?.trim() || r.respondentEmail?.trim() || roleLabel(t, role);
            const comment = r.comment?.trim() ?? '';
            return (
              <li key={r.id} data-testid="followup-item" data-response-id={r.id} className="waiting-item">
                <div className="comment-meta small">
                  <span className={`score ${category}`} aria-label={t('common.score', { score: r.score })}>
                    {r.score}
                  </span>
                  <span>{who}</span>
                  <time className="muted" dateTime={new Date(r.respondedAt).toISOString()}>
                    {t('waiting.answered', { ago: f.relative(r.respondedAt, now) })}
                  </time>
                </div>
                {comment && <p className="comment-text small">{comment.length > EXCERPT ? `${comment.slice(0, EXCERPT)}…` : comment}</p>}
                <button
                  type="button"
                  className="btn small"
                  onClick={() => onFollowUp({ response: r, role, category })}
                  aria-label={t('waiting.followUpLabel', { who, score: r.score })}
                  data-testid="followup-start"
                >
                  {t('comments.followUpButton')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <ShowAll shown={waiting.length} total={total} describedBy="waiting-heading" onShowAll={onShowAll} />
    </section>
  );
}
