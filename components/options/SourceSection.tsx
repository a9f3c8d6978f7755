import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { call } from '../../lib/messaging/client';
import type { SourceStatus, SyncStatus, WriteConflict } from '../../lib/sources/status';
import { normaliseSourceUrl, originPattern } from '../../lib/sources/url';
import { useServiceEvents } from '../shared/useServiceEvents';
import { statusLabel } from '../shared/labels';
import { sayError, sayStored } from '../shared/error-text';
import { useI18n, withNodes } from '../shared/i18n';
import type { Formats, Translator } from '../../lib/i18n';

/** The browser asks the user for the source's origin; only in answer to a click, so called first in one. */
function requestOrigin(url: string): Promise<boolean> {
  return browser.permissions.request({ origins: [originPattern(url)] });
}

function syncLine(sync: SyncStatus | null, t: Translator, f: Formats): string {
  if (!sync) return t('source.notSynced');
  if (sync.state === 'running') return t('source.syncing', { pages: f.number(sync.pages), rows: f.number(sync.rows) });
  const last = sync.lastSuccessAt ? t('source.lastSync', { ago: f.relative(sync.lastSuccessAt, Date.now()) }) : t('source.noSync');
  if (sync.state === 'failed') return t('source.syncFailed', { error: sync.lastError === null ? t('analysis.unknownError') : sayStored(t, sync.lastError, sync.lastErrorWords), last });
  if (sync.state === 'cancelled') return t('source.syncCancelled', { rows: f.number(sync.rows), last });
  return `${last} ${t('source.rowsChanged', { rows: f.number(sync.rows) })}`;
}

/**
 * Options: where the NPS data comes from. The imported CSV (this browser only) or a team's HTTP source;
 * for the latter its URL, a name, the token (handed to the background, never shown again), how long
 * cached data counts as fresh, a connection test, sync with progress, and the changes to follow-up
 * actions that met someone else's change on the source, for the user to decide.
 */
