import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { call } from '../../lib/messaging/client';
import type { SourceStatus, SyncStatus, WriteConflict } from '../../lib/sources/status';
import { normaliseSourceUrl, originPattern } from '../../lib/sources/url';
import { useServiceEvents } from '../shared/useServiceEvents';
import { errorText } from '../../lib/core/errors';
import { timeAgo } from '../shared/time-ago';

const ago = (at: number) => timeAgo(at);

const numberFormat = new Intl.NumberFormat();

/** The browser asks the user for the source's origin; only in answer to a click, so called first in one. */
function requestOrigin(url: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(url)] });
}

function syncLine(sync: SyncStatus | null): string {
  if (!sync) return 'Not synced yet.';
  if (sync.state === 'running') return `Syncing… ${numberFormat.format(sync.pages)} pages, ${numberFormat.format(sync.rows)} rows so far.`;
  const last = sync.lastSuccessAt ? `Last complete sync ${ago(sync.lastSuccessAt)}.` : 'No complete sync yet.';
  if (sync.state === 'failed') return `The last sync failed: ${sync.lastError ?? 'unknown error'}. ${last} The data stored stays as it was.`;
  if (sync.state === 'cancelled') return `The last sync was cancelled after ${numberFormat.format(sync.rows)} rows; the next one carries on from there. ${last}`;
  return `${last} ${numberFormat.format(sync.rows)} rows changed.`;
}

/**
 * Options: where the NPS data comes from. The imported CSV (this browser only) or a team's HTTP source;
 * for the latter its URL, a name, the token (handed to the background, never shown again), how long
 * cached data counts as fresh, a connection test, sync with progress, and the changes to follow-up
 * actions that met someone else's change on the source, for the user to decide.
 */
