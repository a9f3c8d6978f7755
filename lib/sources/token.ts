/**
 * The HTTP source's bearer token. It lives in `storage.local` (so it survives restarts), written and read
 * by the background only: pages hand it over through `configureSource` and never get it back.
 * `storage.local` is readable by content scripts in Chrome, so the token is stored encrypted (AES-GCM)
 * with a non-extractable key kept in the extension's IndexedDB, which no content script can open.
 */
import { browser } from 'wxt/browser';
import type { NpsStore } from '../store';

export const TOKEN_STORAGE_KEY = 'source.token';
const KEY_ID = 'source-token-key';

interface SealedToken {
  v: 1;
  iv: string;
  data: string;
}

/** Where the sealed token is kept; `storage.local` in the extension, a map in tests. */
export interface TokenArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

export class TokenVault {
  constructor(
    private readonly store: () => Promise<NpsStore>,
    private readonly area: TokenArea = browser.storage.local,
  ) {}

  private async key(create: boolean): Promise<CryptoKey | undefined> {
    const store = await this.store();
    const known = await store.getSecretKey(KEY_ID);
    if (known || !create) return known;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await store.putSecretKey(KEY_ID, key);
    return key;
  }

  async save(token: string): Promise<void> {
    const key = (await this.key(true))!;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, new TextEncoder().encode(token)));
    const sealed: SealedToken = { v: 1, iv: toBase64(iv), data: toBase64(data) };
    await this.area.set({ [TOKEN_STORAGE_KEY]: sealed });
  }

  /** The token, or null when none is saved (or it cannot be opened: the key was lost with the data). */
  async read(): Promise<string | null> {
    const sealed = (await this.area.get(TOKEN_STORAGE_KEY))[TOKEN_STORAGE_KEY] as SealedToken | undefined;
    if (!sealed || sealed.v !== 1) return null;
    const key = await this.key(false);
    if (!key) return null;
    try {
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(sealed.iv) }, key, fromBase64(sealed.data));
      return new TextDecoder().decode(plain);
    } catch {
      return null;
    }
  }

  async has(): Promise<boolean> {
    return (await this.read()) !== null;
  }

  async clear(): Promise<void> {
    await this.area.remove(TOKEN_STORAGE_KEY);
  }
}
