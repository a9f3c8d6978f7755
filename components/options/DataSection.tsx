import { useEffect, useRef, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { call } from '../../lib/messaging/client';
import type { StoreCounts } from '../../lib/store';
import { errorText } from '../../lib/core/errors';

const numberFormat = new Intl.NumberFormat();

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** What this extension keeps on disk: the database (IndexedDB) and its settings (storage.local). */
async function storageUsed(): Promise<number | null> {
  try {
    const [estimate, local] = await Promise.all([
      navigator.storage.estimate(),
      // Chrome only; elsewhere the database's share is what matters.
      browser.storage.local.getBytesInUse?.(null).catch(() => 0) ?? Promise.resolve(0),
    ]);
    return (estimate.usage ?? 0) + (local ?? 0);
  } catch {
    return null;
  }
}

/**
 * Data: what is stored and how much room it takes, export, and clearing everything (with confirmation).
 * `exportSlot` is where the store's export control goes (it owns the export format).
 */
export function DataSection({ counts, onCleared, exportSlot }: { counts: StoreCounts | null; onCleared: () => void; exportSlot?: ReactNode }) {
  const [used, setUsed] = useState<number | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const clearRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void storageUsed().then(setUsed);
  }, [counts]);

  useEffect(() => {
    if (confirmClear) confirmRef.current?.focus();
  }, [confirmClear]);

  const clear = async () => {
    try {
      await call('clearData', {});
      setMessage('All imported data was deleted from this browser.');
      onCleared();
    } catch (error) {
      setMessage(`Nothing was deleted: ${errorText(error)}`);
    }
    setConfirmClear(false);
    setTimeout(() => clearRef.current?.focus(), 0);
  };

  return (
    <section id="data" aria-labelledby="data-heading" className="card" data-testid="data-section">
      <h2 id="data-heading">Stored data</h2>
      {counts ? (
        <p data-testid="data-counts">
          {numberFormat.format(counts.accounts)} accounts · {numberFormat.format(counts.responses)} responses ·{' '}
          {numberFormat.format(counts.actions)} actions · {numberFormat.format(counts.sends)} survey sends
        </p>
      ) : (
        <p className="muted">…</p>
      )}
      <p className="small" data-testid="storage-used" data-bytes={used ?? undefined}>
        {used === null ? 'Storage used: unknown.' : `Storage used in this browser: ${formatBytes(used)}.`}
      </p>
      {exportSlot}
      {confirmClear ? (
        <div role="alertdialog" aria-labelledby="clear-question" className="warning" data-testid="clear-confirm">
          <p id="clear-question">
            Delete all imported accounts, responses, actions, survey sends and links from this browser? This cannot be undone.
          </p>
          <button ref={confirmRef} className="btn" data-testid="clear-confirm-yes" onClick={() => void clear()}>
            Delete everything
          </button>{' '}
          <button className="btn" data-testid="clear-confirm-no" onClick={() => setConfirmClear(false)}>
            Keep my data
          </button>
        </div>
      ) : (
        <button ref={clearRef} className="btn" data-testid="clear-data" onClick={() => setConfirmClear(true)}>
          Clear all data…
        </button>
      )}
      <p role="status" className="small" data-testid="data-message">
        {message}
      </p>
    </section>
  );
}
