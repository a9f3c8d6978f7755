import { useState } from 'react';
import type { RecentComment } from '../lib/nps';
import { ROLE_LABEL } from './RoleTable';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const LONG = 240;

/** What customers said, newest first. Comments are customer text: rendered as text, never markup. */
export function CommentList({ comments, limit = 20 }: { comments: RecentComment[]; limit?: number }) {
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const shown = comments.slice(0, limit);
  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments ({comments.length})</h2>
      {shown.length === 0 && <p className="muted small">No comments in this window.</p>}
      <ul className="list comments">
        {shown.map((c) => {
          const isOpen = expanded.has(c.responseId);
          const text = c.comment.length > LONG && !isOpen ? `${c.comment.slice(0, LONG)}…` : c.comment;
          return (
            <li key={c.responseId} data-testid="comment-item" className="comment">
              <div className="comment-meta small">
                <span data-testid="comment-score" className={`score ${c.category}`} aria-label={`Score ${c.score}`}>
                  {c.score}
                </span>
                <span data-testid="comment-role">{ROLE_LABEL[c.role]}</span>
                {(c.respondentName ?? c.respondentEmail) && <span className="muted">{c.respondentName ?? c.respondentEmail}</span>}
                <time data-testid="comment-date" className="muted" dateTime={new Date(c.respondedAt).toISOString()}>
                  {dateFormat.format(c.respondedAt)}
                </time>
              </div>
              <p data-testid="comment-text" className="comment-text">
                {text}
              </p>
              {c.comment.length > LONG && (
                <button
                  className="link small"
                  aria-expanded={isOpen}
                  onClick={() =>
                    setExpanded((prev) => {
                      const next = new Set(prev);
                      if (isOpen) next.delete(c.responseId);
                      else next.add(c.responseId);
                      return next;
                    })
                  }
                >
                  {isOpen ? 'Show less' : 'Show more'}
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
