import { createRoot } from 'react-dom/client';
import { DemoPage } from '../../components/demo/DemoPage';
import { I18nProvider } from '../../components/shared/i18n';
import '../../components/shared/theme.css';
import '../../components/demo/demo.css';

createRoot(document.getElementById('root')!).render(
  <I18nProvider title="demo.pageTitle">
    <DemoPage />
  </I18nProvider>,
);
