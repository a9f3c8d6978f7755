import { useCallback, useEffect, useState } from 'react';
import { call } from '../lib/service/client';
import type { StoreCounts } from '../lib/store';
import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';
import { SitesSection } from './SitesSection';
import { SourceSection } from './SourceSection';
import { useServiceEvents } from './useServiceEvents';

const numberFormat = new Intl.NumberFormat();

/** The options page: data import and management. */
export function OptionsApp() {
  const [counts, setCounts] = useState<StoreCounts | null>(null);
  const [confirmClear, setConfirmClear] = useState(false);

  const refresh = useCallback(() => {
    call('getStats', {}).then(setCounts, () => setCounts(null));
  }, []);
  useEffect(refresh, [refresh]);
  useServiceEvents((e) => e.event === 'dataChanged' && refresh());

  return (
    <main className="options">
      <header>
        <h1>NPS Context</h1>
        <p className="muted">Net Promoter Score history, comments and follow-ups beside the record in your CRM.</p>
      </header>

      <SourceSection />
      <ImportSection onImported={refresh} />
      <ExportSection />
      <SitesSection />

      <section aria-labelledby="data-heading" className="card">
        <h2 id="data-heading">Stored data</h2>
        {counts ? (
          <p data-testid="data-counts">
            {numberFormat.format(counts.accounts)} accounts · {numberFormat.format(counts.responses)} responses ·{' '}
            {numberFormat.format(counts.actions)} actions · {numberFormat.format(counts.sends)} survey sends
          </p>
        ) : (
          <p className="muted">…</p>
        )}
        <p className="small muted">
          Everything is stored in this browser only (IndexedDB). Nothing leaves it unless you configure a data source.
        </p>
        {confirmClear ? (
          <div role="alertdialog" aria-label="Confirm clearing all data" className="warning">
            <p>Delete all imported accounts, responses, actions and links from this browser?</p>
            <button
              className="btn"
              onClick={async () => {
                await call('clearData', {});
                setConfirmClear(false);
                refresh();
              }}
            >
              Delete everything
            </button>{' '}
            <button className="btn" onClick={() => setConfirmClear(false)}>
              Keep my data
            </button>
          </div>
        ) : (
          <button className="btn" onClick={() => setConfirmClear(true)}>
            Clear all data…
          </button>
        )}
      </section>

      <footer className="small muted">
        Net Promoter®, NPS® and Net Promoter Score® are registered trademarks of Bain &amp; Company, Inc., NICE Satmetrix and
        Fred Reichheld.
      </footer>
    </main>
  );
}
