import { useCallback, useEffect, useId, useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { browser } from 'wxt/browser';
import { createPortCaller } from '../../lib/messaging/port-client';
import type { AccountSummary } from '../../lib/messaging/protocol';
import { readRecentLookups, recentLookups, withRecentLookup } from '../../lib/settings/recent-lookups';
import { fetchHome } from './popup-home';
import { AccountView } from './AccountView';
import { AttentionList } from './AttentionList';
import type { PopupHome } from '../../lib/messaging/protocol';
import { ResultRow, type Origin } from './ResultRow';
import { sameSummaries } from './same-summaries';
import { useServiceEvents } from '../shared/useServiceEvents';
import { sayError } from '../shared/error-text';
import { useI18n } from '../shared/i18n';
import { createLogger } from '../../lib/core/log';

const log = createLogger('popup');

interface Row {
  summary: AccountSummary;
  origin: Origin;
}

/** Searches go over one port kept open while the popup is: a call per keystroke. */
const searchCall = createPortCaller();

/** The accounts found for a typed text, as the result rows show them. */
function search(text: string): Promise<AccountSummary[]> {
  return searchCall('searchAccounts', { query: text, limit: 10 });
}

/** Puts the active tab's account first when it is among the rows. */
function activeFirst(rows: Row[], activeId: string | null): Row[] {
  const i = activeId ? rows.findIndex((r) => r.summary.account.id === activeId) : -1;
  if (i <= 0) return rows;
  const row = rows[i]!;
  return [{ ...row, origin: 'active-tab' }, ...rows.slice(0, i), ...rows.slice(i + 1)];
}

/** The toolbar popup: "how is Acme doing?" from any tab. */
export function PopupApp({ firstHome }: { firstHome?: Promise<PopupHome> } = {}) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<AccountSummary[] | null>(null);
  // The query the shown results answer (for tests and the bench: results of an earlier keystroke are not these).
  const [foundFor, setFoundFor] = useState('');
  const [home, setHome] = useState<Row[] | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const [openId, setOpenId] = useState<string | null>(null);
  // The failure as thrown, worded at render (in the language shown then).
  const [error, setError] = useState<unknown>(null);
  const [noData, setNoData] = useState(false);
  const [attention, setAttention] = useState<PopupHome['attention'] | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inputId = useId();
  const listId = useId();

  const fail = (e: unknown) => setError(e);
  // The search asked for the text just typed, sent from the input's event, before React renders the text:
  // the background searches while the popup draws the keystroke.
  const typedSearch = useRef<{ query: string; reply: Promise<AccountSummary[]> } | null>(null);
  /** The answer for `text`: the one asked as it was typed, taken once, else asked now. */
  const answerFor = useCallback((text: string) => {
    const early = typedSearch.current?.query === text ? typedSearch.current.reply : null;
    typedSearch.current = null;
    return early ?? search(text);
  }, []);
  const [same] = useState(sameSummaries);

  // What shows before anything is typed: the active tab's account, then recent look-ups.
  // The answer asked for when the page started, taken once; later loads ask again.
  const first = useRef(firstHome);
  const loadHome = useCallback(async () => {
    const asked = first.current ?? fetchHome();
    first.current = undefined;
    const { activeAccountId, summaries, hasData, attention: needs } = await asked;
    setNoData(!hasData);
    setAttention(needs);
    setActiveId(activeAccountId);
    setHome(summaries.map((summary) => ({ summary, origin: summary.account.id === activeAccountId ? 'active-tab' : 'recent' })));
  }, []);

  useEffect(() => {
    inputRef.current?.focus();
    // The search's port is opened now, while the first view is asked for: opened once that view was shown,
    // it was still opening when a keystroke came at once, and that keystroke waited for it.
    searchCall.connect();
    loadHome().catch(fail);
  }, [loadHome]);

  useEffect(() => {
    if (!query.trim()) {
      setFound(null);
      return;
    }
    let stale = false;
    answerFor(query)
      .then((results) => {
        if (stale) return;
        setFound(same(results));
        setFoundFor(query);
        setHighlighted(0);
        setError(null);
      })
      .catch((e: unknown) => !stale && fail(e));
    return () => {
      stale = true;
    };
  }, [query, answerFor, same]);

  // The text shown, for answers that arrive after the user typed on.
  const shownQuery = useRef(query);
  shownQuery.current = query;
  /** The shown text searched again (the data or the index changed); kept only if the text is still the same. */
  const searchAgain = () => {
    const text = query;
    if (!text.trim()) return;
    search(text).then((results) => shownQuery.current === text && setFound(same(results)), (e: unknown) => shownQuery.current === text && fail(e));
  };

  useServiceEvents((event) => {
    if (event.event === 'attentionChanged') return void loadHome().catch(fail);
    if (event.event === 'searchChanged') return searchAgain();
    if (event.event !== 'dataChanged') return;
    loadHome().catch(fail);
    searchAgain();
  });

  // Until the first answer for what is being typed arrives, the view before it stays (the home view, or
  // the results of the text before): one change of view when the answer comes, not an empty list between.
  const showingResults = query.trim() !== '' && found !== null;
  const rows: Row[] = showingResults ? activeFirst(found.map((summary) => ({ summary, origin: 'search' })), activeId) : (home ?? []);
  const current = Math.min(highlighted, Math.max(0, rows.length - 1));

  const open = useCallback((accountId: string) => {
    setOpenId(accountId);
    void readRecentLookups()
      .then((recent) => recentLookups.setValue(withRecentLookup(recent, accountId)))
      .catch(log.failed('remembering a recent look-up'));
  }, []);

  const typed = (e: ChangeEvent<HTMLInputElement>) => {
    const text = e.target.value;
    if (text.trim()) {
      const reply = search(text);
      // Its failure is shown where the answer is taken (the effect below).
      reply.catch(() => undefined);
      typedSearch.current = { query: text, reply };
    } else typedSearch.current = null;
    setQuery(text);
  };

  const back = () => {
    setOpenId(null);
    void loadHome().catch(fail);
    // After the list is back on screen.
    setTimeout(() => inputRef.current?.focus(), 0);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (rows.length === 0) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setHighlighted((current + step + rows.length) % rows.length);
    } else if (e.key === 'Enter') {
      const row = rows[current];
      if (row) {
        e.preventDefault();
        open(row.summary.account.id);
      }
    } else if (e.key === 'Escape' && query) {
      // Escape clears the search first; a second Escape closes the popup as usual.
      e.preventDefault();
      setQuery('');
    }
  };

  if (openId) {
    return (
      <main
        className="popup"
        data-ready="true"
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            back();
          }
        }}
      >
        <AccountView accountId={openId} onBack={back} />
      </main>
    );
  }

  const optionId = (i: number) => `${listId}-option-${i}`;
  const searching = query.trim() !== '';
  const heading = showingResults ? null : rows.length > 0 ? t(rows[0]?.origin === 'active-tab' ? 'popup.onPageAndRecent' : 'popup.recent') : null;

  return (
    <main className="popup" data-ready={home !== null ? 'true' : 'false'} data-results-for={searching ? foundFor : ''}>
      <h1 className="visually-hidden">{t('popup.title')}</h1>
      <label htmlFor={inputId} className="visually-hidden">
        {t('popup.searchLabel')}
      </label>
      <input
        id={inputId}
        ref={inputRef}
        data-testid="popup-search"
        className="input"
        type="search"
        role="combobox"
        aria-expanded={rows.length > 0}
        aria-controls={rows.length > 0 ? listId : undefined}
        aria-autocomplete="list"
        aria-activedescendant={rows.length > 0 ? optionId(current) : undefined}
        placeholder={t('popup.placeholder')}
        value={query}
        onChange={typed}
        onKeyDown={onKeyDown}
        autoComplete="off"
        spellCheck={false}
      />
      {error != null && (
        <p role="alert" className="error small">
          {sayError(t, error)}
        </p>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {searching && found ? t('popup.found', { n: found.length }) : ''}
      </p>
      {showingResults && found.length === 0 && (
        <p className="muted small" data-testid="popup-empty">
          {t('popup.noMatch', { query })}
        </p>
      )}
      {!showingResults && noData && (
        <div className="popup-start" data-testid="popup-get-started">
          <p>{t('popup.noData')}</p>
          <button className="btn btn-primary" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('popup.getStarted')}
          </button>
        </div>
      )}
      {!showingResults && !noData && home !== null && home.length === 0 && (
        <p className="muted small" data-testid="popup-empty">
          {t('popup.hint')}
        </p>
      )}
      {heading && <h2 className="popup-heading">{heading}</h2>}
      {rows.length > 0 && (
      <ul id={listId} role="listbox" aria-label={t('popup.accounts')} className="list popup-results">
        {rows.map((row, i) => (
          <ResultRow
            key={row.summary.account.id}
            row={row.summary}
            origin={row.origin}
            index={i}
            id={optionId(i)}
            selected={i === current}
            onHighlight={setHighlighted}
            onOpen={open}
          />
        ))}
      </ul>
      )}
      {!showingResults && !noData && attention && <AttentionList items={attention.items} total={attention.total} onOpen={open} />}
      <p className="popup-footer small">
        <button className="link" data-testid="popup-portfolio" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/portfolio.html') })}>
          {t('popup.portfolio')}
        </button>{' '}
        <button className="link" data-testid="popup-options" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('popup.options')}
        </button>
      </p>
    </main>
  );
}
