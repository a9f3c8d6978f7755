import type { AccountAttention, AttentionReason } from '../../lib/nps';

const REASON_TEXT: Record<AttentionReason, (a: AccountAttention) => string> = {
  overdue: (a) => `${a.overdue} overdue ${a.overdue === 1 ? 'action' : 'actions'}`,
  waiting: (a) => `${a.waiting} waiting for follow-up`,
  drop: () => 'NPS dropped significantly',
};

export interface AttentionListProps {
  items: AccountAttention[];
  /** Accounts needing attention in all (the list shows the most urgent). */
  total: number;
  onOpen: (accountId: string) => void;
}

/** The popup's empty state: accounts with overdue actions, responses waiting for a follow-up or a significant drop, most urgent first. */
export function AttentionList({ items, total, onOpen }: AttentionListProps) {
  if (items.length === 0) {
    return (
      <p className="muted small" data-testid="attention-none">
        Nothing needs attention: no overdue action, nobody waiting for a follow-up, no significant drop.
      </p>
    );
  }
  return (
    <section aria-labelledby="attention-heading" data-testid="attention-list" data-count={total}>
      <h2 id="attention-heading" className="popup-heading">
        Needs attention ({total})
      </h2>
      <ul className="list popup-results">
        {items.map((a) => (
          <li key={a.accountId} data-testid="attention-item" data-reason={a.reason} data-reasons={a.reasons.join(' ')} data-account-id={a.accountId} className="attention-item">
            <button type="button" className="attention-open" onClick={() => onOpen(a.accountId)} aria-label={`${a.accountName}: ${a.reasons.map((r) => REASON_TEXT[r](a)).join(', ')}`}>
              <span className="popup-name" data-testid="attention-account">
                {a.accountName}
              </span>
              <span className="muted small">
                {a.reasons.map((r, i) => (
                  <span key={r} className={r === 'drop' || r === 'overdue' ? 'detractor' : ''}>
                    {i > 0 ? ' · ' : ''}
                    {REASON_TEXT[r](a)}
                  </span>
                ))}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
