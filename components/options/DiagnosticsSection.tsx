import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { sayError } from '../shared/error-text';
import type { LogEntry } from '../../lib/core/log';
import { call } from '../../lib/messaging/client';
import { useI18n } from '../shared/i18n';

/** The entries as plain text for a support ticket: the version, then one line per entry (no customer data). */
export function diagnosticsText(entries: readonly LogEntry[], version: string): string {
  const lines = entries.map(
    (e) => `${new Date(e.at).toISOString()} ${e.level.toUpperCase()} [${e.area}] ${e.message}${e.code ? ` (${e.code})` : ''}`,
  );
  return [`NPS Context ${version}`, ...(lines.length ? lines : ['Nothing has gone wrong recently.'])].join('\n');
}

/**
 * Diagnostics: what failed in the background's work (syncs, alarms, writes to the source, imports),
 * newest first, with when and where, to copy into a support ticket. The background keeps customer
 * data out of these entries.
 */
const loadDiagnostics = () => call('getDiagnostics', {});
const clearDiagnostics = () => call('clearDiagnostics', {});

export function DiagnosticsSection({ load = loadDiagnostics, clear = clearDiagnostics }: {
  load?: () => Promise<LogEntry[]>;
  clear?: () => Promise<void>;
}) {
  const { t, locale } = useI18n();
  const timeFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' });
  const [entries, setEntries] = useState<LogEntry[] | null>(null);
  const [message, setMessage] = useState('');

  const refresh = useCallback(() => {
    load().then(
      (list) => setEntries(list),
      (error) => setMessage(t('diagnostics.couldNotRead', { error: sayError(t, error) })),
    );
  }, [load, t]);
  useEffect(refresh, [refresh]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(diagnosticsText(entries ?? [], browser.runtime.getManifest().version));
      setMessage(t('diagnostics.copied'));
    } catch (error) {
      setMessage(t('diagnostics.couldNotCopy', { error: sayError(t, error) }));
    }
  }

  async function clearAll() {
    try {
      await clear();
      setEntries([]);
      setMessage(t('diagnostics.cleared'));
    } catch (error) {
      setMessage(t('diagnostics.couldNotClear', { error: sayError(t, error) }));
    }
  }

  return (
    <section id="diagnostics" aria-labelledby="diagnostics-heading" className="card" data-testid="diagnostics">
      <h2 id="diagnostics-heading">{t('options.nav.diagnostics')}</h2>
      <p className="small muted">
        {t('diagnostics.help')}
      </p>
      {entries === null ? (
        <p className="small muted">{t('diagnostics.loading')}</p>
      ) : entries.length === 0 ? (
        <p className="small">{t('diagnostics.nothing')}</p>
      ) : (
        <ul className="small diagnostics-list">
          {entries.map((e, i) => (
            <li key={`${e.at}-${i}`} data-testid="diagnostics-entry">
              <time dateTime={new Date(e.at).toISOString()}>{timeFormat.format(e.at)}</time> · <strong>{e.area}</strong> ·{' '}
              {e.message}
              {e.code ? <span className="muted"> ({e.code})</span> : null}
            </li>
          ))}
        </ul>
      )}
      <div className="actions-row">
        <button type="button" className="btn" onClick={refresh}>
          {t('freshness.refresh')}
        </button>
        <button type="button" className="btn" onClick={() => void copy()} disabled={entries === null}>
          {t('diagnostics.copy')}
        </button>
        <button type="button" className="btn" onClick={() => void clearAll()} disabled={!entries?.length}>
          {t('diagnostics.clear')}
        </button>
      </div>
      <p className="small" role="status">
        {message}
      </p>
    </section>
  );
}
