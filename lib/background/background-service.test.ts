import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Account, SurveyResponse } from '../model';
import { displaySettings } from '../settings';
import { NpsStore } from '../store';
import { NO_FILTER } from '../insights/comment-filter';
import { createBackgroundService } from './background-service';
import type { CallerInfo } from '../messaging/dispatch';

const NOW = Date.UTC(2026, 5, 30);
const DAY = 86_400_000;
const base = { domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: 1 };
const ACCOUNTS: Account[] = [
  { ...base, id: 'acme', name: 'Acme Corporation', domains: ['acme.com'], salesforceIds: ['001M000000qfPySIAU'], zendeskOrganizationIds: ['360001'], hubspotCompanyIds: ['7001'] },
  { ...base, id: 'globex', name: 'Globex Corporation', domains: ['globex.com'] },
];

function response(id: string, accountId: string, score: number, daysAgo: number, extra: Partial<SurveyResponse> = {}): SurveyResponse {
  return { id, accountId, score, respondedAt: NOW - daysAgo * DAY, tags: [], excluded: false, updatedAt: 1, ...extra };
}

// Acme: within 90 days 5 promoters (+100 over N 5); 200 days ago 5 detractors. 12 months: 5 P, 5 D → 0 over N 10.
const RESPONSES: SurveyResponse[] = [
  ...[1, 2, 3, 4, 5].map((i) => response(`p${i}`, 'acme', 10, 10 + i, { respondentEmail: `p${i}@acme.com`, respondentRole: 'Exec' })),
  ...[1, 2, 3, 4, 5].map((i) => response(`d${i}`, 'acme', 2, 200 + i, { respondentEmail: `d${i}@acme.com`, respondentTitle: 'Director of IT' })),
  response('g1', 'globex', 9, 5, { respondentEmail: 'a@globex.com', respondentRole: 'Sponsor' }),
];

const extension = (tabId?: number, url = 'chrome-extension://own/popup.html'): CallerInfo => ({ caller: 'extension', tabId, url });
const content = (tabId: number, url: string): CallerInfo => ({ caller: 'content', tabId, frameId: 0, url });

const ACME_RECORD = 'https://acme.lightning.force.com/lightning/r/Account/001M000000qfPySIAU/view';

/** A tab on Acme's Salesforce record whose content script reported it; resolves to the tab's id. */
async function onAcmeRecord(): Promise<number> {
  const { id } = await fakeBrowser.tabs.create({ url: ACME_RECORD });
  await service.handlers.reportPage(
    { page: { crm: 'salesforce', kind: 'account', recordKey: 'sf:001M000000qfPySIAU', hints: { salesforceAccountId: '001M000000qfPySIAU' } } },
    content(id!, ACME_RECORD),
  );
  return id!;
}

let service: ReturnType<typeof createBackgroundService>;
let store: NpsStore;

beforeEach(async () => {
  fakeBrowser.reset();
  globalThis.indexedDB = new IDBFactory();
  store = await NpsStore.open();
  await store.beginImport({ id: 'i', fileName: 'f', kind: 'responses', state: 'staging', startedAt: 0, touchedAt: 0, batches: 0, committedBatches: 0, imported: 0, rejected: 0 });
  await store.stageBatch({ importId: 'i', seq: 0, accounts: ACCOUNTS, responses: RESPONSES, actions: [], sends: [] });
  await store.commitImport('i', { imported: RESPONSES.length, rejected: 0 });
  service = createBackgroundService({ openStore: async () => store, now: () => NOW, emit: () => undefined });
});

test('search results carry the summary over the display settings’ window, and follow a change of it', async () => {
  const [acme] = await service.handlers.searchAccounts({ query: 'acme' }, extension());
  expect(acme).toMatchObject({ account: { id: 'acme' }, window: '365d', summary: { n: 10, nps: 0 } });
  await displaySettings.setValue({ defaultWindow: '90d', countingRule: 'all' });
  const [again] = await service.handlers.searchAccounts({ query: 'acme' }, extension());
  expect(again).toMatchObject({ window: '90d', summary: { n: 5, nps: 100 } });
});

