/**
 * The HTTP source's bearer token. It lives in `storage.local` (so it survives restarts), written and read
 * by the background only: pages hand it over through `configureSource` and never get it back.
 * `storage.local` is readable by content scripts in Chrome, so the token is stored encrypted (AES-GCM)
 * with a non-extractable key kept in the extension's IndexedDB, which no content script can open.
 *
 * A token is bound to the origin it was saved for: the origin is sealed with it (as AES-GCM's additional
 * data, so it cannot be swapped), and `read(origin)` gives it only to that origin. A source moved to
 * another origin needs its token typed again. Tokens saved before the binding (version 1) name no origin
 * and are not given to any: the options page asks for the token again.
 */
import { browser } from 'wxt/browser';
import type { NpsStore } from '../store';

export const TOKEN_STORAGE_KEY = 'source.token';
const KEY_ID = 'source-token-key';

interface SealedToken {
  v: 2;
  origin: string;
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
    /** Where this token is kept: the HTTP source's by default, a survey-tool connector's under its own key. */
    private readonly storageKey: string = TOKEN_STORAGE_KEY,
  ) {}

  private async key(create: boolean): Promise<CryptoKey | undefined> {
    const store = await this.store();
    const known = await store.getSecretKey(KEY_ID);
    if (known || !create) return known;
    const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
    await store.putSecretKey(KEY_ID, key);
    return key;
  }

  /** Saves the token for one origin (`https://nps.example.com`); it replaces the token of any other. */
  async save(token: string, origin: string): Promise<void> {
    const key = (await this.key(true))!;
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const data = new Uint8Array(
      await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encode(origin) }, key, encode(token)),
    );
    const sealed: SealedToken = { v: 2, origin, iv: toBase64(iv), data: toBase64(data) };
    await this.area.set({ [this.storageKey]: sealed });
  }

  /** The token and the origin it was saved for, or null when none opens (none saved, an old one, the key lost, tampered with). */
  private async open(): Promise<{ token: string; origin: string } | null> {
    const sealed = (await this.area.get(this.storageKey))[this.storageKey] as Partial<SealedToken> | undefined;
    if (sealed?.v !== 2 || typeof sealed.origin !== 'string' || typeof sealed.iv !== 'string' || typeof sealed.data !== 'string') return null;
    const key = await this.key(false);
    if (!key) return null;
    try {
      const plain = await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: encode(sealed.origin) },
        key,
        fromBase64(sealed.data),
      );
      return { token: new TextDecoder().decode(plain), origin: sealed.origin };
    } catch {
      return null;
    }
  }

  /** The token saved for `origin`, or null (none, or one saved for another origin). */
  async read(origin: string): Promise<string | null> {
    const opened = await this.open();
    return opened && opened.origin === origin ? opened.token : null;
  }

  /** The origin the saved token belongs to, or null when there is none that opens. */
  async origin(): Promise<string | null> {
    return (await this.open())?.origin ?? null;
  }

  async has(origin: string): Promise<boolean> {
    return (await this.read(origin)) !== null;
  }

  async clear(): Promise<void> {
    await this.area.remove(this.storageKey);
  }
}

const encode = (text: string) => new TextEncoder().encode(text);
