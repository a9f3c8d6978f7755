import type { CrmAdapter, PageContext } from './types';

/** `detectPage` with a known adapter: each CRM's content script carries only its own adapter. */
export function detectWith(adapter: CrmAdapter, url: URL, doc: Document): PageContext | null {
  const record = adapter.matches(url) ? adapter.pageKind(url) : null;
  if (!record) return null;
  let hints = {};
  try {
    hints = adapter.hints(url, doc);
  } catch {
    // Adapters promise not to throw; if one does anyway, the page is still detected.
  }
  return { crm: adapter.id, kind: record.kind, recordKey: adapter.recordKey(url, record), hints };
}