test('a change naming its accounts patches the search index (no account read but those), and says when the index has them', async () => {
  const events: string[] = [];
  service = createBackgroundService({ openStore: async () => store, now: () => NOW, emit: (e) => void events.push(e.event) });
  const ids = async (query: string) => (await service.handlers.searchAccounts({ query }, extension())).map((s) => s.account.id);
  expect(await ids('acme')).toEqual(['acme']);
  const pages = vi.spyOn(store, 'accountPages');
  const { importId } = await service.handlers.beginImport({ fileName: 'labs.csv', kind: 'responses' }, extension());
  const labs: Account = { ...base, id: 'acme-labs', name: 'Acme Labs' };
  const renamed: Account = { ...ACCOUNTS[1]!, name: 'Initech Corporation' };
  await service.handlers.stageImportBatch({ importId, seq: 0, accounts: [labs, renamed], responses: [response('l1', 'acme-labs', 9, 3), response('g9', 'globex', 7, 2)], actions: [], sends: [] }, extension());
  await service.handlers.endImportStaging({ importId, imported: 2, rejected: 0 }, extension());
  await service.handlers.commitImport({ importId, imported: 2, rejected: 0 }, extension());
  expect(events).toContain('dataChanged');
  await vi.waitFor(() => expect(events).toContain('searchChanged'));
  expect((await ids('acme')).sort()).toEqual(['acme', 'acme-labs']);
  expect(await ids('initech')).toEqual(['globex']);
  expect(await ids('globex.com')).toEqual(['globex']);
  expect(pages).not.toHaveBeenCalled();
  expect(events.filter((e) => e === 'searchChanged')).toHaveLength(1);

  // Accounts gone since are not answered by the index from before.
  await service.handlers.clearData({}, extension());
  expect(await ids('acme')).toEqual([]);
});

test('getPopupHome: the recent look-ups in order, unknown ids left out; the active tab’s account first', async () => {
  const home = await service.handlers.getPopupHome({ recentIds: ['globex', 'nobody', 'acme'] }, extension());
  expect(home.activeAccountId).toBeNull();
  expect(home.hasData).toBe(true);
  expect(home.summaries.map((s) => s.account.id)).toEqual(['globex', 'acme']);

  const tab = await onAcmeRecord();
  const onAcme = await service.handlers.getPopupHome({ tabId: tab, recentIds: ['globex', 'acme'] }, extension(99));
  expect(onAcme.activeAccountId).toBe('acme');
  expect(onAcme.summaries.map((s) => s.account.id)).toEqual(['acme', 'globex']);
});

test('getAccountGlance: the popup’s compact view carries the figures it shows, never records, and follows settings and writes', async () => {
  const glance = await service.handlers.getAccountGlance({ accountId: 'acme' }, extension());
  expect(Object.keys(glance ?? {}).sort()).toEqual(['account', 'openActions', 'overall', 'roles', 'window']);
  expect(glance).toMatchObject({ account: { id: 'acme', name: 'Acme Corporation' }, window: '365d', overall: { n: 10, nps: 0 }, openActions: [] });
  // By role: the five executives promote; the directors were mapped by title.
  expect(glance?.roles.find((r) => r.role === 'executive')?.summary).toMatchObject({ n: 5, nps: 100 });
  expect(await service.handlers.getAccountGlance({ accountId: 'nobody' }, extension())).toBeNull();

  // The display settings' window and counting rule decide, as on the panel.
  await displaySettings.setValue({ defaultWindow: '90d', countingRule: 'all' });
  expect(await service.handlers.getAccountGlance({ accountId: 'acme' }, extension())).toMatchObject({ window: '90d', overall: { n: 5, nps: 100 } });
  // A follow-up written for the account shows at once (the kept view is dropped).
  await service.handlers.saveAction({ id: 'call-1', accountId: 'acme', title: 'Call the CFO', status: 'open', createdAt: NOW, updatedAt: NOW }, extension());
  expect((await service.handlers.getAccountGlance({ accountId: 'acme' }, extension()))?.openActions.map((a) => a.action.id)).toEqual(['call-1']);
});