export function SourceSection() {
  const { t, f } = useI18n();
  // Read by `refresh` (which must not change with the language: it would reset the form being edited).
  const tNow = useRef(t);
  tNow.current = t;
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
      setMessage({ text: sayError(tNow.current, error), error: true });
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
            lastErrorWords: event.lastErrorWords ?? null,
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
      show(sayError(t, error), true);
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
        if (!granted) return show(t('source.notAllowedSave', { origin: new URL(target!).origin }), true);
        const next = await call('configureSource', input);
        setStatus(next);
        setToken('');
        show(next.kind === 'http' ? t('source.savedHttp', { name: next.name || new URL(next.url).host }) : t('source.savedLocal'));
      })
      .catch((error: unknown) => show(sayError(t, error), true))
      .finally(() => setBusy(false));
  };

  const test = () => {
    const target = checkedUrl();
    if (!target) return;
    const allowed = requestOrigin(target);
    setBusy(true);
    allowed
      .then(async (granted) => {
        if (!granted) return show(t('source.notAllowed', { origin: new URL(target).origin }), true);
        const info = await call('testSource', { url: target, ...(token ? { token } : {}) });
        show(t('source.connected', { name: info.name, version: info.version }));
      })
      .catch((error: unknown) => show(t('source.connectionFailed', { error: sayError(t, error) }), true))
      .finally(() => setBusy(false));
  };

  const syncNow = async () => {
    try {
      const sync = await call('syncNow', {});
      setStatus((s) => s && { ...s, sync });
    } catch (error) {
      show(sayError(t, error), true);
    }
  };

  const resolve = async (conflict: WriteConflict, keep: 'mine' | 'theirs') => {
    try {
      await call('resolveConflict', { seq: conflict.seq, keep });
      await refresh();
    } catch (error) {
      show(sayError(t, error), true);
    }
  };

  const configuredHttp = status?.kind === 'http' && !!status.url;
  const sync = status?.sync ?? null;

  return (
    <section aria-labelledby="source-heading" className="card" data-testid="source-section">
      <h2 id="source-heading">{t('options.nav.source')}</h2>
      <p className="small muted">
        {t('source.help')}
      </p>
      {/* The form appears with the saved settings, so nothing typed is overwritten when they arrive. */}
      {!status && <p className="muted">{t('diagnostics.loading')}</p>}
      {status && (
      <form onSubmit={save} style={{ display: 'grid', gap: 8 }}>
        <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
          <legend className="small">{t('source.source')}</legend>
          <label>
            <input type="radio" name="source-kind" data-testid="source-kind-local" checked={kind === 'local'} onChange={() => setKind('local')} disabled={status?.urlLocked} />{' '}
            {t('source.local')}
          </label>{' '}
          <label>
            <input type="radio" name="source-kind" data-testid="source-kind-http" checked={kind === 'http'} onChange={() => setKind('http')} /> {t('source.http')}
          </label>
        </fieldset>
        {kind === 'http' && (
          <>
            <label htmlFor={ids.url}>{t('source.url')}</label>
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
                {t('source.locked')}
              </span>
            )}
            <label htmlFor={ids.name}>{t('source.name')}</label>
            <input id={ids.name} data-testid="source-name" value={name} onChange={(e) => setName(e.target.value)} placeholder={t('source.namePlaceholder')} maxLength={200} />
            <label htmlFor={ids.token}>{t('source.token')}</label>
            <input
              id={ids.token}
              data-testid="source-token"
              type="password"
              value={token}
              onChange={(e) => setToken(e.target.value)}
              placeholder={t(status?.hasToken ? 'source.tokenSaved' : 'source.tokenPlaceholder')}
              autoComplete="off"
              aria-describedby={`${ids.token}-help`}
            />
            <span id={`${ids.token}-help`} className="small muted">
              {t('source.tokenHelp')}
            </span>
            <label htmlFor={ids.ttl}>{t('source.ttl')}</label>
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
                {t('source.test')}
              </button>{' '}
            </>
          )}
          <button type="submit" className="btn btn-primary" data-testid="source-save" disabled={busy}>
            {t('source.save')}
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
          <h3 id="sync-heading">{t('source.sync')}</h3>
          {!status.permissionGranted && (
            <p className="warning" role="alert">
              {t('source.permissionLost', { origin: new URL(status.url).origin })}
            </p>
          )}
          <p
            role="status"
            data-testid="source-sync-status"
            data-state={sync?.state ?? 'never'}
            data-pages={sync?.pages ?? 0}
            data-rows={sync?.rows ?? 0}
          >
            {syncLine(sync, t, f)}
          </p>
          {sync?.state === 'running' && <progress aria-label={t('source.syncProgress')} />}
          <button className="btn" data-testid="source-sync" onClick={() => void syncNow()} disabled={sync?.state === 'running'}>
            {t('source.syncNow')}
          </button>{' '}
          {sync?.state === 'running' && (
            <button className="btn" data-testid="source-cancel-sync" onClick={() => void call('cancelSync', {}).then(() => refresh())}>
              {t('action.cancel')}
            </button>
          )}
          <p className="small muted" data-testid="source-outbox" data-pending={status.outbox.pending}>
            {status.outbox.pending === 0
              ? t('source.outboxEmpty')
              : status.outbox.lastError
                ? t('source.outboxWaitingError', { n: status.outbox.pending, error: sayStored(t, status.outbox.lastError, status.outbox.lastErrorWords) })
                : t('source.outboxWaiting', { n: status.outbox.pending })}
          </p>
        </div>
      )}
      {conflicts.length > 0 && (
        <div aria-labelledby="conflicts-heading">
          <h3 id="conflicts-heading">{t('source.conflicts')}</h3>
          <ul>
            {conflicts.map((conflict) => (
              <li key={conflict.seq} data-testid="source-conflict" data-kind={conflict.kind} className="warning">
                <p>
                  {conflict.kind === 'conflict' ? (
                    withNodes(
                      t,
                      'source.conflict',
                      { mineStatus: statusLabel(t, conflict.mine.status), theirsStatus: conflict.theirs ? statusLabel(t, conflict.theirs.status) : '' },
                      { mine: <span data-testid="conflict-mine">{conflict.mine.title}</span>, theirs: <span data-testid="conflict-theirs">{conflict.theirs?.title}</span> },
                    )
                  ) : (
                    withNodes(t, 'source.refused', { reason: sayStored(t, conflict.reason, conflict.reasonWords) }, { mine: <span data-testid="conflict-mine">{conflict.mine.title}</span> })
                  )}
                </p>
                <button className="btn" data-testid="conflict-keep-mine" onClick={() => void resolve(conflict, 'mine')}>
                  {t(conflict.kind === 'conflict' ? 'source.keepMine' : 'source.tryAgain')}
                </button>{' '}
                <button className="btn" data-testid="conflict-take-theirs" onClick={() => void resolve(conflict, 'theirs')}>
                  {t(conflict.kind === 'conflict' ? 'source.takeTheirs' : 'source.discardMine')}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
