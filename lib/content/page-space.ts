/**
 * Makes room for the panel at the right edge of the CRM's page instead of covering it: the document
 * element gets narrower by the panel's width (inline `!important` styles, restored when the panel goes).
 *
 * CRM apps (Lightning, Zendesk's agent workspace, HubSpot, Dynamics) are app shells: the document does
 * not scroll, and the app is laid out by `position: fixed` or `absolute` boxes that fill the viewport,
 * which a narrower document alone would not move. For such a page the document element also gets
 * layout containment, which makes it the containing block of those boxes: the whole app fits in the
 * narrower width. A page that scrolls as a document keeps its fixed boxes on the viewport (containment
 * would make fixed headers scroll away); only its flow content narrows.
 */

/** `contained`: the document element is the containing block of fixed boxes; `flow`: it is not. */
export type SpaceMode = 'contained' | 'flow';

const PROPS = ['width', 'min-height', 'contain'] as const;

export class PageSpace {
  private saved: Map<string, [string, string]> | undefined;
  private current: { width: number; mode: SpaceMode } | undefined;

  /** How the room is made now (undefined: none is). */
  get mode(): SpaceMode | undefined {
    return this.current?.mode;
  }

  /** The width given up now (0: none). */
  get reserved(): number {
    return this.current?.width ?? 0;
  }

  /** Makes `width` CSS pixels of room at the right edge; returns how. */
  reserve(width: number): SpaceMode {
    const html = document.documentElement;
    if (!this.saved) {
      this.saved = new Map(PROPS.map((p) => [p, [html.style.getPropertyValue(p), html.style.getPropertyPriority(p)]]));
    }
    const mode = this.scrolls() ? 'flow' : 'contained';
    if (this.current?.width === width && this.current.mode === mode) return mode;
    this.current = { width, mode };
    html.style.setProperty('width', `calc(100% - ${width}px)`, 'important');
    if (mode === 'contained') {
      html.style.setProperty('contain', 'layout', 'important');
      html.style.setProperty('min-height', '100%', 'important');
    } else {
      this.restore('contain');
      this.restore('min-height');
    }
    return mode;
  }

  /** Gives the page its whole width back, with the inline styles it had. */
  release(): void {
    if (!this.saved) return;
    for (const p of PROPS) this.restore(p);
    this.saved = undefined;
    this.current = undefined;
  }

  /** Whether the document itself scrolls vertically (a document, not an app shell). */
  private scrolls(): boolean {
    const root = document.scrollingElement ?? document.documentElement;
    return root.scrollHeight > root.clientHeight + 1;
  }

  private restore(p: string): void {
    const [value, priority] = this.saved?.get(p) ?? ['', ''];
    if (value) document.documentElement.style.setProperty(p, value, priority);
    else document.documentElement.style.removeProperty(p);
  }
}