test('a change naming many accounts ranks them a few accounts’ records at a time', async () => {
  const { createAttentionKeeper } = await import('./attention-index');
  const { loadSettings } = await import('../settings');
  let changes = 0;
  const keeper = createAttentionKeeper({ store: async () => store, settings: loadSettings, now: () => NOW, setBadge: async () => undefined, changed: () => void changes++ }, 0);
  expect((await keeper.refresh()).totals.accounts).toBe(0);
  // A detractor yesterday at each of 120 new accounts: each waits for a follow-up.
  const wide = Array.from({ length: 120 }, (_, i): Account => ({ ...base, id: `w${i}`, name: `Wide ${i}` }));
  await store.beginImport({ id: 'w', fileName: 'w', kind: 'responses', state: 'staging', startedAt: 0, touchedAt: 0, batches: 0, committedBatches: 0, imported: 0, rejected: 0 });
  await store.stageBatch({ importId: 'w', seq: 0, accounts: wide, responses: wide.map((a, i) => response(`wd${i}`, a.id, 1, 1)), actions: [], sends: [] });
  await store.commitImport('w', { imported: wide.length, rejected: 0 });
  const reads = vi.spyOn(store, 'getManyAccountRecords');
  keeper.schedule(wide.map((a) => a.id));
  await vi.waitFor(() => expect(changes).toBe(2));
  expect(reads.mock.calls.map(([ids]) => ids.length)).toEqual([50, 50, 20]);
  expect((await keeper.current()).totals).toEqual({ accounts: 120, overdue: 0, waiting: 120 });
});

test('a small import names the accounts it changed: the others’ computed views and summaries stand', async () => {
  const reads = vi.spyOn(store, 'getAccountRecords');
  await service.handlers.getAccountGlance({ accountId: 'globex' }, extension());
  await service.handlers.getAccountGlance({ accountId: 'acme' }, extension());
  expect(reads).toHaveBeenCalledTimes(2);
  const { importId } = await service.handlers.beginImport({ fileName: 'one-more.csv', kind: 'responses' }, extension());
  await service.handlers.stageImportBatch({ importId, seq: 0, accounts: [ACCOUNTS[0]!], responses: [response('p9', 'acme', 0, 1)], actions: [], sends: [] }, extension());
  await service.handlers.commitImport({ importId, imported: 1, rejected: 0 }, extension());
  // Globex is answered from what was computed before; Acme is read again and counts the new detractor.
  await service.handlers.getAccountGlance({ accountId: 'globex' }, extension());
  expect(reads).toHaveBeenCalledTimes(2);
  expect(await service.handlers.getAccountGlance({ accountId: 'acme' }, extension())).toMatchObject({ overall: { n: 11 } });
  expect(reads).toHaveBeenCalledTimes(3);
});

