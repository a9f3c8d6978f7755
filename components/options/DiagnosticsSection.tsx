import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { errorText } from '../../lib/core/errors';
import type { LogEntry } from '../../lib/core/log';
import { call } from '../../lib/messaging/client';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

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
  const [entries, setEntries] = useState<LogEntry[] | null>(null);
  const [message, setMessage] = useState('');

  const refresh = useCallback(() => {
    load().then(
      (list) => setEntries(list),
      (error) => setMessage(`Could not read the diagnostics: ${errorText(error)}`),
    );
  }, [load]);
  useEffect(refresh, [refresh]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(diagnosticsText(entries ?? [], browser.runtime.getManifest().version));
      setMessage('Copied. Paste it into your support ticket.');
    } catch (error) {
      setMessage(`Could not copy: ${errorText(error)}`);
    }
  }

  async function clearAll() {
    try {
      await clear();
      setEntries([]);
      setMessage('Cleared.');
    } catch (error) {
      setMessage(`Could not clear: ${errorText(error)}`);
    }
  }

  return (
    <section id="diagnostics" aria-labelledby="diagnostics-heading" className="card" data-testid="diagnostics">
      <h2 id="diagnostics-heading">Diagnostics</h2>
      <p className="small muted">
        What went wrong in the extension’s background work (syncs, scheduled retries, writes to the data source, imports),
        newest first. No customer data is recorded here.
      </p>
      {entries === null ? (
        <p className="small muted">Loading…</p>
      ) : entries.length === 0 ? (
        <p className="small">Nothing has gone wrong recently.</p>
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
          Refresh
        </button>
        <button type="button" className="btn" onClick={() => void copy()} disabled={entries === null}>
          Copy for a support ticket
        </button>
        <button type="button" className="btn" onClick={() => void clearAll()} disabled={!entries?.length}>
          Clear
        </button>
      </div>
      <p className="small" role="status">
        {message}
      </p>
    </section>
  );
}
