/**
 * A data source's URL rules, shared by the options page (to ask the browser for the origin in the click)
 * and the background (which checks them again before anything is saved).
 */

import { wordedError, words } from '../i18n/words';

const LOOPBACK = new Set(['127.0.0.1', 'localhost']);

/**
 * A source URL as stored: http(s), no credentials, no query or fragment, ending in `/`; plain http only
 * to this computer (a token must not cross a network in clear). Throws a message a person can act on.
 */
export function normaliseSourceUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw wordedError('validation', words('error.url.notUrl', { raw }), { field: 'url' });
  }
  checkSourceUrl(url);
  url.search = '';
  url.hash = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/**
 * The rules a URL the token is sent to must keep: https (plain http only to this computer), no
 * credentials. Checked when a source is saved and again before every request (the stored URL is not trusted).
 */
export function checkSourceUrl(url: URL): void {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw wordedError('validation', words('error.url.scheme'), { field: 'url' });
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw wordedError('validation', words('error.url.https'), { field: 'url' });
  }
  if (url.username || url.password) throw wordedError('validation', words('error.url.credentials'), { field: 'url' });
}

/** The origin pattern the browser grants for a source URL (match patterns have no ports). */
export function originPattern(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}/*`;
}