test('getPopupHome: a tab that left the CRM since its last report has no account (its report is kept, not its page)', async () => {
  const tab = await onAcmeRecord();
  // A site without our script reports nothing; the browser does not name its URL to the extension.
  await fakeBrowser.tabs.update(tab, { url: undefined });
  expect((await service.handlers.getPopupHome({ tabId: tab, recentIds: [] }, extension(99))).activeAccountId).toBeNull();
  // Another site the extension may read (another CRM before its script reported) is not the reported page either.
  await fakeBrowser.tabs.update(tab, { url: 'https://acme.zendesk.com/agent/tickets/1' });
  expect((await service.handlers.getPopupHome({ tabId: tab, recentIds: [] }, extension(99))).activeAccountId).toBeNull();
  // Back on the CRM's origin, the tab's last report stands again (a page there without our script, such as a list view, reports nothing).
  await fakeBrowser.tabs.update(tab, { url: 'https://acme.lightning.force.com/lightning/o/Account/list' });
  expect((await service.handlers.getPopupHome({ tabId: tab, recentIds: [] }, extension(99))).activeAccountId).toBe('acme');
  // A tab closed since its report: nothing.
  await service.handlers.reportPage({ page: { crm: 'salesforce', kind: 'account', recordKey: 'sf:001M000000qfPySIAU', hints: { salesforceAccountId: '001M000000qfPySIAU' } } }, content(777, ACME_RECORD));
  expect((await service.handlers.getPopupHome({ tabId: 777, recentIds: [] }, extension(99))).activeAccountId).toBeNull();
});

test('getPanelData answers for another tab when our page names it', async () => {
  const tab = await onAcmeRecord();
  const fromPopup = await service.handlers.getPanelData({ tabId: tab }, extension(99));
  expect(fromPopup.resolution).toEqual({ status: 'matched', accountId: 'acme', via: 'crm_id' });
  // The side panel of a tab that has gone elsewhere shows no account; the panel inside the tab needs no check.
  await fakeBrowser.tabs.update(tab, { url: undefined });
  expect((await service.handlers.getPanelData({ tabId: tab }, extension(99))).resolution).toEqual({ status: 'none' });
  expect((await service.handlers.getPanelData({}, { caller: 'extension', tabId: tab, url: 'chrome-extension://own/panel.html' })).resolution).toMatchObject({ status: 'matched' });
  expect((await service.handlers.getPanelData({}, extension(99))).resolution).toEqual({ status: 'none' });
});

test('record links appear for the CRMs the user has visited, and only those', async () => {
  expect(await service.handlers.getRecordLinks({ accountId: 'acme' }, extension())).toEqual([]);
  const page = (crm: string) => ({ crm, kind: 'ticket', recordKey: `${crm}:1`, hints: {} });
  await service.handlers.reportPage({ page: page('zendesk') }, content(1, 'https://acme-support.zendesk.com/agent/tickets/12'));
  await service.handlers.reportPage({ page: page('hubspot') }, content(2, 'https://app.hubspot.com/contacts/4242/record/0-2/99'));
  expect(await service.handlers.getRecordLinks({ accountId: 'acme' }, extension())).toEqual([
    { crm: 'zendesk', label: 'Open in Zendesk', url: 'https://acme-support.zendesk.com/agent/organizations/360001' },
    { crm: 'hubspot', label: 'Open in HubSpot', url: 'https://app.hubspot.com/contacts/4242/record/0-2/7001' },
  ]);
  // Globex has no CRM ids: no link, even where the CRM is known.
  expect(await service.handlers.getRecordLinks({ accountId: 'globex' }, extension())).toEqual([]);
  // Remembered in storage: a restarted worker still knows.
  const restarted = createBackgroundService({ openStore: service.store, now: () => NOW, emit: () => undefined });
  expect(await restarted.handlers.getRecordLinks({ accountId: 'acme' }, extension())).toHaveLength(2);
});

test('previewRoleMapping counts the stored respondents per synonym, rule and role', async () => {
  const preview = await service.handlers.previewRoleMapping(
    { mapping: { synonyms: { exec: 'executive', sponsor: 'decision_maker' }, titleRules: [{ pattern: 'Director', role: 'influencer' }] } },
    extension(),
  );
  expect(preview.respondents).toBe(11);
  expect(preview.bySynonym).toEqual({ exec: 5, sponsor: 1 });
  expect(preview.byTitleRule).toEqual([5]);
  expect(preview.byRole).toMatchObject({ executive: 5, decision_maker: 1, influencer: 5 });
});

