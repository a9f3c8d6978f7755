import type { EffectiveSettings } from '../../lib/settings';

/** Privacy: what is stored, where, and what leaves the browser; the NPS trademark note. */
export function PrivacySection({ settings }: { settings: EffectiveSettings | null }) {
  const source = settings?.source;
  const remote = source?.kind === 'http' && source.url !== '';
  let remoteOrigin = '';
  try {
    remoteOrigin = remote ? new URL(source.url).origin : '';
  } catch {
    remoteOrigin = source?.url ?? '';
  }
  return (
    <section id="privacy" aria-labelledby="privacy-heading" className="card" data-testid="privacy-section">
      <h2 id="privacy-heading">Privacy</h2>
      <h3 className="small">What is stored, and where</h3>
      <ul className="small">
        <li>
          Survey responses, comments, respondents, follow-up actions and survey sends you import or sync: in this browser’s
          extension storage (IndexedDB), on this computer only.
        </li>
        <li>
          Your settings (time window, counting rule, role mapping, sites, recent look-ups in the popup) and where you last used
          each CRM (its address, for links to records): in the extension’s local storage.
        </li>
        <li>
          The page context of open CRM tabs (which record a tab shows): in session storage, gone when the browser closes.
        </li>
      </ul>
      <h3 className="small">What leaves the browser</h3>
      <p className="small" data-testid="privacy-egress">
        {remote ? (
          <>
            Only calls to your data source, <strong>{remoteOrigin}</strong>. Nothing else is sent anywhere.
          </>
        ) : (
          <>Nothing. No data source is configured, so the extension makes no network requests of its own.</>
        )}{' '}
        The extension reads the CRM page you are on only to recognise the account; it sends nothing to the CRM and collects no
        analytics.
      </p>
      <p className="small muted" data-testid="nps-trademark">
        Net Promoter®, NPS® and Net Promoter Score® are registered trademarks of Bain &amp; Company, Inc., NICE Satmetrix and
        Fred Reichheld.
      </p>
    </section>
  );
}
