/**
 * Reading and writing the extension's `storage.local` from one of its pages, to check what a control
 * stored, or to set up a state whose normal path needs a browser prompt no test can answer.
 */
import type { Page } from '@playwright/test';

type ChromeStorage = { chrome: { storage: { local: { get(k: string | null): Promise<Record<string, unknown>>; set(v: object): Promise<void>; remove(k: string): Promise<void> } } } };

export function localGet(page: Page, key: string): Promise<unknown> {
  return page.evaluate(async (k) => (await (globalThis as unknown as ChromeStorage).chrome.storage.local.get(k))[k], key);
}

export function localSet(page: Page, values: Record<string, unknown>): Promise<void> {
  return page.evaluate((v) => (globalThis as unknown as ChromeStorage).chrome.storage.local.set(v), values);
}

export function localRemove(page: Page, key: string): Promise<void> {
  return page.evaluate((k) => (globalThis as unknown as ChromeStorage).chrome.storage.local.remove(k), key);
}
