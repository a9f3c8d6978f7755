import { createRoot } from 'react-dom/client';
import { PortfolioApp } from '../../components/portfolio/PortfolioApp';
import '../../components/shared/theme.css';
import '../../components/shared/account.css';

createRoot(document.getElementById('root')!).render(<PortfolioApp />);
