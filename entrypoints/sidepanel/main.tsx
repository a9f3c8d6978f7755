import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { PanelApp } from '../../components/panel/PanelApp';
import { I18nProvider } from '../../components/shared/i18n';
import '../../components/shared/theme.css';
import '../../components/shared/account.css';

// The browser's side panel shows the panel for the active tab of its window, where the page cannot
// host it in a frame (custom hosts). The side panel is not in a tab, so its URL names the tab it serves
// (`?tabId=`), which the background reads for `getPanelData`; another tab becoming active reloads it
// for that tab. Opened in a tab of its own (by hand, or by a test), it keeps serving the tab it names.
async function start(): Promise<void> {
  const named = new URLSearchParams(location.search).get('tabId');
  const inTab = (await browser.tabs.getCurrent()) !== undefined;
  if (!inTab) {
    const { id: windowId } = await browser.windows.getCurrent();
    const [active] = await browser.tabs.query({ active: true, windowId });
    if (active?.id !== undefined && named !== String(active.id)) {
      location.replace(`?tabId=${active.id}`);
      return;
    }
    browser.tabs.onActivated.addListener(({ tabId, windowId: w }) => {
      if (w === windowId && String(tabId) !== named) location.replace(`?tabId=${tabId}`);
    });
  }
  createRoot(document.getElementById('root')!).render(
    <I18nProvider>
      <PanelApp place="sidepanel" />
    </I18nProvider>,
  );
}

void start();
