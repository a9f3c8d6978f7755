/**
 * The background's decision to inject a CRM's content script when a tab's URL changes: record URLs on
 * a CRM's hosts (or a custom host of that CRM) yes, list views, home pages and foreign hosts no, and
 * never where a copy runs already or the browser runs the declared one with this document.
 */
import { CRM_URL_MATRIX, NEGATIVE_URLS } from '../../tests/fixtures/crm/urls';
import { CONTENT_SCRIPT_CLAIM } from '../messaging/injected';
import { declaredRecordPages } from '../crm/record-pages';
import type { CrmId } from '../crm/types';
import { createRecordInjector, needsInjection, probeWorld, recordTargetOf, type InjectorBrowser, type ProbeResult } from './record-injector';
import type { CustomSite } from '../settings/custom-sites';

const noSites = async (): Promise<CustomSite[]> => [];
const SITES: CustomSite[] = [{ host: 'support.acme-corp.test', crm: 'zendesk', addedAt: 1 }];

const SF_LIST = 'https://acme.lightning.force.com/lightning/o/Account/list?filterName=Recent';
const SF_RECORD = 'https://acme.lightning.force.com/lightning/r/Account/001M000000qfPySIAU/view';
const ZD_VIEW = 'https://acme.zendesk.com/agent/filters/360001234567';
const ZD_TICKET = 'https://acme.zendesk.com/agent/tickets/101';

describe('which tabs need a script', () => {
  it.each(Object.entries(CRM_URL_MATRIX))('every record URL of %s needs that CRM, with its panel chrome', async (crm, rows) => {
    for (const [href] of rows) {
      const target = await recordTargetOf(href, noSites);
      expect(target, href).toEqual({ crm: crm as CrmId, declared: declaredRecordPages(crm as CrmId), custom: false });
    }
  });

  it('list views, home pages, other CRMs and foreign hosts need nothing', async () => {
    for (const href of [...NEGATIVE_URLS, 'https://support.acme-corp.test/agent/tickets/101', 'not a url']) {
      expect(await recordTargetOf(href, noSites), href).toBeNull();
    }
  });

  it("a custom host needs its CRM's script on that CRM's record URLs only, and its sites are read only off the built-in hosts", async () => {
    const sites = vi.fn(async () => SITES);
    expect(await recordTargetOf('https://support.acme-corp.test/agent/tickets/101', sites)).toMatchObject({ crm: 'zendesk', custom: true });
    expect(await recordTargetOf('https://support.acme-corp.test/agent/filters/1', sites)).toBeNull();
    expect(await recordTargetOf('https://support.acme-corp.test/lightning/r/Account/001M000000qfPySIAU/view', sites)).toBeNull();
    expect(await recordTargetOf('https://other.example.org/agent/tickets/101', sites)).toBeNull();
    expect(await recordTargetOf('http://support.acme-corp.test/agent/tickets/101', sites)).toBeNull();
    const calls = sites.mock.calls.length;
    await recordTargetOf(SF_RECORD, sites);
    await recordTargetOf(SF_LIST, sites);
    expect(sites.mock.calls.length).toBe(calls);
  });

  it('injects only where no copy runs and the document was not loaded on a page the script is declared on', async () => {
    const target = (await recordTargetOf(SF_RECORD, noSites))!;
    const probe = (running: boolean, loadedUrl: string): ProbeResult => ({ running, loadedUrl });
    expect(needsInjection(target, probe(false, SF_LIST))).toBe(true);
    expect(needsInjection(target, probe(false, 'https://acme.lightning.force.com/one/one.app#/sObject/001M000000qfPyS/view'))).toBe(true);
    expect(needsInjection(target, probe(false, ''))).toBe(true);
    expect(needsInjection(target, probe(true, SF_LIST))).toBe(false);
    expect(needsInjection(target, probe(false, SF_RECORD))).toBe(false);
    expect(needsInjection(target, undefined)).toBe(false);
  });
});

describe('the probe', () => {
  afterEach(() => {
    delete (globalThis as unknown as Record<symbol, unknown>)[Symbol.for(CONTENT_SCRIPT_CLAIM)];
  });

  it('finds a live claim, and not one whose context is gone', () => {
    const world = globalThis as unknown as Record<symbol, unknown>;
    expect(probeWorld(CONTENT_SCRIPT_CLAIM).running).toBe(false);
    world[Symbol.for(CONTENT_SCRIPT_CLAIM)] = { alive: () => true, duplicates: 0 };
    expect(probeWorld(CONTENT_SCRIPT_CLAIM).running).toBe(true);
    world[Symbol.for(CONTENT_SCRIPT_CLAIM)] = { alive: () => false, duplicates: 0 };
    expect(probeWorld(CONTENT_SCRIPT_CLAIM).running).toBe(false);
    world[Symbol.for(CONTENT_SCRIPT_CLAIM)] = {
      alive: () => {
        throw new Error('Extension context invalidated.');
      },
      duplicates: 0,
    };
    expect(probeWorld(CONTENT_SCRIPT_CLAIM).running).toBe(false);
  });

  it('names no outside variable, so it survives serialisation', () => {
    const revived = new Function(`return (${probeWorld.toString()})`)() as typeof probeWorld;
    expect(revived(CONTENT_SCRIPT_CLAIM)).toEqual({ running: false, loadedUrl: expect.any(String) });
  });
});