test('only the demo page may make its tab show an account, and the panel there shows it', async () => {
  await expect(service.handlers.showDemoPage({ accountId: 'globex' }, extension(8, 'chrome-extension://own/options.html'))).rejects.toThrow(/demo page/);
  const shown = await service.handlers.showDemoPage({ accountId: 'globex' }, extension(8, 'chrome-extension://own/demo.html?account=globex'));
  expect(shown).toEqual({ accountId: 'globex', name: 'Globex Corporation' });
  const data = await service.handlers.getPanelData({}, extension(8, 'chrome-extension://own/panel.html'));
  expect(data.resolution).toEqual({ status: 'matched', accountId: 'globex', via: 'link' });
  expect(data.view?.account.name).toBe('Globex Corporation');
  expect(await service.handlers.showDemoPage({ accountId: 'nobody' }, extension(8, 'chrome-extension://own/demo.html'))).toBeNull();
});

test('getPopupHome says when nothing is stored at all', async () => {
  await (await service.store()).clearAll();
  expect(await service.handlers.getPopupHome({ recentIds: ['acme'] }, extension())).toEqual({
    activeAccountId: null,
    summaries: [],
    hasData: false,
    attention: { items: [], total: 0, computedAt: NOW },
  });
});

test('what needs attention is kept up to date after a change, ranked, and counted on the badge', async () => {
  const badge: string[] = [];
  const { createAttentionKeeper } = await import('./attention-index');
  const { loadSettings } = await import('../settings');
  const keeper = createAttentionKeeper({ store: async () => store, settings: loadSettings, now: () => NOW, setBadge: async (t) => void badge.push(t) }, 0);
  // Acme's detractors are 200 days old (past the 90-day rule); a new one at Globex waits, and an action is overdue at Acme.
  await store.putAction({ id: 'late', accountId: 'acme', title: 'Call back', status: 'open', dueDate: '2026-06-01', createdAt: NOW - 40 * DAY, updatedAt: NOW - 40 * DAY });
  await store.beginImport({ id: 'j', fileName: 'g', kind: 'responses', state: 'staging', startedAt: 0, touchedAt: 0, batches: 0, committedBatches: 0, imported: 0, rejected: 0 });
  await store.stageBatch({ importId: 'j', seq: 0, accounts: [], responses: [response('g2', 'globex', 3, 4)], actions: [], sends: [] });
  await store.commitImport('j', { imported: 1, rejected: 0 });
  const index = await keeper.refresh();
  expect(index.items.map((a) => [a.accountId, a.reason, a.overdue, a.waiting])).toEqual([['acme', 'overdue', 1, 0], ['globex', 'waiting', 0, 1]]);
  expect(index.totals).toEqual({ accounts: 2, overdue: 1, waiting: 1 });
  expect(badge.at(-1)).toBe('2');
  // Stored: a new worker reads it without walking the accounts again.
  const again = createAttentionKeeper({ store: async () => { throw new Error('not walked'); }, settings: loadSettings, now: () => NOW, setBadge: async () => undefined });
  expect((await again.current()).items.map((a) => a.accountId)).toEqual(['acme', 'globex']);
});

