import { createRoot } from 'react-dom/client';
import { DemoPage } from '../../components/DemoPage';
import '../../components/theme.css';
import '../../components/demo.css';

createRoot(document.getElementById('root')!).render(<DemoPage />);
