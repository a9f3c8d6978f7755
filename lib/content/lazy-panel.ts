/**
 * The content script's handle on the panel: it keeps the preferences and whether a record wants the
 * panel, and loads the panel's chrome (`panel-chrome.ts`) only when a record is first shown.
 */
import { loadedPanelChrome, type PanelChrome, type PanelChromeFactory } from './panel-chrome';
import { DEFAULT_PANEL_PREFS, type PanelPrefs } from '../settings/panel-prefs';

export interface LazyPanelOptions {
  /** Has the chrome injected into this world; resolves once it ran (or failed). */
  inject: () => Promise<unknown>;
  /** Saves the preferences the user changed on the page (the tab, the handle, the command). */
  savePrefs: (prefs: PanelPrefs) => void;
  /** False where no frame can be shown (custom hosts): the page is still detected and reported. */
  canShow: boolean;
}

export class LazyPanel {
  private chrome: PanelChrome | undefined;
  private loading: Promise<PanelChromeFactory | undefined> | undefined;
  private prefs: PanelPrefs = { ...DEFAULT_PANEL_PREFS };
  private wanted = false;

  constructor(private readonly options: LazyPanelOptions) {}

  get collapsed(): boolean {
    return this.chrome?.collapsed ?? this.prefs.collapsed;
  }

  /** Starts loading the chrome (a record was detected); `show` waits for it. */
  preload(): void {
    if (!this.options.canShow || this.chrome || this.loading) return;
    const loaded = loadedPanelChrome();
    this.loading = loaded
      ? Promise.resolve(loaded)
      : this.options.inject().then(loadedPanelChrome, () => {
          this.loading = undefined;
          return undefined;
        });
  }

  /** Shows the panel; `report` names the page's report, which a frame created now waits for (`report-id.ts`). */
  async show(report?: string): Promise<void> {
    this.wanted = true;
    if (!this.options.canShow) return;
    if (!this.chrome) {
      this.preload();
      const factory = await this.loading;
      if (!factory || !this.wanted) return;
      this.chrome ??= factory({ savePrefs: this.options.savePrefs });
      this.chrome.setPrefs(this.prefs);
    }
    this.chrome.show(report);
  }

  hide(): void {
    this.wanted = false;
    this.chrome?.hide();
  }

  setPrefs(prefs: PanelPrefs): void {
    this.prefs = prefs;
    this.chrome?.setPrefs(prefs);
  }

  setCollapsed(collapsed: boolean): void {
    if (this.chrome) this.chrome.setCollapsed(collapsed);
    else {
      this.prefs = { ...this.prefs, collapsed };
      this.options.savePrefs(this.prefs);
    }
  }

  rescan(): void {
    this.chrome?.rescan();
  }

  relayout(): void {
    this.chrome?.relayout();
  }

  remove(): void {
    this.wanted = false;
    this.chrome?.remove();
    this.chrome = undefined;
  }
}