export function SourceSection() {
  const [status, setStatus] = useState<SourceStatus | null>(null);
  const [conflicts, setConflicts] = useState<WriteConflict[]>([]);
  const [kind, setKind] = useState<'local' | 'http'>('local');
  const [url, setUrl] = useState('');
  const [name, setName] = useState('');
  const [token, setToken] = useState('');
  const [ttl, setTtl] = useState(15);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = { url: useId(), name: useId(), token: useId(), ttl: useId() };

  const refresh = useCallback(async (resetForm = false) => {
    try {
      const [next, waiting] = await Promise.all([call('getSourceStatus', {}), call('listConflicts', {})]);
      setStatus(next);
      setConflicts(waiting);
      if (resetForm) {
        setKind(next.kind);
        setUrl(next.url);
        setName(next.name);
        setTtl(next.ttlMinutes);
      }
    } catch (error) {
      setMessage({ text: errorText(error), error: true });
    }
  }, []);
  useEffect(() => void refresh(true), [refresh]);
  useServiceEvents((event) => {
    if (event.event === 'syncProgress') {
      setStatus((s) =>
        s && {
          ...s,
          sync: {
            ...(s.sync ?? { startedAt: null, finishedAt: null, lastSuccessAt: null }),
            state: event.state,
            pages: event.pages,
            rows: event.rows,
            lastError: event.lastError,
          },
        },
      );
      if (event.state !== 'running') void refresh();
    } else if (event.event === 'sourceChanged') void refresh();
  });

  const show = (text: string, error = false) => setMessage({ text, error });

  /** The URL as the background will store it, or null after saying what is wrong. */
  const checkedUrl = (): string | null => {
    try {
      return normaliseSourceUrl(status?.urlLocked ? status.url : url);
    } catch (error) {
      show(errorText(error), true);
      return null;
    }
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    const input = { kind, url: kind === 'http' ? url : '', name, ttlMinutes: ttl, ...(token ? { token } : {}) };
    const target = kind === 'http' ? checkedUrl() : null;
    if (kind === 'http' && !target) return;
    // First thing in the click: the browser's prompt needs the user's gesture, which an await would lose.
    const allowed = target ? requestOrigin(target) : Promise.resolve(true);
    setBusy(true);
    allowed
      .then(async (granted) => {
        if (!granted) return show(`Access to ${new URL(target!).origin} was not allowed, so nothing was saved.`, true);
        const next = await call('configureSource', input);
        setStatus(next);
        setToken('');
        show(next.kind === 'http' ? `Saved. Syncing from ${next.name || new URL(next.url).host}…` : 'Saved. The panel shows the imported data.');
      })
      .catch((error: unknown) => show(errorText(error), true))
      .finally(() => setBusy(false));
  };

  const test = () => {
    const target = checkedUrl();
    if (!target) return;
    const allowed = requestOrigin(target);
    setBusy(true);
    allowed
      .then(async (granted) => {
        if (!granted) return show(`Access to ${new URL(target).origin} was not allowed.`, true);
        const info = await call('testSource', { url: target, ...(token ? { token } : {}) });
        show(`Connected to ${info.name} (version ${info.version}).`);
      })
      .catch((error: unknown) => show(`Connection failed: ${errorText(error)}`, true))
      .finally(() => setBusy(false));
  };

  const syncNow = async () => {
    try {
      const sync = await call('syncNow', {});
      setStatus((s) => s && { ...s, sync });
    } catch (error) {
      show(errorText(error), true);
    }
  };

  const resolve = async (conflict: WriteConflict, keep: 'mine' | 'theirs') => {
    try {
      await call('resolveConflict', { seq: conflict.seq, keep });
      await refresh();
    } catch (error) {
      show(errorText(error), true);
    }
  };

  const configuredHttp = status?.kind === 'http' && !!status.url;
  const sync = status?.sync ?? null;

  return (
    <section aria-labelledby="source-heading" className="card" data-testid="source-section">
      <h2 id="source-heading">Data source</h2>
      <p className="small muted">
        Where the panel’s NPS data comes from: the CSV files imported into this browser, or your team’s survey tool or
        warehouse over HTTPS. Data from a source is kept in this browser and refreshed when it is older than the time you
        choose.
      </p>
      {/* The form appears with the saved settings, so nothing typed is overwritten when they arrive. */}
      {!status && <p className="muted">Loading…</p>}
      {status && (
      <form onSubmit={save} style={{ display: 'grid', gap: 8 }}>
        <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
          <legend className="small">Source</legend>
          <label>
            <input type="radio" name="source-kind" data-testid="source-kind-local" checked={kind === 'local'} onChange={() => setKind('local')} disabled={status?.urlLocked} />{' '}
            Imported CSV files
          </label>{' '}
          <label>
            <input type="radio" name="source-kind" data-testid="source-kind-http" checked={kind === 'http'} onChange={() => setKind('http')} /> HTTP source
          </label>
        </fieldset>
        {kind === 'http' && (
          <>
            <label htmlFor={ids.url}>Source URL</label>
            <input
              id={ids.url}
              data-testid="source-url"
              type="url"
              value={status?.urlLocked ? status.url : url}
              onChange={(e) => setUrl(e.target.value)}
              placeholder="https://nps.example.com/"
              disabled={status?.urlLocked}
              aria-describedby={status?.urlLocked ? `${ids.url}-locked` : undefined}
              autoComplete="off"
              required
            />
            {status?.urlLocked && (
              <span id={`${ids.url}-locked`} className="small muted">
                Set by your administrator.
              </span>
            )}
            <label htmlFor={ids.name}>Name shown in the panel</label>
            <input id={ids.name} data-testid="source-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Acme NPS warehouse" maxLength={200} />
            <label htmlFor={ids.token}>Token</label>
            <input
              id={ids.token}
              data-testid="source-token"
              type="password"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              placeholder={status?.hasToken ? 'Saved (type a new one to replace it)' : 'Bearer token from your source'}
              autoComplete="off"
              aria-describedby={`${ids.token}-help`}
            />
            <span id={`${ids.token}-help`} className="small muted">
              Kept by the extension’s background, encrypted; never shown again or given to any page.
            </span>
            <label htmlFor={ids.ttl}>Refresh data older than (minutes)</label>
            <input
              id={ids.ttl}
              data-testid="source-ttl"
              type="number"
              min={1}
              max={10080}
              value={ttl}
              onChange={(e) => setTtl(Math.max(1, Math.min(10080, Math.round(Number(e.target.value) || 1))))}
            />
          </>
        )}
        <div>
          {kind === 'http' && (
            <>
              <button type="button" className="btn" data-testid="source-test" onClick={test} disabled={busy}>
                Test connection
              </button>{' '}
            </>
          )}
          <button type="submit" className="btn btn-primary" data-testid="source-save" disabled={busy}>
            Save
          </button>
        </div>
      </form>
      )}
      {message && (
        <p role={message.error ? 'alert' : 'status'} data-testid="source-message" data-error={message.error} className={message.error ? 'warning' : undefined}>
          {message.text}
        </p>
      )}
      {configuredHttp && (
        <div aria-labelledby="sync-heading">
          <h3 id="sync-heading">Sync</h3>
          {!status.permissionGranted && (
            <p className="warning" role="alert">
              The browser no longer allows access to {new URL(status.url).origin}. Save again to allow it.
            </p>
          )}
          <p
            role="status"
            data-testid="source-sync-status"
            data-state={sync?.state ?? 'never'}
            data-pages={sync?.pages ?? 0}
            data-rows={sync?.rows ?? 0}
          >
            {syncLine(sync)}
          </p>
          {sync?.state === 'running' && <progress aria-label="Sync progress" />}
          <button className="btn" data-testid="source-sync" onClick={() => void syncNow()} disabled={sync?.state === 'running'}>
            Sync now
          </button>{' '}
          {sync?.state === 'running' && (
            <button className="btn" data-testid="source-cancel-sync" onClick={() => void call('cancelSync', {}).then(() => refresh())}>
              Cancel
            </button>
          )}
          <p className="small muted" data-testid="source-outbox" data-pending={status.outbox.pending}>
            {status.outbox.pending === 0
              ? 'Every change to follow-up actions has reached the source.'
              : `${status.outbox.pending} change(s) to follow-up actions waiting to reach the source${status.outbox.lastError ? ` (last attempt: ${status.outbox.lastError})` : ''}; they are sent as soon as it answers.`}
          </p>
        </div>
      )}
      {conflicts.length > 0 && (
        <div aria-labelledby="conflicts-heading">
          <h3 id="conflicts-heading">Changes that need your decision</h3>
          <ul>
            {conflicts.map((conflict) => (
              <li key={conflict.seq} data-testid="source-conflict" data-kind={conflict.kind} className="warning">
                <p>
                  {conflict.kind === 'conflict' ? (
                    <>
                      Your change to “<span data-testid="conflict-mine">{conflict.mine.title}</span>” ({conflict.mine.status.replace('_', ' ')}) and a
                      change on the source (“<span data-testid="conflict-theirs">{conflict.theirs?.title}</span>”,{' '}
                      {conflict.theirs?.status.replace('_', ' ')}) were made to the same action.
                    </>
                  ) : (
                    <>
                      The source refused your change to “<span data-testid="conflict-mine">{conflict.mine.title}</span>”: {conflict.reason}
                    </>
                  )}
                </p>
                <button className="btn" data-testid="conflict-keep-mine" onClick={() => void resolve(conflict, 'mine')}>
                  {conflict.kind === 'conflict' ? 'Keep mine' : 'Try again'}
                </button>{' '}
                <button className="btn" data-testid="conflict-take-theirs" onClick={() => void resolve(conflict, 'theirs')}>
                  {conflict.kind === 'conflict' ? 'Take theirs' : 'Discard my change'}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
