/**
 * Names a content script's page report: `<copy>.<count>`, the copy a random name the script
 * draws when it starts, the count its reports so far. The content script creates a new panel frame
 * while the report of its page is still on its way to the background, and names that report in the
 * frame's URL (`panel.html?report=k3j9x0aa.1#theme=light`); the panel's first `getPanelData` carries it,
 * and the background answers only once that report (or a later one of the same copy) has arrived.
 * Without it a frame could ask before the report arrived, and show the page the tab showed before.
 * Free of zod: the content script and the panel's first script import it.
 */

export const REPORT_ID_PATTERN = /^[a-z0-9]{1,16}\.[0-9]{1,9}$/;

export interface ReportId {
  copy: string;
  count: number;
}

export function parseReportId(id: string): ReportId | null {
  if (!REPORT_ID_PATTERN.test(id)) return null;
  const [copy = '', count = ''] = id.split('.');
  return { copy, count: Number(count) };
}

/** Whether `arrived` is the awaited report or a later one of the same copy of the script. */
export function reportCovers(arrived: ReportId | undefined, awaited: ReportId): boolean {
  return !!arrived && arrived.copy === awaited.copy && arrived.count >= awaited.count;
}

/** The report a panel frame's URL query names, if it names a well-formed one. */
export function reportIdFromSearch(search: string): string | undefined {
  const id = new URLSearchParams(search).get('report');
  return id !== null && REPORT_ID_PATTERN.test(id) ? id : undefined;
}
