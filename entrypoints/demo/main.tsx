import { createRoot } from 'react-dom/client';
import { DemoPage } from '../../components/demo/DemoPage';
import '../../components/shared/theme.css';
import '../../components/demo/demo.css';

createRoot(document.getElementById('root')!).render(<DemoPage />);
