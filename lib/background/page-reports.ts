/**
 * The pages the content scripts report, per tab, as a panel needs them. A new panel frame is created
 * while its page's report is on its way and names that report (`lib/messaging/report-id.ts`); its
 * first `getPanelData` waits until the report has arrived, then for it to be stored, rather than read
 * the page it replaces. The last report of each tab is kept in memory: after a restart of the worker
 * the wait ends at `waitMs` and the stored page is read.
 */
import { parseReportId, reportCovers, type ReportId } from '../messaging/report-id';

export interface PageReports {
  /** A report named `id` arrived for the tab. */
  arrived(tabId: number, id: string | undefined): void;
  /** Resolves once the report `id` (or a later one) arrived for the tab, or after the wait. */
  untilArrived(tabId: number, id: string): Promise<void>;
  /** The tab's page is being stored: `storing` settles when it is. */
  storing(tabId: number, storing: Promise<void>): Promise<void>;
  /** Resolves once no page of the tab is being stored. */
  stored(tabId: number | undefined): Promise<void>;
}

export function createPageReports(waitMs: number): PageReports {
  const pending = new Map<number, Promise<void>>();
  const arrivedReports = new Map<number, ReportId>();
  const waiters = new Map<number, Set<() => void>>();

  return {
    arrived(tabId, id) {
      const report = id ? parseReportId(id) : null;
      if (!report) return;
      arrivedReports.set(tabId, report);
      for (const check of [...(waiters.get(tabId) ?? [])]) check();
    },
    untilArrived(tabId, id) {
      const awaited = parseReportId(id);
      if (!awaited || reportCovers(arrivedReports.get(tabId), awaited)) return Promise.resolve();
      return new Promise((resolve) => {
        const ofTab = waiters.get(tabId) ?? new Set<() => void>();
        waiters.set(tabId, ofTab);
        const done = () => {
          clearTimeout(timer);
          ofTab.delete(check);
          if (ofTab.size === 0 && waiters.get(tabId) === ofTab) waiters.delete(tabId);
          resolve();
        };
        const check = () => {
          if (reportCovers(arrivedReports.get(tabId), awaited)) done();
        };
        const timer = setTimeout(done, waitMs);
        ofTab.add(check);
      });
    },
    storing(tabId, storing) {
      const tracked = storing.finally(() => {
        if (pending.get(tabId) === tracked) pending.delete(tabId);
      });
      pending.set(tabId, tracked);
      return tracked;
    },
    async stored(tabId) {
      await pending.get(tabId ?? -1);
    },
  };
}
