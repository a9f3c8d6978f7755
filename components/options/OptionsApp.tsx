import { useCallback, useEffect, useState } from 'react';
import { call } from '../../lib/messaging/client';
import { onboardingDone } from '../../lib/settings';
import type { StoreCounts } from '../../lib/store';
import { DataSection } from './DataSection';
import { DiagnosticsSection } from './DiagnosticsSection';
import { DisplaySection } from './DisplaySection';
import { FollowUpSection } from './FollowUpSection';
import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';
import { UnfinishedImports } from './UnfinishedImports';
import { Onboarding } from './Onboarding';
import { PrivacySection } from './PrivacySection';
import { RoleMappingEditor } from './RoleMappingEditor';
import { ThemeTaxonomyEditor } from './ThemeTaxonomyEditor';
import { SitesSection } from './SitesSection';
import { SourceSection } from './SourceSection';
import { ConnectorsSection } from './ConnectorsSection';
import { useServiceEvents } from '../shared/useServiceEvents';
import { useSettings } from './useSettings';
import { useI18n } from '../shared/i18n';
import type { MessageKey } from '../../lib/i18n';

const SECTIONS: ReadonlyArray<readonly [string, MessageKey]> = [
  ['import', 'options.nav.import'],
  ['source', 'options.nav.source'],
  ['roles', 'options.nav.roles'],
  ['themes', 'options.nav.themes'],
  ['sites', 'options.nav.sites'],
  ['display', 'options.nav.display'],
  ['follow-up', 'options.nav.followUp'],
  ['data', 'options.nav.data'],
  ['privacy', 'options.nav.privacy'],
  ['diagnostics', 'options.nav.diagnostics'],
];

/** The options page: getting started, data in and out, and the settings. */
export function OptionsApp() {
  const { t } = useI18n();
  const [counts, setCounts] = useState<StoreCounts | null>(null);
  const [onboarding, setOnboarding] = useState<'unknown' | 'show' | 'done'>('unknown');
  const settings = useSettings();

  const refresh = useCallback(() => {
    call('getStats', {}).then(setCounts, () => setCounts(null));
  }, []);
  useEffect(refresh, [refresh]);
  useServiceEvents((e) => e.event === 'dataChanged' && refresh());

  // The guide is for a first run: someone who already has data (an earlier version, or a policy's
  // source) never sees it.
  useEffect(() => {
    void onboardingDone.getValue().then((done) => setOnboarding(done === true ? 'done' : 'show'));
  }, []);
  const hasData = (counts?.accounts ?? 0) > 0;
  const [hadDataAtStart, setHadDataAtStart] = useState<boolean | null>(null);
  useEffect(() => {
    if (counts && hadDataAtStart === null) setHadDataAtStart(counts.accounts > 0);
  }, [counts, hadDataAtStart]);
  useEffect(() => {
    if (onboarding === 'show' && hadDataAtStart === true) {
      void onboardingDone.setValue(true);
      setOnboarding('done');
    }
  }, [onboarding, hadDataAtStart]);

  return (
    <main className="options">
      <header>
        <h1>NPS Context</h1>
        <p className="muted">{t('options.tagline')}</p>
        <nav aria-label={t('options.sections')} className="toc small">
          {SECTIONS.map(([id, label]) => (
            <a key={id} href={`#${id}`}>
              {t(label)}
            </a>
          ))}
        </nav>
      </header>

      {onboarding === 'show' && hadDataAtStart === false && <Onboarding hasData={hasData} onFinished={() => setOnboarding('done')} />}

      <div id="import">
        <ImportSection onImported={refresh} />
        <UnfinishedImports />
      </div>
      <div id="source">
        <SourceSection />
      </div>
      <div id="connectors">
        <ConnectorsSection onSynced={refresh} />
      </div>
      <RoleMappingEditor settings={settings} />
      <ThemeTaxonomyEditor settings={settings} />
      <SitesSection settings={settings} />
      <DisplaySection settings={settings} />
      <FollowUpSection settings={settings} />
      <DataSection counts={counts} onCleared={refresh} exportSlot={<ExportSection />} />
      <PrivacySection settings={settings} />
      <DiagnosticsSection />
    </main>
  );
}
