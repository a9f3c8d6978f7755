/**
 * The panel's frame on the CRM page: an extension page in an iframe, created only once an account page
 * is detected, so its React, data and customer comments never run on, or reach, the CRM's page.
 */
import { browser } from 'wxt/browser';

export const PANEL_WIDTH = 380;

export class PanelFrame {
  private frame: HTMLIFrameElement | undefined;
  private wanted = false;
  private hiddenByUser = false;

  get element(): HTMLIFrameElement | undefined {
    return this.frame;
  }

  /** Whether the user hid the panel (the keyboard command); the page's record still decides the rest. */
  get userHidden(): boolean {
    return this.hiddenByUser;
  }

  /** The page shows a record: show the panel, unless the user hid it. */
  show(): void {
    this.wanted = true;
    if (!this.hiddenByUser) this.display();
  }

  /** The page shows no record. */
  hide(): void {
    this.wanted = false;
    this.frame?.style.setProperty('display', 'none', 'important');
  }

  /** The user's choice, kept across records: hidden stays hidden until shown again. */
  setUserHidden(hidden: boolean): void {
    this.hiddenByUser = hidden;
    if (hidden) this.frame?.style.setProperty('display', 'none', 'important');
    else if (this.wanted) this.display();
  }

  private display(): void {
    if (!this.frame) {
      const frame = document.createElement('iframe');
      frame.src = browser.runtime.getURL('/panel.html');
      frame.dataset.testid = 'nps-panel-frame';
      frame.title = 'NPS context for this account';
      frame.setAttribute('allow', '');
      // Inline and important: the CRM's own style sheets must not move or hide the frame.
      frame.style.cssText = [
        'position:fixed',
        'top:0',
        'right:0',
        `width:${PANEL_WIDTH}px`,
        'height:100vh',
        'border:0',
        'border-left:1px solid rgba(0,0,0,.15)',
        'box-shadow:-2px 0 8px rgba(0,0,0,.08)',
        'z-index:2147483000',
        'background:transparent',
        'color-scheme:normal',
      ]
        .map((d) => `${d} !important`)
        .join(';');
      (document.body ?? document.documentElement).append(frame);
      this.frame = frame;
    }
    this.frame.style.setProperty('display', 'block', 'important');
  }

  remove(): void {
    this.frame?.remove();
    this.frame = undefined;
  }
}
