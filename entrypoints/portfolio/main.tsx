import { createRoot } from 'react-dom/client';
import { PortfolioApp } from '../../components/portfolio/PortfolioApp';
import { I18nProvider } from '../../components/shared/i18n';
import '../../components/shared/theme.css';
import '../../components/shared/account.css';

createRoot(document.getElementById('root')!).render(
  <I18nProvider title="portfolio.pageTitle">
    <PortfolioApp />
  </I18nProvider>,
);
