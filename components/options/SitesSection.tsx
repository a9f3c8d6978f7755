import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { CRM_IDS } from '../../lib/crm/hosts';
import { builtInCrmOf, normaliseHost, siteOrigins, type CustomSite } from '../../lib/settings/custom-sites';
import { call } from '../../lib/messaging/client';
import type { CrmId } from '../../lib/crm/types';
import { setBuiltInCrmEnabled, type EffectiveSettings } from '../../lib/settings';
import { LockedNote } from './LockedNote';
import { sayError } from '../shared/error-text';
import { useI18n } from '../shared/i18n';

const CRM_NAMES: Record<CrmId, string> = {
  salesforce: 'Salesforce',
  zendesk: 'Zendesk',
  hubspot: 'HubSpot',
  freshdesk: 'Freshdesk',
  dynamics: 'Dynamics 365',
  intercom: 'Intercom',
};

/** Built-in CRMs on or off; an administrator's list of allowed sites locks them. */
function BuiltInSites({ settings }: { settings: EffectiveSettings | null }) {
  const { t } = useI18n();
  const [message, setMessage] = useState<string | null>(null);
  // What the user chose shows at once; the stored settings confirm it a moment later.
  const [chosen, setChosen] = useState<Partial<Record<CrmId, boolean>>>({});
  useEffect(() => setChosen({}), [settings]);
  const lockedId = useId();
  if (!settings) return <p className="muted">…</p>;
  const locked = settings.locked.sites;
  const toggle = async (crm: CrmId, enabled: boolean) => {
    setChosen((c) => ({ ...c, [crm]: enabled }));
    try {
      await setBuiltInCrmEnabled(crm, enabled);
      setMessage(t(enabled ? 'sites.turnedOn' : 'sites.turnedOff', { crm: CRM_NAMES[crm] }));
    } catch (error) {
      setMessage(sayError(t, error));
    }
  };
  return (
    <>
      <fieldset className="crm-toggles" aria-describedby={locked ? lockedId : undefined}>
        <legend>{t('sites.showOn')}</legend>
        {CRM_IDS.map((crm) => (
          <label key={crm} className="checkbox">
            <input
              type="checkbox"
              data-testid={`site-toggle-${crm}`}
              checked={chosen[crm] ?? !settings.sites.disabledCrms.includes(crm)}
              disabled={locked}
              onChange={(e) => void toggle(crm, e.target.checked)}
            />{' '}
            {CRM_NAMES[crm]}
          </label>
        ))}
      </fieldset>
      {locked && <LockedNote id={lockedId} testId="locked-sites" />}
      <p role="status" className="small" data-testid="site-toggle-message">
        {message}
      </p>
    </>
  );
}

/**
 * Custom sites: a CRM on a host of the customer's own. Access to the host is asked for in the click that
 * adds it (the browser shows its prompt only in answer to a click), and given back when it is removed.
 */
export function SitesSection({ settings }: { settings: EffectiveSettings | null }) {
  const { t } = useI18n();
  const [sites, setSites] = useState<CustomSite[]>([]);
  const [host, setHost] = useState('');
  const [crm, setCrm] = useState<CrmId>('zendesk');
  const [message, setMessage] = useState<string | null>(null);
  const hostId = useId();
  const crmId = useId();

  const refresh = useCallback(() => {
    call('listCustomSites', {}).then(setSites, () => setSites([]));
  }, []);
  useEffect(refresh, [refresh]);

  const add = (event: FormEvent) => {
    event.preventDefault();
    const normalised = normaliseHost(host);
    if (!normalised) return setMessage(t('sites.notHost', { host }));
    const builtIn = builtInCrmOf(normalised);
    if (builtIn) return setMessage(t('sites.covered', { host: normalised, crm: CRM_NAMES[builtIn] }));
    // First thing in the click: the permission prompt needs the user's gesture, which an await would lose.
    browser.permissions
      .request({ origins: siteOrigins(normalised) })
      .then(async (granted) => {
        if (!granted) return setMessage(t('sites.notGranted', { host: normalised }));
        await call('addCustomSite', { host: normalised, crm });
        setHost('');
        setMessage(t('sites.added', { host: normalised, crm: CRM_NAMES[crm] }));
        refresh();
      })
      .catch((error: unknown) => setMessage(sayError(t, error)));
  };

  const remove = async (site: CustomSite) => {
    await call('removeCustomSite', { host: site.host }).catch((error: unknown) =>
      setMessage(sayError(t, error)),
    );
    refresh();
  };

  return (
    <section id="sites" aria-labelledby="sites-heading" className="card" data-testid="sites-section">
      <h2 id="sites-heading">{t('options.nav.sites')}</h2>
      <BuiltInSites settings={settings} />
      <h3 className="small">{t('sites.custom')}</h3>
      <p className="small muted">
        {t('sites.customHelp')}
      </p>
      <form onSubmit={add} className="sites-form">
        <label htmlFor={hostId}>{t('sites.host')}</label>{' '}
        <input
          id={hostId}
          data-testid="site-host"
          value={host}
          onChange={(e) => setHost(e.target.value)}
          placeholder="support.example.com"
          autoComplete="off"
        />{' '}
        <label htmlFor={crmId}>{t('sites.product')}</label>{' '}
        <select id={crmId} data-testid="site-crm" value={crm} onChange={(e) => setCrm(e.target.value as CrmId)}>
          {CRM_IDS.map((id) => (
            <option key={id} value={id}>
              {CRM_NAMES[id]}
            </option>
          ))}
        </select>{' '}
        <button className="btn" type="submit" data-testid="site-add">
          {t('sites.add')}
        </button>
      </form>
      {message && (
        <p role="status" data-testid="site-message">
          {message}
        </p>
      )}
      {sites.length > 0 && (
        <ul>
          {sites.map((site) => (
            <li key={site.host} data-testid="site-item">
              <span>{site.host}</span> — {CRM_NAMES[site.crm]}{' '}
              <button className="btn" onClick={() => void remove(site)} aria-label={t('sites.removeLabel', { host: site.host })}>
                {t('sites.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
