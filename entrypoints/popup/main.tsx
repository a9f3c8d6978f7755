import { createRoot } from 'react-dom/client';
import { PopupApp } from '../../components/popup/PopupApp';
import { I18nProvider } from '../../components/shared/i18n';
import '../../components/shared/theme.css';
// The compact account view is built from the panel's components, and wears their styles.
import '../../components/shared/account.css';
import '../../components/popup/popup.css';

createRoot(document.getElementById('root')!).render(
  <I18nProvider>
    <PopupApp />
  </I18nProvider>,
);
