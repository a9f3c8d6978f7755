/**
 * The panel's frame on the CRM page: an extension page in an iframe, created only once an account page
 * is detected, so its React, data and customer comments never run on, or reach, the CRM's page.
 *
 * The frame is docked at the right edge and the page gives up that much width (`page-space.ts`), so
 * none of the CRM's controls sit under it. It collapses to a slim tab, is resized by a handle on its
 * left edge (pointer or arrow keys), and both are remembered per CRM (`panel-prefs.ts`). What it puts
 * on the page hangs off the document element (outside the body, which some apps replace), styled inline
 * with `!important`; the tab and the handle live in closed shadow roots. No global CSS.
 */
import { browser } from 'wxt/browser';
import type { PanelChrome, PanelChromeOptions } from './panel-chrome';
import { pageTheme, type PanelTheme } from './page-look';
import { DEFAULT_PANEL_PREFS, PANEL_MAX_WIDTH, PANEL_MIN_WIDTH, type PanelPrefs } from '../settings/panel-prefs';
import { PageSpace } from './page-space';
import { pageWord } from './page-words';

/** The collapsed tab's width, reserved at the right edge like the panel's. */
export const TAB_WIDTH = 28;
/** Arrow keys on the resize handle move the edge by this much (Shift: four times). */
const KEY_STEP = 16;
/** The panel never takes more than this share of the window, whatever width was saved. */
const MAX_VIEWPORT_SHARE = 0.6;



/** Inline declarations, each `!important`: the CRM's style sheets cannot override them. */
function important(declarations: Record<string, string>): string {
  return Object.entries(declarations)
    .map(([k, v]) => `${k}:${v} !important`)
    .join(';');
}

/** What every element we add shares. */
const FIXED = { position: 'fixed', margin: '0', padding: '0', 'max-width': 'none', 'max-height': 'none', 'min-width': '0', 'min-height': '0' };

/** The inline style each of our elements was last given, so the same style is not set again. */
const applied = new WeakMap<HTMLElement, string>();

/**
 * Gives one of our elements its inline style, unless it has it already: setting even the same style
 * again makes the page's style and layout be worked out again, on every rescan of a busy CRM page.
 */
function setStyle(el: HTMLElement, declarations: Record<string, string>): void {
  const css = important(declarations);
  if (applied.get(el) === css) return;
  el.style.cssText = css;
  applied.set(el, css);
}

/** One property of an element's style, set apart from `setStyle` (which then sets the whole style again). */
function setStyleProperty(el: HTMLElement | undefined, property: string, value: string): void {
  if (!el || el.style.getPropertyValue(property) === value) return;
  el.style.setProperty(property, value, 'important');
  applied.delete(el);
}

function hideElement(el: HTMLElement | undefined): void {
  setStyleProperty(el, 'display', 'none');
}

/** A minimal host with a closed shadow root, so the page can neither restyle nor reach into it. */
function shadowHost(css: string, testId: string): { host: HTMLElement; root: ShadowRoot } {
  const host = document.createElement('div');
  host.dataset.testid = testId;
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = css;
  root.append(style);
  return { host, root };
}

const TAB_CSS = `
button { all: initial; box-sizing: border-box; width: ${TAB_WIDTH}px; height: 112px; display: flex; align-items: center;
  justify-content: center; cursor: pointer; writing-mode: vertical-rl; font: 600 12px/1 system-ui, sans-serif;
  letter-spacing: .08em; border-radius: 8px 0 0 8px; border: 1px solid var(--b); border-right: 0;
  background: var(--bg); color: var(--fg); box-shadow: -2px 0 6px rgba(0,0,0,.12); }
:host([data-theme="light"]) { --bg: #fff; --fg: #0b5cab; --b: rgba(0,0,0,.2); }
:host([data-theme="dark"]) { --bg: #1f2328; --fg: #8cc4ff; --b: rgba(255,255,255,.25); }
button:hover { filter: brightness(.95); }
button:focus-visible { outline: 3px solid #2a7de1; outline-offset: -3px; }
`;

const HANDLE_CSS = `
div { position: absolute; inset: 0; cursor: col-resize; touch-action: none; }
div::after { content: ""; position: absolute; top: 50%; left: 3px; width: 2px; height: 40px; margin-top: -20px;
  border-radius: 1px; background: rgba(128,128,128,.55); }
div:hover::after, div:focus-visible::after { background: #2a7de1; }
div:focus-visible { outline: 3px solid #2a7de1; outline-offset: -3px; }
`;

export class PanelFrame implements PanelChrome {
  private frame: HTMLIFrameElement | undefined;
  private tab: { host: HTMLElement; button: HTMLButtonElement } | undefined;
  private handle: { host: HTMLElement; grip: HTMLElement } | undefined;
  private readonly space = new PageSpace();
  private wanted = false;
  private prefs: PanelPrefs = { ...DEFAULT_PANEL_PREFS };
  private theme: PanelTheme = 'light';
  private dragging = false;
  /** The page report a frame created now must wait for (`lib/messaging/report-id.ts`). */
  private report: string | undefined;
  private readonly savePrefs: (prefs: PanelPrefs) => void;

