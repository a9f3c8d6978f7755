import { createRoot } from 'react-dom/client';
import { PopupApp } from '../../components/PopupApp';
import '../../components/theme.css';
// The compact account view is built from the panel's components, and wears their styles.
import '../../components/panel.css';
import '../../components/popup.css';

createRoot(document.getElementById('root')!).render(<PopupApp />);
