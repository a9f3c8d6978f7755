import { useEffect, useId, useState } from 'react';
import type { AccountSummary } from '../../lib/messaging/protocol';
import { call } from '../../lib/messaging/client';
import { ScoreValue } from '../shared/Score';
import { useI18n } from '../shared/i18n';
import { useServiceEvents } from '../shared/useServiceEvents';

/** Links the page's record to an account by hand, when matching found none or more than one. */
export function AccountPicker({
  candidates,
  onPick,
}: {
  candidates?: AccountSummary['account'][];
  onPick: (accountId: string) => void;
}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<AccountSummary[]>([]);
  // Bumped when the data or the search index changed: the text is searched again.
  const [searchedData, setSearchedData] = useState(0);
  const inputId = useId();
  useServiceEvents((event) => {
    if (event.event === 'searchChanged' || event.event === 'dataChanged') setSearchedData((n) => n + 1);
  });

  useEffect(() => {
    if (!query.trim()) {
      setResults([]);
      return;
    }
    let stale = false;
    call('searchAccounts', { query, limit: 8 })
      .then((found) => !stale && setResults(found))
      .catch(() => !stale && setResults([]));
    return () => {
      stale = true;
    };
  }, [query, searchedData]);

  return (
    <section data-testid="account-picker" className="picker" aria-label={t('picker.label')}>
      {candidates && candidates.length > 0 && (
        <>
          <p className="small">{t('picker.several')}</p>
          <ul className="list">
            {candidates.map((a) => (
              <li key={a.id}>
                <button className="btn picker-option" onClick={() => onPick(a.id)}>
                  {a.name}
                  {a.domains[0] && <span className="muted small"> · {a.domains[0]}</span>}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <label htmlFor={inputId} className="small">
        {t('picker.find')}
      </label>
      <input
        id={inputId}
        className="input"
        type="search"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        placeholder={t('picker.placeholder')}
        autoComplete="off"
      />
      <ul className="list">
        {results.map((r) => (
          <li key={r.account.id}>
            <button className="btn picker-option" onClick={() => onPick(r.account.id)}>
              <span>{r.account.name}</span> <ScoreValue summary={r.summary} testId="picker-score" />
              <span className="muted small"> · N {r.summary.n}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
