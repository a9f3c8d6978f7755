import type { CrmAdapter, PageContext } from './types';

export interface DetectOptions {
  /**
   * The page is on a host the user added for this CRM (a host-mapped helpdesk domain, say): the adapter's
   * URL detection applies to the path whatever the host. Set only where the content script was
   * registered for that host, never from what a page says.
   */
  anyHost?: boolean;
}

/** `detectPage` with a known adapter: each CRM's content script carries only its own adapter. */
export function detectWith(adapter: CrmAdapter, url: URL, doc: Document, options: DetectOptions = {}): PageContext | null {
  const record = options.anyHost || adapter.matches(url) ? adapter.pageKind(url) : null;
  if (!record) return null;
  let hints = {};
  try {
    hints = adapter.hints(url, doc);
  } catch {
    // Adapters promise not to throw; if one does anyway, the page is still detected.
  }
  return { crm: adapter.id, kind: record.kind, recordKey: adapter.recordKey(url, record), hints };
}
