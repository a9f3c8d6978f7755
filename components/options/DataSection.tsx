import { useEffect, useRef, useState, type ReactNode } from 'react';
import { browser } from 'wxt/browser';
import { call } from '../../lib/messaging/client';
import type { StoreCounts } from '../../lib/store';
import { sayError } from '../shared/error-text';
import { useI18n } from '../shared/i18n';

function formatBytes(bytes: number, locale: string): string {
  if (bytes < 1024) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: value < 10 ? 1 : 0, minimumFractionDigits: value < 10 ? 1 : 0 }).format(value)} ${units[unit]}`;
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
  const { t, locale } = useI18n();
  const [used, setUsed] = useState<number | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const clearRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    void storageUsed().then(setUsed);
  }, [counts]);

  // The keyboard goes to the question when it opens, and back to "Clear all data…" once it is answered
  // by deleting (in an effect: the button exists again only after that render is committed).
  const refocusClear = useRef(false);
  useEffect(() => {
    if (confirmClear) confirmRef.current?.focus();
    else if (refocusClear.current) {
      refocusClear.current = false;
      clearRef.current?.focus();
    }
  }, [confirmClear]);

  const clear = async () => {
    try {
      await call('clearData', {});
      setMessage(t('data.cleared'));
      onCleared();
    } catch (error) {
      setMessage(t('data.notCleared', { error: sayError(t, error) }));
    }
    refocusClear.current = true;
    setConfirmClear(false);
  };

  return (
    <section id="data" aria-labelledby="data-heading" className="card" data-testid="data-section">
      <h2 id="data-heading">{t('options.nav.data')}</h2>
      {counts ? (
        <p data-testid="data-counts">
          {t('data.counts', { accounts: counts.accounts, responses: counts.responses, actions: counts.actions, sends: counts.sends })}
        </p>
      ) : (
        <p className="muted">…</p>
      )}
      <p className="small" data-testid="storage-used" data-bytes={used ?? undefined}>
        {used === null ? t('data.usedUnknown') : t('data.used', { size: formatBytes(used, locale) })}
      </p>
      {exportSlot}
      {confirmClear ? (
        <div role="alertdialog" aria-labelledby="clear-question" className="warning" data-testid="clear-confirm">
          <p id="clear-question">
            {t('data.confirm')}
          </p>
          <button ref={confirmRef} className="btn" data-testid="clear-confirm-yes" onClick={() => void clear()}>
            {t('data.deleteEverything')}
          </button>{' '}
          <button className="btn" data-testid="clear-confirm-no" onClick={() => setConfirmClear(false)}>
            {t('data.keep')}
          </button>
        </div>
      ) : (
        <button ref={clearRef} className="btn" data-testid="clear-data" onClick={() => setConfirmClear(true)}>
          {t('data.clear')}
        </button>
      )}
      <p role="status" className="small" data-testid="data-message">
        {message}
      </p>
    </section>
  );
}