test('a change that names its accounts ranks only those, over what the last pass over every account found', async () => {
  const { createAttentionKeeper } = await import('./attention-index');
  const { loadSettings } = await import('../settings');
  const badge: string[] = [];
  const keeper = createAttentionKeeper({ store: async () => store, settings: loadSettings, now: () => NOW, setBadge: async (t) => void badge.push(t), changed: () => void changes++ }, 0);
  let changes = 0;
  await store.putAction({ id: 'late', accountId: 'acme', title: 'Call back', status: 'open', dueDate: '2026-06-01', createdAt: NOW - 40 * DAY, updatedAt: NOW - 40 * DAY });
  expect((await keeper.refresh()).totals).toEqual({ accounts: 1, overdue: 1, waiting: 0 });
  const pages = vi.spyOn(store, 'accountRecordsPage');
  const reads = vi.spyOn(store, 'getManyAccountRecords');

  // A detractor at Globex: Globex alone is read, and Acme's overdue action is still counted.
  await store.beginImport({ id: 'k', fileName: 'g', kind: 'responses', state: 'staging', startedAt: 0, touchedAt: 0, batches: 0, committedBatches: 0, imported: 0, rejected: 0 });
  await store.stageBatch({ importId: 'k', seq: 0, accounts: [], responses: [response('g3', 'globex', 2, 1)], actions: [], sends: [] });
  await store.commitImport('k', { imported: 1, rejected: 0 });
  keeper.schedule(['globex']);
  await vi.waitFor(() => expect(changes).toBe(2));
  expect(pages).not.toHaveBeenCalled();
  expect(reads).toHaveBeenCalledWith(['globex']);
  let index = await keeper.current();
  expect(index.items.map((a) => [a.accountId, a.overdue, a.waiting])).toEqual([['acme', 1, 0], ['globex', 0, 1]]);
  expect(index.totals).toEqual({ accounts: 2, overdue: 1, waiting: 1 });
  expect(badge.at(-1)).toBe('2');

  // Acme's action done: Acme leaves the list.
  await store.putAction({ id: 'late', accountId: 'acme', title: 'Call back', status: 'done', dueDate: '2026-06-01', createdAt: NOW - 40 * DAY, updatedAt: NOW });
  keeper.schedule(['acme']);
  await vi.waitFor(() => expect(changes).toBe(3));
  index = await keeper.current();
  expect(index.items.map((a) => a.accountId)).toEqual(['globex']);
  expect(index.totals).toEqual({ accounts: 1, overdue: 0, waiting: 1 });
  expect(pages).not.toHaveBeenCalled();

  // A worker woken later (for a sync, say) ranks only what the change names, from the kept list.
  let wokenChanges = 0;
  const woken = createAttentionKeeper({ store: async () => store, settings: loadSettings, now: () => NOW, setBadge: async () => undefined, changed: () => void wokenChanges++ }, 0);
  await woken.resume();
  woken.schedule(['globex']);
  await vi.waitFor(() => expect(wokenChanges).toBe(1));
  expect(pages).not.toHaveBeenCalled();
  expect((await woken.current()).totals).toEqual({ accounts: 1, overdue: 0, waiting: 1 });

  // A change that names no account ranks every account.
  keeper.schedule(['acme']);
  keeper.schedule();
  await vi.waitFor(() => expect(changes).toBe(4));
  expect(pages).toHaveBeenCalled();
});

test('a change named before any pass over every account ranks every account', async () => {
  const { createAttentionKeeper } = await import('./attention-index');
  const { loadSettings } = await import('../settings');
  let changes = 0;
  const keeper = createAttentionKeeper({ store: async () => store, settings: loadSettings, now: () => NOW, setBadge: async () => undefined, changed: () => void changes++ }, 0);
  await store.putAction({ id: 'late', accountId: 'acme', title: 'Call back', status: 'open', dueDate: '2026-06-01', createdAt: NOW - 40 * DAY, updatedAt: NOW - 40 * DAY });
  const pages = vi.spyOn(store, 'accountRecordsPage');
  keeper.schedule(['globex']);
  await vi.waitFor(() => expect(changes).toBe(1));
  expect(pages).toHaveBeenCalled();
  expect((await keeper.current()).totals).toEqual({ accounts: 1, overdue: 1, waiting: 0 });
});

