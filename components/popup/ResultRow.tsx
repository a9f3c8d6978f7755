/**
 * One account in the popup's list. Memoised: a keystroke re-renders only the rows whose account, place
 * or highlight changed, so typing costs the popup the input and the rows that differ, not the whole list
 * twice (once for the text, once for its results).
 */
import { memo } from 'react';
import type { AccountSummary } from '../../lib/messaging/protocol';
import { ScoreValue } from '../shared/Score';
import { windowWord } from '../shared/labels';
import { useI18n } from '../shared/i18n';

export type Origin = 'active-tab' | 'recent' | 'search';

function ChangeArrow({ summary }: { summary: AccountSummary }) {
  const { t } = useI18n();
  if (summary.change === 'none') return null;
  const label = t(summary.change === 'up' ? 'popup.up' : 'popup.down', { window: windowWord(summary.window) });
  return (
    <span
      className={`change ${summary.change === 'up' ? 'promoter' : 'detractor'}`}
      data-testid="popup-change"
      data-direction={summary.change}
      role="img"
      aria-label={label}
      title={label}
    >
      {summary.change === 'up' ? '▲' : '▼'}
    </span>
  );
}

interface Props {
  row: AccountSummary;
  origin: Origin;
  index: number;
  id: string;
  selected: boolean;
  /** Stable across renders (the memo compares them by reference). */
  onHighlight: (index: number) => void;
  onOpen: (accountId: string) => void;
}

export const ResultRow = memo(function ResultRow({ row, origin, index, id, selected, onHighlight, onOpen }: Props) {
  const { t } = useI18n();
  const { account, summary, openActions } = row;
  return (
    <li
      id={id}
      role="option"
      aria-selected={selected}
      data-testid="popup-result"
      data-origin={origin}
      className={selected ? 'popup-result highlighted' : 'popup-result'}
      onMouseEnter={() => onHighlight(index)}
      onClick={() => onOpen(account.id)}
    >
      <div className="popup-main">
        <div data-testid="panel-account-name" className="popup-name">
          {account.name}
        </div>
        <div className="muted small">
          {origin === 'active-tab' && <span className="popup-tag">{t('popup.onPage')} · </span>}
          {account.domains[0] ?? ''}
          {openActions > 0 && (
            <>
              {account.domains[0] ? ' · ' : ''}
              <span data-testid="popup-open-actions">{openActions}</span> {t('popup.openActions', { n: openActions })}
            </>
          )}
        </div>
      </div>
      <div className="popup-score">
        <div>
          <ScoreValue summary={summary} testId="nps-score" /> <ChangeArrow summary={row} />
        </div>
        <div className="muted small">
          N <span data-testid="popup-n">{summary.n}</span> · {t('popup.window', { window: windowWord(row.window) })}
        </div>
      </div>
    </li>
  );
});
