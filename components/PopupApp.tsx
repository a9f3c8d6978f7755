import { useEffect, useId, useState } from 'react';
import { call } from '../lib/service/client';
import type { AccountSummary } from '../lib/service/protocol';
import { formatInterval, ScoreValue } from './Score';

/** The toolbar popup: "how is Acme doing?" from any tab. */
export function PopupApp() {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<AccountSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();

  useEffect(() => {
    if (!query.trim()) {
      setResults(null);
      return;
    }
    let stale = false;
    call('searchAccounts', { query, limit: 10 })
      .then((found) => {
        if (stale) return;
        setResults(found);
        setError(null);
      })
      .catch((e: unknown) => !stale && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      stale = true;
    };
  }, [query]);

  return (
    <main className="popup">
      <label htmlFor={inputId} className="visually-hidden">
        Search accounts
      </label>
      <input
        id={inputId}
        data-testid="popup-search"
        className="input"
        type="search"
        autoFocus
        placeholder="Account name, domain or CRM id"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        autoComplete="off"
      />
      {error && (
        <p role="alert" className="error small">
          {error}
        </p>
      )}
      {results && results.length === 0 && <p className="muted small">No account matches “{query}”.</p>}
      <ul className="list popup-results" aria-live="polite">
        {results?.map((r) => (
          <li key={r.account.id} data-testid="popup-result" className="popup-result">
            <div>
              <div data-testid="panel-account-name" className="popup-name">
                {r.account.name}
              </div>
              <div className="muted small">
                {r.account.domains[0] ?? ''} {r.openActions > 0 && <>· {r.openActions} open actions</>}
              </div>
            </div>
            <div className="popup-score">
              <ScoreValue summary={r.summary} testId="nps-score" />
              <div className="muted small">
                N {r.summary.n}
                {r.summary.interval && <> · {formatInterval(r.summary)}</>}
              </div>
            </div>
          </li>
        ))}
      </ul>
    </main>
  );
}
