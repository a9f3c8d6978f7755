import { createRoot } from 'react-dom/client';
import { PanelApp } from '../../components/PanelApp';
import '../../components/theme.css';
import '../../components/panel.css';

createRoot(document.getElementById('root')!).render(<PanelApp />);