test('a waking worker ranks again only when the kept index is missing, an hour old, or a change was left unranked', async () => {
  const { createAttentionKeeper, ATTENTION_PENDING_KEY } = await import('./attention-index');
  const { loadSettings } = await import('../settings');
  let now = NOW;
  const walks = vi.fn(async () => store);
  const badge: string[] = [];
  const keeper = () => createAttentionKeeper({ store: walks, settings: loadSettings, now: () => now, setBadge: async (t) => void badge.push(t) }, 0);
  await store.putAction({ id: 'late', accountId: 'acme', title: 'Call back', status: 'open', dueDate: '2026-06-01', createdAt: NOW - 40 * DAY, updatedAt: NOW - 40 * DAY });
  // No index kept yet: the first worker ranks.
  await keeper().resume();
  await vi.waitFor(() => expect(walks).toHaveBeenCalledTimes(1));
  await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get(ATTENTION_PENDING_KEY))[ATTENTION_PENDING_KEY]).toBeUndefined());
  // A fresh index and nothing pending: the next worker takes the kept one and sets the badge from it.
  badge.length = 0;
  const woken = keeper();
  await woken.resume();
  expect((await woken.current()).totals.overdue).toBe(1);
  expect(badge).toEqual(['1']);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(walks).toHaveBeenCalledTimes(1);
  // A change asked for and not ranked before the worker stopped: the next one ranks.
  await fakeBrowser.storage.local.set({ [ATTENTION_PENDING_KEY]: true });
  await keeper().resume();
  await vi.waitFor(() => expect(walks).toHaveBeenCalledTimes(2));
  await vi.waitFor(async () => expect((await fakeBrowser.storage.local.get(ATTENTION_PENDING_KEY))[ATTENTION_PENDING_KEY]).toBeUndefined());
  // An hour later the kept index is old (actions may have fallen overdue): ranked again.
  now += 61 * 60_000;
  await keeper().resume();
  await vi.waitFor(() => expect(walks).toHaveBeenCalledTimes(3));
});

test('a reported page’s view is computed as its report arrives, the panel’s calls are answered from it for a minute; another window, a data change or time computes again', async () => {
  const url = 'https://acme.lightning.force.com/lightning/r/Account/001M000000qfPySIAU/view';
  const page = { crm: 'salesforce', kind: 'account', recordKey: 'sf:001M000000qfPySIAU', hints: { salesforceAccountId: '001M000000qfPySIAU' } };
  let now = NOW;
  service = createBackgroundService({ openStore: async () => store, now: () => now, emit: () => undefined });
  const reads = vi.spyOn(store, 'getAccountRecords');
  await service.handlers.reportPage({ page }, content(5, url));
  await vi.waitFor(() => expect(reads).toHaveBeenCalledTimes(1));
  const panel = { caller: 'extension' as const, tabId: 5, frameId: 3, url: 'chrome-extension://own/panel.html' };
  const first = await service.handlers.getPanelData({}, panel);
  expect(first.view?.account.id).toBe('acme');
  expect(reads).toHaveBeenCalledTimes(1);
  // Asked again (a reload, the side panel): the same figures, not read again.
  expect((await service.handlers.getPanelData({}, panel)).view).toEqual(first.view);
  expect(reads).toHaveBeenCalledTimes(1);
  // Another window is computed (once).
  const all = await service.handlers.getPanelData({ window: 'all' }, panel);
  expect(all.view?.window).toBe('all');
  await service.handlers.getPanelData({ window: 'all' }, panel);
  expect(reads).toHaveBeenCalledTimes(2);
  // A minute on, the figures are computed for the new "now".
  now += 61_000;
  expect((await service.handlers.getPanelData({}, panel)).view?.context.now).toBe(now);
  expect(reads).toHaveBeenCalledTimes(3);

  // The record is linked by hand to another account: what was computed no longer holds.
  await service.handlers.linkRecord({ recordKey: page.recordKey, accountId: 'globex' }, extension());
  const linked = await service.handlers.getPanelData({}, panel);
  expect(linked.resolution).toEqual({ status: 'matched', accountId: 'globex', via: 'link' });
  expect(linked.view?.account.id).toBe('globex');
  // Data written for the account drops the kept view: an action appears at once.
  await service.handlers.linkRecord({ recordKey: page.recordKey, accountId: null }, extension());
  expect((await service.handlers.getPanelData({}, panel)).view?.context.openActions).toEqual([]);
  await service.handlers.saveAction(
    { id: 'new-1', accountId: 'acme', title: 'Call the CFO', status: 'open', createdAt: now, updatedAt: now },
    extension(),
  );
  expect((await service.handlers.getPanelData({}, panel)).view?.context.openActions.map((a) => a.action.id)).toEqual(['new-1']);
});

