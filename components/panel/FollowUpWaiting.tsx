import type { WaitingResponse } from '../../lib/nps';
import { ROLE_LABEL } from '../shared/labels';
import { timeAgo } from '../shared/time-ago';

export interface FollowUpWaitingProps {
  waiting: WaitingResponse[];
  /** The team's rule, said in words ("scores 0–6 in the last 90 days"). */
  rule: { maxScore: number; days: number };
  onFollowUp: (w: WaitingResponse) => void;
  now: number;
}

const EXCERPT = 140;

/** Responses the team's rule says need an answer and that have none yet, the longest wait first. */
export function FollowUpWaiting({ waiting, rule, onFollowUp, now }: FollowUpWaitingProps) {
  return (
    <section aria-labelledby="waiting-heading" data-testid="followup-waiting" data-count={waiting.length} className="followup-waiting">
      <h2 id="waiting-heading">Waiting for follow-up ({waiting.length})</h2>
      <p className="small muted">
        Scores 0–{rule.maxScore} from the last {rule.days} days with no follow-up action yet.
      </p>
      {waiting.length === 0 ? (
        <p className="small muted">Nobody is waiting: every response that needs an answer has a follow-up.</p>
      ) : (
        <ul className="list">
          {waiting.map(({ response: r, role, category }) => {
            const who = r.respondentName?.trim() || r.respondentEmail?.trim() || ROLE_LABEL[role];
            const comment = r.comment?.trim() ?? '';
            return (
              <li key={r.id} data-testid="followup-item" data-response-id={r.id} className="waiting-item">
                <div className="comment-meta small">
                  <span className={`score ${category}`} aria-label={`Score ${r.score}`}>
                    {r.score}
                  </span>
                  <span>{who}</span>
                  <time className="muted" dateTime={new Date(r.respondedAt).toISOString()}>
                    answered {timeAgo(r.respondedAt, now)}
                  </time>
                </div>
                {comment && <p className="comment-text small">{comment.length > EXCERPT ? `${comment.slice(0, EXCERPT)}…` : comment}</p>}
                <button
                  type="button"
                  className="btn small"
                  onClick={() => onFollowUp({ response: r, role, category })}
                  aria-label={`Follow up with ${who}, score ${r.score}`}
                  data-testid="followup-start"
                >
                  Follow up
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
