import { createRoot } from 'react-dom/client';
import { PanelApp } from '../../components/panel/PanelApp';
import { I18nProvider, preloadLanguage } from '../../components/shared/i18n';
import { startPanelPreload } from '../../components/panel/panel-preload';
import { followThemeHash } from '../../components/panel/theme-mode';
import '../../components/shared/theme.css';
import '../../components/shared/account.css';

// The panel's modules have loaded and run (a User Timing mark, beside panel-preload.ts's).
performance.mark('nps-panel:modules-run');
// The language's messages are asked for now, not after React's first render.
preloadLanguage().then(() => performance.mark('nps-panel:language-loaded'), () => undefined);
// Before the first paint: the frame's URL hash says the CRM page's theme (#theme=dark|light).
followThemeHash(window);
// The account was asked for by the page's first script (panel-boot.js), or is asked for now if that
// script has not run yet; the answer carries what the settings decide (the panel reads none itself).
const preload = startPanelPreload(window);
createRoot(document.getElementById('root')!).render(
  <I18nProvider>
    <PanelApp preload={preload} />
  </I18nProvider>,
);
