import type { EffectiveSettings } from '../../lib/settings';
import { useI18n } from '../shared/i18n';

/** Privacy: what is stored, where, and what leaves the browser; the NPS trademark note. */
export function PrivacySection({ settings }: { settings: EffectiveSettings | null }) {
  const { t } = useI18n();
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
      <h2 id="privacy-heading">{t('options.nav.privacy')}</h2>
      <h3 className="small">{t('privacy.stored')}</h3>
      <ul className="small">
        <li>{t('privacy.storedData')}</li>
        <li>{t('privacy.storedSettings')}</li>
        <li>{t('privacy.storedSession')}</li>
      </ul>
      <h3 className="small">{t('privacy.leaves')}</h3>
      <p className="small" data-testid="privacy-egress">
        {remote ? t('privacy.onlySource', { origin: remoteOrigin }) : t('privacy.nothing')} {t('privacy.crmPage')}
      </p>
      <p className="small muted" data-testid="nps-trademark">
        {t('privacy.trademark')}
      </p>
    </section>
  );
}
