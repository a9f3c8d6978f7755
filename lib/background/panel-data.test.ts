import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { NpsStore } from '../store';
import { createBackgroundService, tabNamedByOwnPage } from './background-service';
import type { PageContextInput } from '../model/page';

const PAGE: PageContextInput = { crm: 'zendesk', kind: 'ticket', recordKey: 'zendesk:support.acme.com:ticket:101', hints: { zendeskTicketId: '101' } };

beforeEach(() => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
});

function service(reportWaitMs?: number) {
  const events: unknown[] = [];
  const { handlers } = createBackgroundService({ openStore: () => NpsStore.open(), emit: (e) => events.push(e), now: () => 1, reportWaitMs });
  return { handlers, events };
}

const CONTENT = { caller: 'content', tabId: 7, frameId: 0 } as const;
const FRAME = { caller: 'extension', tabId: 7, frameId: 5 } as const;
const BEFORE = { ...PAGE, recordKey: 'zendesk:support.acme.com:ticket:100' };

test('a new panel frame’s first call waits for the report its frame names, even when it arrives before that report', async () => {
  const { handlers } = service();
  await fakeBrowser.storage.session.set({ 'page:7': BEFORE });
  // The frame was created while its page's report travelled, and its call got here first.
  const asking = handlers.getPanelData({ report: 'k3j9x0aa.2' }, FRAME);
  await new Promise((resolve) => setTimeout(resolve, 20));
  // An older report of the same copy of the script does not answer it; the named one does.
  await handlers.reportPage({ page: BEFORE, report: 'k3j9x0aa.1' }, CONTENT);
  await handlers.reportPage({ page: PAGE, report: 'k3j9x0aa.2' }, CONTENT);
  expect((await asking).page?.recordKey).toBe(PAGE.recordKey);
  // Once it has arrived (or a later one of the same copy), a call naming it is answered at once.
  await handlers.reportPage({ page: PAGE, report: 'k3j9x0aa.3' }, CONTENT);
  expect((await handlers.getPanelData({ report: 'k3j9x0aa.2' }, FRAME)).page?.recordKey).toBe(PAGE.recordKey);
});

test('a report that never arrives (or came from another copy of the script) is waited for only so long', async () => {
  const { handlers } = service(40);
  await handlers.reportPage({ page: PAGE, report: 'otherone.9' }, CONTENT);
  const started = Date.now();
  const data = await handlers.getPanelData({ report: 'k3j9x0aa.1' }, FRAME);
  expect(Date.now() - started).toBeGreaterThanOrEqual(35);
  expect(data.page?.recordKey).toBe(PAGE.recordKey);
  // A panel that names no report is answered from what is stored.
  expect((await handlers.getPanelData({}, FRAME)).page?.recordKey).toBe(PAGE.recordKey);
});

test("the panel asking while its tab's report is still being stored gets that page, not the one before", async () => {
  const { handlers } = service();
  await fakeBrowser.storage.session.set({ 'page:7': { ...PAGE, recordKey: 'zendesk:support.acme.com:ticket:100' } });
  // Storage takes its time, as it does in a browser under load.
  const set = fakeBrowser.storage.session.set.bind(fakeBrowser.storage.session);
  vi.spyOn(fakeBrowser.storage.session, 'set').mockImplementation(async (items) => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    await set(items);
  });
  const reporting = handlers.reportPage({ page: PAGE }, { caller: 'content', tabId: 7, frameId: 0 });
  const data = await handlers.getPanelData({}, { caller: 'extension', tabId: 7, frameId: 5 });
  expect(data.page?.recordKey).toBe(PAGE.recordKey);
  await reporting;
});

test('a side panel names its tab in its URL; an explicit tabId wins; other URLs name none', async () => {
  const { handlers } = service();
  await handlers.reportPage({ page: PAGE }, { caller: 'content', tabId: 12, frameId: 0 });
  const own = fakeBrowser.runtime.getURL('/sidepanel.html?tabId=12');
  expect(tabNamedByOwnPage(own)).toBe(12);
  expect(tabNamedByOwnPage('https://evil.example/sidepanel.html?tabId=12')).toBeUndefined();
  expect(tabNamedByOwnPage(fakeBrowser.runtime.getURL('/sidepanel.html?tabId=-1'))).toBeUndefined();
  expect(tabNamedByOwnPage(fakeBrowser.runtime.getURL('/panel.html#theme=dark'))).toBeUndefined();
  // The in-page panel can be framed by any page: a tab id in its URL is never honoured.
  expect(tabNamedByOwnPage(fakeBrowser.runtime.getURL('/panel.html?tabId=12#theme=dark'))).toBeUndefined();
  const framed = { caller: 'extension' as const, url: fakeBrowser.runtime.getURL('/panel.html?tabId=12'), tabId: 7, frameId: 3 };
  expect((await handlers.getPanelData({}, framed)).tabId).toBe(7);
  expect((await handlers.getPanelData({}, framed)).page).toBeNull();
  // The side panel is in no tab; opened in a tab of its own it still serves the tab it names.
  expect((await handlers.getPanelData({}, { caller: 'extension', url: own })).page?.recordKey).toBe(PAGE.recordKey);
  expect((await handlers.getPanelData({}, { caller: 'extension', url: own, tabId: 3 })).tabId).toBe(12);
  const popup = { caller: 'extension' as const, url: fakeBrowser.runtime.getURL('/popup.html') };
  expect((await handlers.getPanelData({ tabId: 12 }, popup)).page?.recordKey).toBe(PAGE.recordKey);
  expect((await handlers.getPanelData({}, popup)).page).toBeNull();
});
