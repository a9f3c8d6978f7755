import { createRoot } from 'react-dom/client';
import { PopupApp } from '../../components/PopupApp';
import '../../components/theme.css';
import '../../components/popup.css';

createRoot(document.getElementById('root')!).render(<PopupApp />);
