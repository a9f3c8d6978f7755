import { createRoot } from 'react-dom/client';
import { PopupApp } from '../../components/popup/PopupApp';
import { startPopupHome } from '../../components/popup/popup-home';
import { I18nProvider, preloadLanguage } from '../../components/shared/i18n';
import '../../components/shared/theme.css';
// The compact account view is built from the panel's components, and wears their styles.
import '../../components/shared/account.css';
import '../../components/popup/popup.css';

// The language's messages and the first view are asked for now, together, not one after the other
// after React's first render.
preloadLanguage();
const firstHome = startPopupHome();
createRoot(document.getElementById('root')!).render(
  <I18nProvider>
    <PopupApp firstHome={firstHome} />
  </I18nProvider>,
);
