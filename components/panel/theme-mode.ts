/**
 * The panel's theme. The content script appends `#theme=dark` or `#theme=light` to the panel frame's URL
 * (and updates it when the CRM page's theme changes), so the panel matches the page around it. Only those
 * two values are honoured; anything else, or no hash, leaves the choice to `prefers-color-scheme`.
 */
export type ThemeMode = 'light' | 'dark';

/** The theme a URL hash asks for, or null when it asks for none (or for something we do not know). */
export function themeFromHash(hash: string): ThemeMode | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const theme = params.get('theme');
  return theme === 'dark' || theme === 'light' ? theme : null;
}

/** Sets (or clears) `data-theme` on the root element; theme.css switches its variables on it. */
export function applyTheme(root: HTMLElement, mode: ThemeMode | null): void {
  if (mode) root.dataset.theme = mode;
  else delete root.dataset.theme;
}

/** Follows the page's hash for as long as the page lives. */
export function followThemeHash(win: Window): () => void {
  const update = () => applyTheme(win.document.documentElement, themeFromHash(win.location.hash));
  update();
  win.addEventListener('hashchange', update);
  return () => win.removeEventListener('hashchange', update);
}