/** A tab whose top frame has a world our scripts run in: the probe reads it, injected files fill it. */
function fakeTab(loadedUrl: string, options: { running?: boolean; fail?: boolean } = {}) {
  let running = options.running ?? false;
  const injected: string[][] = [];
  const probes: number[] = [];
  const api: InjectorBrowser = {
    scripting: {
      executeScript: async (injection) => {
        expect(injection.target.frameIds).toEqual([0]);
        if (options.fail) throw new Error('Cannot access contents of the page');
        if ('files' in injection) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          injected.push(injection.files);
          running = true;
          return [{}];
        }
        probes.push(injection.target.tabId);
        expect(injection.args).toEqual([CONTENT_SCRIPT_CLAIM]);
        return [{ result: { running, loadedUrl } satisfies ProbeResult }];
      },
    },
  };
  return { api, injected, probes };
}

describe('the onUpdated listener', () => {
  it('injects the CRM script and the panel chrome when a list page navigates in place to a record', async () => {
    const tab = fakeTab(SF_LIST);
    const onUpdated = createRecordInjector(noSites, tab.api);
    expect(await onUpdated(7, { url: SF_RECORD, status: 'loading' })).toBe(true);
    expect(tab.injected).toEqual([['content-scripts/salesforce.js', '/panel-chrome.js']]);
    // The load ends, then the app moves to another record: the copy runs, nothing more is injected.
    expect(await onUpdated(7, { status: 'complete' }, { url: SF_RECORD })).toBe(false);
    expect(await onUpdated(7, { url: SF_RECORD.replace('001M000000qfPySIAU', '001M000000GlobxIAF') })).toBe(false);
    expect(tab.injected).toHaveLength(1);
  });

  it('touches no tab for list URLs, foreign tabs (no URL given), or updates that are not a URL change or a finished load', async () => {
    const tab = fakeTab(SF_LIST);
    const onUpdated = createRecordInjector(noSites, tab.api);
    expect(await onUpdated(1, { url: SF_LIST })).toBe(false);
    expect(await onUpdated(1, { url: ZD_VIEW })).toBe(false);
    expect(await onUpdated(1, { status: 'loading' })).toBe(false);
    expect(await onUpdated(1, { status: 'complete' })).toBe(false);
    expect(await onUpdated(1, { title: 'Acme' } as { url?: string })).toBe(false);
    expect(await onUpdated(1, { status: 'loading' }, { url: SF_RECORD })).toBe(false);
    expect(tab.probes).toEqual([]);
  });

  it('leaves a page loaded on a record to its declared script', async () => {
    const tab = fakeTab(ZD_TICKET);
    const onUpdated = createRecordInjector(noSites, tab.api);
    expect(await onUpdated(3, { url: ZD_TICKET, status: 'loading' })).toBe(false);
    expect(await onUpdated(3, { status: 'complete' }, { url: ZD_TICKET })).toBe(false);
    expect(tab.injected).toEqual([]);
  });

  it("one tab's checks run in turn: the URL change and the end of the load inject once", async () => {
    const tab = fakeTab(ZD_VIEW);
    const onUpdated = createRecordInjector(noSites, tab.api);
    const results = await Promise.all([onUpdated(4, { url: ZD_TICKET, status: 'loading' }), onUpdated(4, { status: 'complete' }, { url: ZD_TICKET })]);
    expect(results).toEqual([true, false]);
    expect(tab.injected).toEqual([['content-scripts/zendesk.js', '/panel-chrome.js']]);
    expect(tab.probes).toEqual([4, 4]);
  });

  it('a custom host gets its CRM script without the panel chrome (no frame can be shown there)', async () => {
    const tab = fakeTab('https://support.acme-corp.test/agent/filters/1');
    const onUpdated = createRecordInjector(async () => SITES, tab.api);
    expect(await onUpdated(5, { url: 'https://support.acme-corp.test/agent/tickets/101' })).toBe(true);
    expect(tab.injected).toEqual([['content-scripts/zendesk.js']]);
  });

  it('a tab that cannot be scripted (closed, an error page) is left alone without an error', async () => {
    const tab = fakeTab(SF_LIST, { fail: true });
    expect(await createRecordInjector(noSites, tab.api)(6, { url: SF_RECORD })).toBe(false);
  });
});
