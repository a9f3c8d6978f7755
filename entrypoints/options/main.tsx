import { createRoot } from 'react-dom/client';
import { OptionsApp } from '../../components/options/OptionsApp';
import { I18nProvider } from '../../components/shared/i18n';
import '../../components/shared/theme.css';
import '../../components/options/options.css';

createRoot(document.getElementById('root')!).render(
  <I18nProvider title="options.pageTitle">
    <OptionsApp />
  </I18nProvider>,
);
