/**
 * The panel's frame on the CRM page: an extension page in an iframe, created only once an account page
 * is detected, so its React, data and customer comments never run on, or reach, the CRM's page.
 */
import { browser } from 'wxt/browser';

export const PANEL_WIDTH = 380;

export class PanelFrame {
  private frame: HTMLIFrameElement | undefined;

  get element(): HTMLIFrameElement | undefined {
    return this.frame;
  }

  show(): void {
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

  hide(): void {
    this.frame?.style.setProperty('display', 'none', 'important');
  }

  remove(): void {
    this.frame?.remove();
    this.frame = undefined;
  }
}
