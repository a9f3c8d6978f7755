/**
 * Small DOM helpers shared by the adapters. Every function is defensive: CRM markup changes without
 * notice, so a missing element, an unsupported selector or a shadow root never makes one throw.
 */
import type { AccountHints } from './types';

const MAX_LIST = 20;
const MAX_NAME = 200;
/** One email pattern for every adapter (kept deliberately simple: pages show addresses, not RFC edge cases). */
const EMAIL = /[\w.+'-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;

/** `querySelectorAll` that returns nothing for a selector this browser rejects. */
export function queryAll(root: ParentNode, selector: string): Element[] {
  try {
    return Array.from(root.querySelectorAll(selector));
  } catch {
    return [];
  }
}

/**
 * Elements matched by any of `selectors`, each once, selector by selector: one selector a browser
 * rejects costs only its own matches.
 */
export function queryEach(root: ParentNode, selectors: readonly string[]): Element[] {
  return [...new Set(selectors.flatMap((selector) => queryAll(root, selector)))];
}

/** Open shadow roots directly under `root` (native shadow DOM; synthetic shadow is flat to us). */
function shadowRoots(root: ParentNode): ShadowRoot[] {
  return queryAll(root, '*').flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : []));
}

/**
 * The first element matched by the earliest selector that matches anything, searching the light DOM
 * first and then open shadow roots. Selectors are ordered newest markup first.
 */
export function firstMatch(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const found = queryAll(root, selector)[0];
    if (found) return found;
  }
  for (const shadow of shadowRoots(root)) {
    const found = firstMatch(shadow, selectors);
    if (found) return found;
  }
  return null;
}

/**
 * The container of the visible tab or pane: for the first selector that matches, its single innermost
 * match. Apps keep visited tabs in the DOM, hidden; when a selector's matches cannot tell which is
 * visible (two unrelated matches), that selector is skipped rather than guessed.
 */
export function visibleScope(root: ParentNode, selectors: readonly string[]): Element | null {
  for (const selector of selectors) {
    const all = queryAll(root, selector);
    const innermost = all.filter((a) => !all.some((b) => b !== a && a.contains(b)));
    if (innermost.length === 1) return innermost[0] ?? null;
  }
  return null;
}

/** Text with whitespace (including non-breaking and zero-width spaces) collapsed; undefined when empty. */
export function cleanText(text: string | null | undefined): string | undefined {
  const clean = (text ?? '').replace(/[\s\u200b\u200e\u200f\ufeff]+/g, ' ').trim();
  return clean || undefined;
}

/** The cleaned text of the first match of `selectors` under `root`. */
export function textOf(root: ParentNode, selectors: readonly string[]): string | undefined {
  return cleanText(firstMatch(root, selectors)?.textContent);
}

/** Every email address in a text, lower case. */
export function emailsInText(text: string | null | undefined): string[] {
  return (text ?? '').match(EMAIL)?.map((e) => e.toLowerCase()) ?? [];
}

/** The domain of an email address, lower case; undefined when it is not one. */
export function emailDomain(email: string): string | undefined {
  const [address] = emailsInText(email);
  return address?.slice(address.lastIndexOf('@') + 1);
}

/**
 * Email addresses shown in the elements matched by `selectors` under `root`: in their text, their
 * `mailto:` links and their `title` attributes (helpdesks put the address in a tooltip).
 */
export function emailsIn(root: ParentNode, selectors: readonly string[]): string[] {
  const found: string[] = [];
  for (const el of queryEach(root, selectors)) {
    for (const part of [el, ...queryAll(el, 'a[href^="mailto:"], [title*="@"]')]) {
      found.push(...emailsInText(part.getAttribute('href')?.replace(/^mailto:/i, '')), ...emailsInText(part.getAttribute('title')));
    }
    found.push(...emailsInText(el.textContent));
  }
  return found;
}

/** Parse a link's href against the page (relative hrefs are common); null when it is not a URL. */
export function linkUrl(link: Element | null | undefined, base: string): URL | null {
  const href = link?.getAttribute('href');
  if (!href) return null;
  try {
    return new URL(href, base);
  } catch {
    return null;
  }
}

/**
 * Hints without empty members, with lists lower-cased, de-duplicated and capped and the name trimmed,
 * so every adapter hands over the same shape.
 */
export function compactHints(hints: AccountHints): AccountHints {
  const out: AccountHints = {};
  for (const [key, value] of Object.entries(hints) as Array<[keyof AccountHints, AccountHints[keyof AccountHints]]>) {
    if (Array.isArray(value)) {
      const list = [...new Set(value.map((v) => v.trim().toLowerCase()).filter(Boolean))].slice(0, MAX_LIST);
      if (list.length) (out as Record<string, unknown>)[key] = list;
    } else {
      const text = key === 'name' ? cleanText(value)?.slice(0, MAX_NAME) : value?.trim();
      if (text) (out as Record<string, unknown>)[key] = text;
    }
  }
  return out;
}

/**
 * Hints from the URL, completed by `fromDom` unless the DOM read throws: a DOM surprise costs the DOM
 * hints, never the URL's. URL hints win over DOM hints for the same member.
 */
export function withDomHints(fromUrl: AccountHints, fromDom: () => AccountHints): AccountHints {
  let dom: AccountHints = {};
  try {
    dom = fromDom();
  } catch {
    // Markup we did not expect: the URL's hints stand alone.
  }
  const merged: AccountHints = { ...dom };
  for (const [key, value] of Object.entries(fromUrl)) if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  return compactHints(merged);
}
