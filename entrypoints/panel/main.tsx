import { createRoot } from 'react-dom/client';
import { PanelApp } from '../../components/PanelApp';
import { followThemeHash } from '../../components/theme-mode';
import '../../components/theme.css';
import '../../components/panel.css';

// Before the first paint: the frame's URL hash says the CRM page's theme (#theme=dark|light).
followThemeHash(window);
createRoot(document.getElementById('root')!).render(<PanelApp />);