  constructor(options: PanelChromeOptions = {}) {
    this.savePrefs = options.savePrefs ?? (() => undefined);
  }

  get element(): HTMLIFrameElement | undefined {
    return this.frame;
  }

  /** The width the page gave up for us now (0: none). */
  get reservedWidth(): number {
    return this.space.reserved;
  }

  /** Whether the panel is collapsed to its slim tab (the keyboard command and the tab toggle it). */
  get collapsed(): boolean {
    return this.prefs.collapsed;
  }

  /**
   * The page shows a record: show the panel (or its tab, when collapsed), in the page's theme. A frame
   * created now names `report`, the report of this page, which its panel waits for.
   */
  show(report?: string): void {
    if (report && !this.frame) this.report = report;
    if (!this.wanted) this.setTheme(pageTheme(document, this.space.reserved));
    this.wanted = true;
    this.render();
  }

  /** The page shows no record: nothing of ours stays on it. */
  hide(): void {
    this.wanted = false;
    this.render();
  }

  /** Preferences read from storage (at start, or changed by the panel page or another tab). */
  setPrefs(prefs: PanelPrefs): void {
    if (prefs.collapsed === this.prefs.collapsed && prefs.width === this.prefs.width) return;
    this.prefs = { ...prefs };
    this.render();
  }

  /** The user collapses or expands the panel here (the keyboard command, the tab): applied and saved. */
  setCollapsed(collapsed: boolean): void {
    this.prefs = { ...this.prefs, collapsed };
    this.render();
    this.savePrefs(this.prefs);
    if (!collapsed) this.frame?.focus();
  }

  /** The page's light or dark look, passed to the panel in its URL's hash. */
  setTheme(theme: PanelTheme): void {
    if (theme === this.theme) return;
    this.theme = theme;
    if (this.frame) this.frame.src = this.frameUrl();
    this.tab?.host.setAttribute('data-theme', theme);
  }

  /** After a navigation: matches the page's theme again and re-applies the layout. */
  rescan(): void {
    if (!this.wanted) return;
    this.setTheme(pageTheme(document, this.space.reserved));
    this.render();
  }

  /** Re-applies the layout (the window was resized, or the page changed how it scrolls). */
  relayout(): void {
    if (this.wanted) this.render();
  }

  /** The width the panel takes on this window: the saved width, within the window's share. */
  private width(): number {
    const share = Math.floor(window.innerWidth * MAX_VIEWPORT_SHARE);
    return Math.max(PANEL_MIN_WIDTH, Math.min(this.prefs.width, share));
  }

  private frameUrl(): string {
    // The report in the query (fixed for the document), the theme in the hash (changed in place).
    return `${browser.runtime.getURL('/panel.html')}${this.report ? `?report=${this.report}` : ''}#theme=${this.theme}`;
  }

  protected render(): void {
    const expanded = this.wanted && !this.prefs.collapsed;
    const collapsed = this.wanted && this.prefs.collapsed;
    // Collapsed from inside the panel (its button): the keyboard user lands on the tab, not the page's top.
    const panelHadFocus = !!this.frame && document.activeElement === this.frame;
    if (expanded) {
      const width = this.width();
      this.space.reserve(width);
      this.showFrame(width);
      this.showHandle(width);
    } else {
      hideElement(this.frame);
      hideElement(this.handle?.host);
    }
    if (collapsed) {
      this.space.reserve(TAB_WIDTH);
      this.showTab();
      if (panelHadFocus) this.tab?.button.focus();
    } else hideElement(this.tab?.host);
    if (!this.wanted) this.space.release();
  }

  /**
   * The CSS `right` that puts an element's right edge `fromRight` pixels from the window's: when the
   * document element contains fixed boxes, ours are placed from its right edge, `reserved` further in.
   */
  private right(fromRight: number): string {
    return `${this.space.mode === 'contained' ? fromRight - this.space.reserved : fromRight}px`;
  }

  private showFrame(width: number): void {
    if (!this.frame) {
      const frame = document.createElement('iframe');
      frame.src = this.frameUrl();
      frame.dataset.testid = 'nps-panel-frame';
      frame.title = pageWord('pageFrameTitle');
      frame.setAttribute('allow', '');
      document.documentElement.append(frame);
      this.frame = frame;
    }
    setStyle(this.frame, {
      ...FIXED,
      display: 'block',
      top: '0',
      left: 'auto',
      bottom: 'auto',
      right: this.right(0),
      width: `${width}px`,
      height: '100vh',
      border: '0',
      'border-left': '1px solid rgba(128,128,128,.35)',
      'box-sizing': 'border-box',
      'box-shadow': '-2px 0 8px rgba(0,0,0,.08)',
      'z-index': '2147483647',
      background: 'transparent',
      'color-scheme': 'normal',
      'pointer-events': this.dragging ? 'none' : 'auto',
    });
  }

