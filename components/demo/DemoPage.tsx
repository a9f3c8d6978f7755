import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { call } from '../../lib/messaging/client';
import { PANEL_DEFAULT_WIDTH as PANEL_WIDTH } from '../../lib/settings/panel-prefs';
import { sayError } from '../shared/error-text';
import { useI18n, withNodes } from '../shared/i18n';

type Demo = { state: 'loading' } | { state: 'none' } | { state: 'error'; error: unknown } | { state: 'ready'; accountId: string; name: string };

/**
 * A stand-in for a CRM record page, for the onboarding's last step: the real panel, in the same kind of
 * frame the content script makes on a CRM page, showing one of the stored accounts.
 */
export function DemoPage() {
  const { t } = useI18n();
  const [demo, setDemo] = useState<Demo>({ state: 'loading' });

  useEffect(() => {
    const accountId = new URLSearchParams(location.search).get('account') ?? undefined;
    call('showDemoPage', { accountId })
      .then((shown) => setDemo(shown ? { state: 'ready', ...shown } : { state: 'none' }))
      .catch((e: unknown) => setDemo({ state: 'error', error: e }));
  }, []);

  return (
    <div className="demo" style={{ paddingRight: demo.state === 'ready' ? PANEL_WIDTH + 16 : undefined }}>
      <header className="demo-bar">
        <strong>{t('demo.brand')}</strong> <span className="muted">{t('demo.standIn')}</span>
      </header>
      <main className="demo-record">
        {demo.state === 'loading' && <p className="muted">…</p>}
        {demo.state === 'none' && (
          <p>
            {withNodes(t, 'demo.none', {}, {
              optionsPage: (
                <button className="link" onClick={() => void browser.runtime.openOptionsPage()}>
                  {t('demo.optionsPage')}
                </button>
              ),
            })}
          </p>
        )}
        {demo.state === 'error' && <p className="error">{sayError(t, demo.error)}</p>}
        {demo.state === 'ready' && (
          <>
            <p className="muted small">{t('demo.account')}</p>
            <h1 data-testid="demo-account-name">{demo.name}</h1>
            <p>{t('demo.explain')}</p>
            <iframe
              className="demo-panel"
              data-testid="nps-panel-frame"
              title={t('pageFrameTitle')}
              src={browser.runtime.getURL('/panel.html')}
              style={{ width: PANEL_WIDTH }}
            />
          </>
        )}
      </main>
    </div>
  );
}
