/**
 * Shapes what the panel page hears from the background, to reach states real data cannot reach on
 * demand (a slow or failing background, a stale cache). Installed with `page.addInitScript`, so it runs
 * in the panel's frame before the panel's own code and in no other test's page; it wraps the panel's
 * `runtime.sendMessage` and leaves every other frame alone.
 */
import type { Page } from '@playwright/test';

export interface PanelStub {
  /** Hold every `getPanelData` reply this long (ms). */
  delayMs?: number;
  /** Fail this many `getPanelData` calls first, with this message. */
  failFirst?: number;
  failMessage?: string;
  /** Overwrite the reply's freshness (a stale cache, a refresh that failed). */
  freshness?: { fetchedAgoMs: number; stale: boolean; refreshing: boolean; lastError: string | null };
  /** Overwrite the reply's source name. */
  sourceName?: string;
}

export async function stubPanelService(page: Page, stub: PanelStub): Promise<void> {
  await page.addInitScript((s: PanelStub) => {
    if (location.protocol !== 'chrome-extension:' || location.pathname !== '/panel.html') return;
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage: (m: unknown) => Promise<unknown> } } }).chrome.runtime;
    const send = runtime.sendMessage.bind(runtime);
    let failures = 0;
    const wrapped = async (message: unknown) => {
      const m = message as { method?: string };
      if (m?.method !== 'getPanelData') return send(message);
      if (s.delayMs) await new Promise((r) => setTimeout(r, s.delayMs));
      if (s.failFirst && failures < s.failFirst) {
        failures += 1;
        return { ok: false, error: s.failMessage ?? 'failed' };
      }
      const reply = (await send(message)) as { ok: boolean; value?: Record<string, unknown> };
      if (reply?.ok && reply.value) {
        if (s.freshness) {
          const { fetchedAgoMs, ...rest } = s.freshness;
          reply.value.freshness = { ...rest, fetchedAt: Date.now() - fetchedAgoMs };
        }
        if (s.sourceName) reply.value.sourceName = s.sourceName;
      }
      return reply;
    };
    Object.defineProperty(runtime, 'sendMessage', { value: wrapped, configurable: true, writable: true });
  }, stub);
}
