import type { AccountAttention, AttentionReason } from '../../lib/nps';
import type { Translator } from '../../lib/i18n';
import { useI18n } from '../shared/i18n';

const REASON_TEXT: Record<AttentionReason, (a: AccountAttention, t: Translator) => string> = {
  overdue: (a, t) => t('attention.overdue', { n: a.overdue }),
  waiting: (a, t) => t('attention.waiting', { n: a.waiting }),
  drop: (_a, t) => t('attention.drop'),
};

export interface AttentionListProps {
  items: AccountAttention[];
  /** Accounts needing attention in all (the list shows the most urgent). */
  total: number;
  onOpen: (accountId: string) => void;
}

/** The popup's empty state: accounts with overdue actions, responses waiting for a follow-up or a significant drop, most urgent first. */
export function AttentionList({ items, total, onOpen }: AttentionListProps) {
  const { t } = useI18n();
  if (items.length === 0) {
    return (
      <p className="muted small" data-testid="attention-none">
        {t('attention.none')}
      </p>
    );
  }
  return (
    <section aria-labelledby="attention-heading" data-testid="attention-list" data-count={total}>
      <h2 id="attention-heading" className="popup-heading">
        {t('attention.heading', { n: total })}
      </h2>
      <ul className="list popup-results">
        {items.map((a) => (
          <li key={a.accountId} data-testid="attention-item" data-reason={a.reason} data-reasons={a.reasons.join(' ')} data-account-id={a.accountId} className="attention-item">
            <button type="button" className="attention-open" onClick={() => onOpen(a.accountId)} aria-label={`${a.accountName}: ${a.reasons.map((r) => REASON_TEXT[r](a, t)).join(', ')}`}>
              <span className="popup-name" data-testid="attention-account">
                {a.accountName}
              </span>
              <span className="muted small">
                {a.reasons.map((r, i) => (
                  <span key={r} className={r === 'drop' || r === 'overdue' ? 'detractor' : ''}>
                    {i > 0 ? ' · ' : ''}
                    {REASON_TEXT[r](a, t)}
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
