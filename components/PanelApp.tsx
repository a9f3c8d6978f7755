import { useCallback, useEffect, useMemo, useState } from 'react';
import { buildAccountContext } from '../lib/nps';
import type { WindowKey } from '../lib/model';
import { call } from '../lib/service/client';
import type { PanelData } from '../lib/service/protocol';
import { AccountPicker } from './AccountPicker';
import { ActionList } from './ActionList';
import { CommentList } from './CommentList';
import { Headline } from './Headline';
import { RoleTable } from './RoleTable';
import { useServiceEvents } from './useServiceEvents';

type PanelState = 'loading' | 'ready' | 'no-match' | 'no-data' | 'error';

const WINDOW_OPTIONS: Array<{ value: WindowKey; label: string }> = [
  { value: '90d', label: '90 days' },
  { value: '180d', label: '180 days' },
  { value: '365d', label: '12 months' },
  { value: 'all', label: 'All time' },
];

function stateOf(data: PanelData | null, error: string | null): PanelState {
  if (error) return 'error';
  if (!data) return 'loading';
  if (data.resolution.status !== 'matched') return 'no-match';
  if (!data.records || data.records.responses.length === 0) return 'no-data';
  return 'ready';
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
function age(updatedAt: number, now: number): string {
  const minutes = Math.round((updatedAt - now) / 60_000);
  if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 48) return relative.format(hours, 'hour');
  return relative.format(Math.round(hours / 24), 'day');
}

/** The in-page panel: one account's NPS story, who feels it, why, and what we promised. */
export function PanelApp() {
  const [data, setData] = useState<PanelData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [window, setWindow] = useState<WindowKey>('365d');
  const [picking, setPicking] = useState(false);

  const load = useCallback(async () => {
    try {
      setData(await call('getPanelData', {}));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useServiceEvents((event) => {
    if (event.event === 'dataChanged' || (event.event === 'pageChanged' && event.tabId === data?.tabId)) {
      setPicking(false);
      void load();
    }
  });

  const now = Date.now();
  const context = useMemo(
    () => (data?.records ? buildAccountContext(data.records, { now, window, rule: 'all' }) : null),
    // `now` changes every render; the figures need recomputing only when the data or window change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, window],
  );
  const state = stateOf(data, error);

  const link = async (accountId: string) => {
    if (!data?.page) return;
    await call('linkRecord', { recordKey: data.page.recordKey, accountId });
    setPicking(false);
    await load();
  };

  return (
    <main data-testid="nps-panel" data-state={state} className="panel" aria-busy={state === 'loading'}>
      {state === 'loading' && <div className="skeleton" aria-label="Loading NPS context" />}
      {state === 'error' && (
        <div role="alert" className="error">
          <p>Could not load NPS context: {error}</p>
          <button className="btn" onClick={() => void load()}>
            Retry
          </button>
        </div>
      )}
      {state === 'no-match' && data && (
        <>
          <h1 className="panel-title">No matching account</h1>
          <p className="small muted">
            {data.resolution.status === 'ambiguous'
              ? 'More than one account could be this record.'
              : 'None of the imported accounts matches this record.'}
          </p>
          <AccountPicker candidates={data.resolution.status === 'ambiguous' ? data.resolution.candidates : undefined} onPick={link} />
        </>
      )}
      {(state === 'ready' || state === 'no-data') && data?.records && context && (
        <>
          <header className="panel-header">
            <h1 className="panel-title" data-testid="panel-account-name">
              {data.records.account.name}
            </h1>
            <div className="panel-tools small">
              <label>
                <span className="visually-hidden">Time window</span>
                <select value={window} onChange={(e) => setWindow(e.target.value as WindowKey)}>
                  {WINDOW_OPTIONS.map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))}
                </select>
              </label>
              <button className="link" onClick={() => setPicking((p) => !p)} aria-expanded={picking}>
                Not this account?
              </button>
            </div>
            <div className="muted small">
              {data.sourceName}
              {data.updatedAt !== null && <> · updated {age(data.updatedAt, now)}</>}
            </div>
          </header>
          {picking && <AccountPicker onPick={link} />}
          {state === 'no-data' ? (
            <p className="muted">No survey responses for this account yet.</p>
          ) : (
            <>
              <Headline summary={context.overall} window={window} />
              <RoleTable roles={context.roles} window={window} />
              <ActionList actions={context.openActions} />
              <CommentList comments={context.recentComments} />
            </>
          )}
        </>
      )}
    </main>
  );
}
