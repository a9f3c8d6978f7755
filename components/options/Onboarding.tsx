import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { onboardingDone } from '../../lib/settings';
import { loadSampleData, SAMPLE_DEMO_ACCOUNT } from './sampleData';
import { sayError } from '../shared/error-text';
import { useI18n } from '../shared/i18n';

type Step =
  | { step: 'choose' }
  | { step: 'sample'; loading: string }
  | { step: 'waiting'; for: 'import' | 'source' }
  | { step: 'ready'; demoAccount?: string; said: string }
  | { step: 'failed'; message: string };

/** Scrolls to a section of the page and puts the keyboard there. */
function goToSection(id: string): boolean {
  const section = document.getElementById(id);
  if (!section) return false;
  section.scrollIntoView({ block: 'start' });
  // Its first control, else its heading.
  const target =
    ['input:not([type=hidden])', 'select', 'button', 'h2'].map((s) => section.querySelector<HTMLElement>(s)).find(Boolean) ?? section;
  if (target.tagName === 'H2' || target === section) target.tabIndex = -1;
  target.focus();
  history.replaceState(null, '', `#${id}`);
  return true;
}

/**
 * First run: three ways to get data in — the sample, a CSV, or a data source — ending on a page with the
 * panel (the demo page, or the user's own CRM).
 */
export function Onboarding({ hasData, onFinished }: { hasData: boolean; onFinished: () => void }) {
  const { t } = useI18n();
  const [state, setState] = useState<Step>({ step: 'choose' });
  const headingRef = useRef<HTMLHeadingElement>(null);

  // Data arrived (the import or the source below finished): on to seeing the panel.
  useEffect(() => {
    if (state.step === 'waiting' && hasData) {
      setState({ step: 'ready', said: t(state.for === 'import' ? 'onboarding.fileImported' : 'onboarding.sourceSent') });
    }
  }, [hasData, state, t]);

  useEffect(() => {
    if (state.step === 'ready') headingRef.current?.focus();
  }, [state.step]);

  const finish = async () => {
    await onboardingDone.setValue(true);
    onFinished();
  };

  const loadSample = async () => {
    setState({ step: 'sample', loading: 'generating' });
    try {
      const loaded = await loadSampleData((step) => setState({ step: 'sample', loading: step }));
      setState({
        step: 'ready',
        demoAccount: SAMPLE_DEMO_ACCOUNT,
        said: t('onboarding.sampleLoaded', { accounts: loaded.accounts, responses: loaded.responses }),
      });
    } catch (error) {
      setState({ step: 'failed', message: sayError(t, error) });
    }
  };

  const openDemo = async (accountId?: string) => {
    const query = accountId ? `?account=${encodeURIComponent(accountId)}` : '';
    await browser.tabs.create({ url: browser.runtime.getURL(`/demo.html${query}`) });
    await finish();
  };

  return (
    <section aria-labelledby="welcome-heading" className="card onboarding" data-testid="onboarding" data-step={state.step}>
      <h2 id="welcome-heading" ref={state.step === 'ready' ? undefined : headingRef}>
        {t('onboarding.heading')}
      </h2>
      {state.step === 'choose' && (
        <>
          <p>{t('onboarding.intro')}</p>
          <div className="choices">
            <button className="btn btn-primary" data-testid="onboarding-sample" onClick={() => void loadSample()}>
              {t('onboarding.sample')}
            </button>
            <button
              className="btn"
              data-testid="onboarding-import"
              onClick={() => {
                setState({ step: 'waiting', for: 'import' });
                goToSection('import');
              }}
            >
              {t('onboarding.import')}
            </button>
            <button
              className="btn"
              data-testid="onboarding-source"
              onClick={() => {
                setState({ step: 'waiting', for: 'source' });
                if (!goToSection('source')) setState({ step: 'failed', message: t('onboarding.noSource') });
              }}
            >
              {t('onboarding.source')}
            </button>
          </div>
          <p className="small muted">
            {t('onboarding.sampleNote')}{' '}
            <button className="link" data-testid="onboarding-skip" onClick={() => void finish()}>
              {t('onboarding.skip')}
            </button>
          </p>
        </>
      )}
      {state.step === 'sample' && (
        <p role="status" aria-live="polite" data-testid="onboarding-progress">
          {t('onboarding.loading', { step: state.loading })}
        </p>
      )}
      {state.step === 'waiting' && (
        <p role="status">
          {t(state.for === 'import' ? 'onboarding.waitImport' : 'onboarding.waitSource')}{' '}
          <button className="link" onClick={() => setState({ step: 'choose' })}>
            {t('onboarding.back')}
          </button>
        </p>
      )}
      {state.step === 'ready' && (
        <>
          <p ref={headingRef} tabIndex={-1} role="status" data-testid="onboarding-ready">
            {state.said}
          </p>
          <p>
            {t('onboarding.seeIt')}
          </p>
          <div className="choices">
            <button className="btn btn-primary" data-testid="onboarding-demo" onClick={() => void openDemo(state.demoAccount)}>
              {t('onboarding.demo')}
            </button>
            <button className="btn" data-testid="onboarding-finish" onClick={() => void finish()}>
              {t('onboarding.done')}
            </button>
          </div>
        </>
      )}
      {state.step === 'failed' && (
        <div role="alert" className="error">
          <p>{state.message}</p>
          <button className="btn" onClick={() => setState({ step: 'choose' })}>
            {t('onboarding.back')}
          </button>
        </div>
      )}
    </section>
  );
}