  private showHandle(width: number): void {
    if (!this.handle) {
      const { host, root } = shadowHost(HANDLE_CSS, 'nps-panel-resize');
      const grip = document.createElement('div');
      grip.tabIndex = 0;
      grip.setAttribute('role', 'separator');
      grip.setAttribute('aria-orientation', 'vertical');
      grip.setAttribute('aria-label', pageWord('pageResize'));
      grip.setAttribute('aria-valuemin', String(PANEL_MIN_WIDTH));
      grip.setAttribute('aria-valuemax', String(PANEL_MAX_WIDTH));
      grip.addEventListener('pointerdown', (e) => this.startDrag(e, grip));
      grip.addEventListener('keydown', (e) => this.onHandleKey(e));
      root.append(grip);
      document.documentElement.append(host);
      this.handle = { host, grip };
    }
    if (this.handle.grip.getAttribute('aria-valuenow') !== String(width)) this.handle.grip.setAttribute('aria-valuenow', String(width));
    // Over the frame's left edge, inside the space the page gave up: it covers none of the CRM.
    setStyle(this.handle.host, {
      ...FIXED,
      display: 'block',
      top: '0',
      left: 'auto',
      bottom: 'auto',
      right: this.right(width - 8),
      width: '8px',
      height: '100vh',
      border: '0',
      background: 'transparent',
      'z-index': '2147483647',
    });
  }

  private showTab(): void {
    if (!this.tab) {
      const { host, root } = shadowHost(TAB_CSS, 'nps-panel-tab');
      host.setAttribute('data-theme', this.theme);
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = 'NPS';
      button.setAttribute('aria-label', pageWord('pageShow'));
      button.title = pageWord('pageShow');
      button.addEventListener('click', () => this.setCollapsed(false));
      root.append(button);
      document.documentElement.append(host);
      this.tab = { host, button };
    }
    setStyle(this.tab.host, {
      ...FIXED,
      display: 'block',
      top: '50vh',
      left: 'auto',
      bottom: 'auto',
      right: this.right(0),
      width: `${TAB_WIDTH}px`,
      height: '112px',
      transform: 'translateY(-50%)',
      border: '0',
      background: 'transparent',
      'z-index': '2147483647',
    });
  }

  /** Sets the width from the handle; saved when `save` (at the end of a drag, or per key press). */
  private resizeTo(width: number, save: boolean): void {
    const max = Math.min(PANEL_MAX_WIDTH, Math.max(PANEL_MIN_WIDTH, Math.floor(window.innerWidth * MAX_VIEWPORT_SHARE)));
    this.prefs = { ...this.prefs, width: Math.round(Math.max(PANEL_MIN_WIDTH, Math.min(max, width))) };
    this.render();
    if (save) this.savePrefs(this.prefs);
  }

  private startDrag(event: PointerEvent, grip: HTMLElement): void {
    if (event.button !== 0) return;
    event.preventDefault();
    grip.setPointerCapture(event.pointerId);
    // The frame would swallow the pointer as it crosses it: it ignores pointers while the edge moves.
    this.dragging = true;
    setStyleProperty(this.frame, 'pointer-events', 'none');
    const move = (e: PointerEvent) => this.resizeTo(window.innerWidth - e.clientX, false);
    const end = () => {
      grip.removeEventListener('pointermove', move);
      grip.removeEventListener('pointerup', end);
      grip.removeEventListener('pointercancel', end);
      this.dragging = false;
      setStyleProperty(this.frame, 'pointer-events', 'auto');
      this.resizeTo(this.prefs.width, true);
    };
    grip.addEventListener('pointermove', move);
    grip.addEventListener('pointerup', end);
    grip.addEventListener('pointercancel', end);
  }

  private onHandleKey(event: KeyboardEvent): void {
    const step = event.shiftKey ? KEY_STEP * 4 : KEY_STEP;
    const width = this.width();
    // The handle is the panel's left edge: left widens the panel, right narrows it.
    const next =
      event.key === 'ArrowLeft' ? width + step
      : event.key === 'ArrowRight' ? width - step
      : event.key === 'Home' ? PANEL_MIN_WIDTH
      : event.key === 'End' ? PANEL_MAX_WIDTH
      : undefined;
    if (next === undefined) return;
    event.preventDefault();
    this.resizeTo(next, true);
  }

  remove(): void {
    this.space.release();
    for (const el of [this.frame, this.tab?.host, this.handle?.host]) el?.remove();
    this.frame = undefined;
    this.tab = undefined;
    this.handle = undefined;
  }
}
