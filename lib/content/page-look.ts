/**
 * Whether the CRM page looks light or dark, so the panel can match it: the background of what is on
 * screen (the element in the middle of the page's area and its ancestors, then the body and the
 * document), else the system's preference. Read when the panel is shown and on navigation rescans only.
 */

/** `rgb()`/`rgba()` as computed styles write them → [r, g, b, alpha]; undefined for other forms. */
/** The panel follows the page's light or dark look. */
export type PanelTheme = 'light' | 'dark';

export function parseRgb(color: string): [number, number, number, number] | undefined {
  const m = /^rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/.exec(color.trim());
  if (!m) return undefined;
  const a = m[4] === undefined ? 1 : m[4].endsWith('%') ? parseFloat(m[4]) / 100 : parseFloat(m[4]);
  return [Number(m[1]), Number(m[2]), Number(m[3]), a];
}

/** WCAG relative luminance of an sRGB colour, 0 (black) to 1 (white). */
export function luminance([r, g, b]: readonly number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r!) + 0.7152 * lin(g!) + 0.0722 * lin(b!);
}

/** The theme a background colour calls for; undefined when it is (nearly) transparent or unreadable. */
export function themeOfBackground(color: string): PanelTheme | undefined {
  const rgb = parseRgb(color);
  if (!rgb || rgb[3] < 0.5) return undefined;
  // Mid-grey (luminance ≈ 0.18) is where light text starts to read better than dark text.
  return luminance(rgb) < 0.18 ? 'dark' : 'light';
}

/** The page's theme: `reservedRight` pixels at the right edge are ours and not looked at. */
export function pageTheme(doc: Document = document, reservedRight = 0): PanelTheme {
  const view = doc.defaultView;
  if (!view) return 'light';
  const seen = new Set<Element>();
  const candidates: Element[] = [];
  const x = Math.max(0, (view.innerWidth - reservedRight) / 2);
  for (let el = doc.elementFromPoint(x, view.innerHeight / 2); el && candidates.length < 30; el = el.parentElement) {
    candidates.push(el);
  }
  if (doc.body) candidates.push(doc.body);
  candidates.push(doc.documentElement);
  for (const el of candidates) {
    if (seen.has(el)) continue;
    seen.add(el);
    const theme = themeOfBackground(view.getComputedStyle(el).backgroundColor);
    if (theme) return theme;
  }
  return view.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