test('the panel gets figures, never records; its comments come a page at a time, filtered in the background, also after the worker started again', async () => {
  const url = 'https://acme.lightning.force.com/lightning/r/Account/001M000000qfPySIAU/view';
  const page = { crm: 'salesforce', kind: 'account', recordKey: 'sf:001M000000qfPySIAU', hints: { salesforceAccountId: '001M000000qfPySIAU' } };
  // Acme's promoters said something; two mention billing.
  const said = RESPONSES.filter((r) => r.accountId === 'acme' && r.score === 10).map((r, i) => ({ ...r, comment: i < 2 ? `Billing is clear (${i})` : `Great support (${i})` }));
  await store.beginImport({ id: 'c', fileName: 'c', kind: 'responses', state: 'staging', startedAt: 0, touchedAt: 0, batches: 0, committedBatches: 0, imported: 0, rejected: 0 });
  await store.stageBatch({ importId: 'c', seq: 0, accounts: [], responses: said, actions: [], sends: [] });
  await store.commitImport('c', { imported: said.length, rejected: 0 });
  await service.handlers.reportPage({ page }, content(5, url));
  const panel = { caller: 'extension' as const, tabId: 5, frameId: 3, url: 'chrome-extension://own/panel.html' };
  const data = await service.handlers.getPanelData({}, panel);
  expect(data).not.toHaveProperty('records');
  expect(data.view?.context.overall).toMatchObject({ n: 10, nps: 0 });
  expect(data.view?.comments).toMatchObject({ total: 5, matching: 5 });
  expect(data.view?.comments.items).toHaveLength(5);

  const filter = { ...NO_FILTER, text: 'billing' };
  const billing = await service.handlers.getPanelComments({ filter, limit: 20 }, panel);
  expect([billing.matching, billing.total, billing.items.map((c) => c.comment)]).toEqual([2, 5, ['Billing is clear (0)', 'Billing is clear (1)']]);
  expect((await service.handlers.getPanelComments({ filter: NO_FILTER, limit: 2 }, panel)).items).toHaveLength(2);
  // Another window: the background computes the page for it.
  expect((await service.handlers.getPanelComments({ filter: NO_FILTER, limit: 20, window: '90d' }, panel)).total).toBe(5);

  // A new worker keeps nothing yet: it reads the account again.
  const again = createBackgroundService({ openStore: async () => store, now: () => NOW, emit: () => undefined });
  await again.handlers.reportPage({ page }, content(5, url));
  expect((await again.handlers.getPanelComments({ filter, limit: 20 }, panel)).matching).toBe(2);
});

test('the stored counts are counted once per change of the data, however many pages ask', async () => {
  const counted = vi.spyOn(store, 'counts');
  const [a, b] = await Promise.all([service.handlers.getStats({}, extension()), service.handlers.getStats({}, extension())]);
  expect(await service.handlers.getStats({}, extension())).toEqual(a);
  expect(b).toEqual(a);
  expect(a).toMatchObject({ accounts: ACCOUNTS.length, responses: RESPONSES.length });
  expect(counted).toHaveBeenCalledTimes(1);
  // A change counts again.
  await service.handlers.clearData({}, extension());
  expect(await service.handlers.getStats({}, extension())).toEqual({ accounts: 0, responses: 0, actions: 0, sends: 0 });
  expect(counted).toHaveBeenCalledTimes(2);
});
