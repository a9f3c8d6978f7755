/**
 * CRM page detection: the registry of adapters and the two entry points the content script uses.
 * The Zendesk API parser (`./zendesk/api`) is not re-exported: it pulls in zod, so only the background imports it.
 */
import { dynamics } from './dynamics';
import { freshdesk } from './freshdesk';
import { hubspot } from './hubspot';
import { intercom } from './intercom';
import { salesforce } from './salesforce';
import { zendesk } from './zendesk';
import { detectWith } from './detect';
import type { CrmAdapter, PageContext } from './types';

export { detectWith };

export type { AccountHints, CrmAdapter, CrmId, PageContext, RecordKind, RecordRef } from './types';

/** Every adapter, in the order they are asked; hosts do not overlap, so the order only matters for speed. */
export const CRM_ADAPTERS: readonly CrmAdapter[] = [salesforce, zendesk, hubspot, freshdesk, dynamics, intercom];

/** The adapter that owns the URL's host, or null on a page of no CRM we support. */
export function adapterFor(url: URL): CrmAdapter | null {
  return CRM_ADAPTERS.find((adapter) => adapter.matches(url)) ?? null;
}

/**
 * The record a CRM page shows and what it offers to identify the account, or null when the page shows
 * no single record (a list view, a home page) or belongs to no CRM we support.
 */
export function detectPage(url: URL, doc: Document): PageContext | null {
  const adapter = adapterFor(url);
  return adapter ? detectWith(adapter, url, doc) : null;
}
