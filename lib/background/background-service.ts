/**
 * The background service: what panels, the popup and the options page ask of the background. It owns
 * the store, the data source and the in-memory helpers (`service-context.ts`); the handlers live by area
 * in `handlers/` and every other context calls them through the typed protocol.
 */
import { browser } from 'wxt/browser';
import { loadSettings, type EffectiveSettings } from '../settings';
import { NpsStore } from '../store';
import type { ServiceEvent } from '../model/events';
import { AccountSearch } from '../accounts/search';
import { slicer } from '../core/yield';
import { kept, keptWhileRecomputed } from '../core/kept';
import type { Handlers } from '../messaging/dispatch';
import { SourceEngine, type SourceEngineOptions } from '../sources/engine';
import { createSiteRegistry, type SiteRegistry } from './sites';
import { createDiagnostics, type Diagnostics } from './diagnostics';
import { createRolePairs } from './role-pairs';
import { createPopupSummaries } from './popup-summaries';
import { createCrmPlaces } from './crm-places';
import { createPrefetch } from './prefetch';
import { PanelViews } from './panel-views';
import { createPageReports } from './page-reports';
import { DEMO_CRM } from './demo-page';
import { createLogger } from '../core/log';
import { offscreenHost } from './analysis-host';
import { insightsKey } from '../insights/key';
import { summariseInsights } from '../insights/summary';
import { windowRange } from '../nps/windows';
import type { PortfolioInsights } from '../messaging/protocol';
import { createInsightsPass, type AnalysisHost } from './insights-pass';
import { ATTENTION_ALARM, ATTENTION_MAX_AGE_MS, createAttentionKeeper } from './attention-index';
import type { ServiceContext } from './service-context';
import { pageHandlers } from './handlers/page';
import { popupHandlers } from './handlers/popup';
import { actionHandlers } from './handlers/actions';
import { dataHandlers } from './handlers/data';
import { setupHandlers } from './handlers/setup';
import { CONNECTOR_ALARM, connectorHandlers } from './handlers/connectors';

export { crmPlacesItem } from './crm-places';
export { tabNamedByOwnPage } from './handlers/page';

export interface BackgroundServiceOptions {
  /** Opens the store; the default opens the extension's database. */
  openStore?: () => Promise<NpsStore>;
  now?: () => number;
  /** Broadcasts an event to our pages; the default uses runtime messaging. */
  emit?: (event: ServiceEvent) => void;
  /** Custom CRM hosts; the default keeps them in `storage.local` and registers content scripts. */
  sites?: SiteRegistry;
  /** Where comments are read; the default is the offscreen document (null: none in this browser). */
  analysisHost?: () => AnalysisHost | null;
  /** The data-source engine's dependencies (tests: settings, permissions, alarms, network). */
  sources?: Partial<Omit<SourceEngineOptions, 'store' | 'emit' | 'dataChanged' | 'now'>>;
  /** Where failures of background work are kept (the options page's diagnostics); the default keeps them in `storage.local`. */
  diagnostics?: Diagnostics;
  /** How long a panel's first call waits for the report its frame names (`report-id.ts`) before it reads what is stored. */
  reportWaitMs?: number;
}

const log = createLogger('background');

/** A report that is not in a few hundred milliseconds after its frame asked never comes (its page went away). */
const REPORT_WAIT_MS = 1_000;
/** A change is followed by a pass of comment reading this much later (changes in a row make one pass). */
const ANALYSIS_DELAY_MS = 1_000;
const ANALYSIS_PENDING_KEY = 'insights.pending';
/** The key of the last comment-reading pass over every block (`insights-pass.ts`, `readThrough`). */
const ANALYSIS_READ_THROUGH_KEY = 'insights.readThrough';
/** Pages showing comment insights hear of new results at most this often while a pass runs. */
const INSIGHTS_EVENT_MS = 2_000;
/** A change naming more accounts than this rebuilds the search index rather than patching it. */
const SEARCH_PATCH_MAX = 5_000;

function defaultEmit(event: ServiceEvent): void {
  // Nobody listening (no panel or popup open) is normal, not an error.
  browser.runtime.sendMessage(event).catch(() => undefined);
}

export function createBackgroundService(options: BackgroundServiceOptions = {}) {
  const now = options.now ?? Date.now;
  const emit = options.emit ?? defaultEmit;
  let storePromise: Promise<NpsStore> | undefined;
  // Built a slice at a time from pages of accounts: the popup's and the panel's calls are answered
  // meanwhile. Built ahead of need (the popup opening), its slices yield to every call; once a search
  // waits for it, they go ahead of the passes nobody waits for (what needs attention). At 50,000 accounts
  // a build takes seconds of the thread: at user-visible priority throughout, each popup opened during it
  // waited a slice at every step of its first call (median opening 284 ms in the bench, 132 ms without).
  // After a change the index from before answers while the next one is built (after every sync that
  // changed something); pages that searched meanwhile are told when it is ready. An empty index is not
  // an answer: a first import's search waits for the new one.
  let searchAwaited = false;
  const buildPriority = () => (searchAwaited ? 'user-visible' : 'background');
  const searchIndex = keptWhileRecomputed(() => store().then((s) => AccountSearch.built(s.accountPages(), slicer(8, undefined, buildPriority))).finally(() => (searchAwaited = false)), {
    recomputed: () => emit({ channel: 'nps-event', event: 'searchChanged' }),
    failed: log.failed('building the search index'),
    answersStale: (index) => index.size > 0,
  });
  const counts = kept(() => store().then((s) => s.counts()));
  const rolePairs = createRolePairs(() => store());
  let siteRegistry = options.sites;
  let diagnosticsRecord = options.diagnostics;

  const store = (): Promise<NpsStore> => {
    if (storePromise) return storePromise;
    const opening = (options.openStore ?? (() => NpsStore.open()))().then(async (s) => {
      // An import that cannot be finished must not keep the store from opening: it is logged (and,
      // after a few tries, marked failed), and everything else works.
      await s.recoverImports(now()).catch(log.failed('finishing an interrupted import'));
      return s;
    });
    // A failed open is not kept: the next call tries again (the cause may have gone, e.g. disk space).
    opening.catch(() => {
      if (storePromise === opening) storePromise = undefined;
    });
    storePromise = opening;
    return opening;
  };

  // Settings as they apply (user's + policy), reread when they change.
  let settingsPromise: Promise<EffectiveSettings> | undefined;
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'managed' || Object.keys(changes).some((key) => key.startsWith('settings.'))) {
      settingsPromise = undefined;
      portfolio = undefined;
      panelViews.clear();
    }
    // Another taxonomy: every comment is read again for its themes.
    if (area === 'managed' || 'settings.taxonomy' in changes) scheduleAnalysis();
    // Another window, rule or badge choice: what needs attention is ranked again.
    if (area === 'managed' || 'settings.followUp' in changes || 'settings.display' in changes || 'settings.roleMapping' in changes) attention.schedule();
  });
  const settings = () => (settingsPromise ??= loadSettings());
  const summaries = createPopupSummaries({ store, settings, now });
  // What needs attention across accounts: kept up to date after each change, read by the popup and the badge.
  const attention = createAttentionKeeper({ store, settings, now, summaries, changed: () => emit({ channel: 'nps-event', event: 'attentionChanged' }) });

  /** What was computed from the data is dropped and every open page told; `analyse`: new comments may wait to be read. */
  // What customers say across every account: one scan of the store, kept until the data or settings change.
  let portfolio: Promise<PortfolioInsights> | undefined;
  const portfolioInsights = async (): Promise<PortfolioInsights> => {
    const { display, taxonomy } = await settings();
    const since = windowRange(display.defaultWindow, now()).start;
    const { responses, total } = await (await store()).commentedResponsesSince(since);
    const summary = summariseInsights(responses, insightsKey(taxonomy), { themes: 10 });
    return { window: display.defaultWindow, responses: total, summary, taxonomy };
  };
  const refreshed = (accountIds?: ReadonlySet<string>) => {
    counts.drop();
    rolePairs.drop();
    portfolio = undefined;
    // A change that names its accounts keeps every other account's view and summary.
    if (accountIds) {
      panelViews.drop(accountIds);
      summaries.drop(accountIds);
      void patchSearch(accountIds);
    } else {
      panelViews.clear();
      summaries.clear();
      searchIndex.drop();
    }
    emit({ channel: 'nps-event', event: 'dataChanged' });
  };
  /**
   * The search index with the named accounts indexed again as stored now, kept otherwise: rebuilt from
   * every account (seconds of the worker's thread at 50,000) only when it cannot be patched (none built
   * yet, a build under way, a change naming very many accounts, a failed read).
   */
  const patchSearch = async (accountIds: ReadonlySet<string>) => {
    const index = accountIds.size <= SEARCH_PATCH_MAX ? searchIndex.current() : undefined;
    if (!index) return searchIndex.drop();
    try {
      const s = await store();
      const ids = [...accountIds];
      const found = await Promise.all(ids.map((id) => s.getAccount(id)));
      index.update(
        found.filter((a) => a !== undefined),
        ids.filter((_, i) => !found[i]),
      );
      emit({ channel: 'nps-event', event: 'searchChanged' });
    } catch (error) {
      log.failed('updating the search index')(error);
      searchIndex.drop();
    }
  };
  // Results of comment reading change what the panel and the portfolio show, nothing else: they are told
  // (at most every INSIGHTS_EVENT_MS during a pass), and the counts, roles and search are left alone, so a
  // pass over a large store does not make every open page rescan it after each page of results.
  let insightsEventTimer: ReturnType<typeof setTimeout> | undefined;
  const insightsStored = (accountIds: ReadonlySet<string>) => {
    portfolio = undefined;
    // Only the views of the accounts whose comments were read: a pass over a large store does not make
    // every panel compute its figures again after each page of results.
    panelViews.drop(accountIds);
    if (insightsEventTimer) return;
    insightsEventTimer = setTimeout(() => {
      insightsEventTimer = undefined;
      emit({ channel: 'nps-event', event: 'insightsChanged' });
    }, INSIGHTS_EVENT_MS);
  };
  // Comments are read after the data that brought them is stored (docs/insights.md): a pass at a time,
  // started a moment after a change so that a sync's pages are read together.
  let analysisHost: AnalysisHost | null | undefined;
  const insights = createInsightsPass({
    store,
    host: () => (analysisHost === undefined ? (analysisHost = (options.analysisHost ?? offscreenHost)()) : analysisHost),
    taxonomy: async () => (await settings()).taxonomy,
    onStatus: (status) => {
      if (status.state === 'idle') void browser.storage.local.remove(ANALYSIS_PENDING_KEY).catch(() => undefined);
      emit({ channel: 'nps-event', event: 'analysisProgress', ...status });
    },
    stored: insightsStored,
    log: createLogger('insights'),
    readThrough: {
      get: async () => {
        const value = (await browser.storage.local.get(ANALYSIS_READ_THROUGH_KEY))[ANALYSIS_READ_THROUGH_KEY];
        return typeof value === 'string' ? value : null;
      },
      set: (key) => browser.storage.local.set({ [ANALYSIS_READ_THROUGH_KEY]: key }),
    },
  });
  // Whether comments may wait to be read is kept in `storage.local`, so a worker stopped before its pass
  // ended starts another when it wakes, and a wake with nothing new does not walk the whole store.
  let analysisTimer: ReturnType<typeof setTimeout> | undefined;
  const scheduleAnalysis = () => {
    void browser.storage.local.set({ [ANALYSIS_PENDING_KEY]: true }).catch(() => undefined);
    clearTimeout(analysisTimer);
    analysisTimer = setTimeout(() => insights.schedule(), ANALYSIS_DELAY_MS);
  };
  const resumeAnalysis = async () => {
    const stored = await browser.storage.local.get(ANALYSIS_PENDING_KEY);
    if (stored[ANALYSIS_PENDING_KEY] === true) insights.schedule();
  };
  const dataChanged = (accountIds?: Iterable<string>) => {
    const touched = accountIds === undefined ? undefined : new Set(accountIds);
    refreshed(touched);
    scheduleAnalysis();
    attention.schedule(touched);
  };

  // The data source: the cache, sync and write-back behind the handlers.
  const sources = new SourceEngine({ ...options.sources, store, now, emit, dataChanged });
  const panelViews = new PanelViews({ now, records: async (accountId) => (await (await store()).getAccountRecords(accountId)) ?? null });
  const prefetch = createPrefetch({ sources, views: panelViews, settings: () => sources.freshSettings(), skip: (page) => page.crm === DEMO_CRM });

  const ctx: ServiceContext = {
    now,
    emit,
    store,
    settings,
    sources,
    search: () => {
      if (searchIndex.waits()) searchAwaited = true;
      return searchIndex.get();
    },
    prepareSearch: () => void searchIndex.get().catch(log.failed('building the search index')),
    counts: counts.get,
    rolePairs,
    sites: () => (siteRegistry ??= createSiteRegistry()),
    diagnostics: () => (diagnosticsRecord ??= createDiagnostics(browser.storage.local)),
    summaries,
    attention,
    places: createCrmPlaces(),
    prefetch,
    panelViews,
    reports: createPageReports(options.reportWaitMs ?? REPORT_WAIT_MS),
    dataChanged,
  };

  const connectors = connectorHandlers(ctx);
  const handlers: Handlers = {
    ...pageHandlers(ctx),
    ...connectors.handlers,
    ...popupHandlers(ctx),
    ...actionHandlers(ctx),
    ...dataHandlers(ctx),
    ...setupHandlers(ctx),
    getAnalysisStatus: () => insights.status(),
    startAnalysis: () => insights.schedule(),
    cancelAnalysis: () => insights.cancel(),
    sampleComments: async ({ limit }) => (await store()).sampleComments(limit),
    getPortfolioInsights: () => {
      const reading = (portfolio ??= portfolioInsights());
      reading.catch(() => {
        if (portfolio === reading) portfolio = undefined;
      });
      return reading;
    },
  };

  /** The hourly alarm re-ranks what needs attention (an action becomes overdue as days pass); started with the worker. */
  const startAttention = async () => {
    if (!(await browser.alarms.get(ATTENTION_ALARM))) await browser.alarms.create(ATTENTION_ALARM, { periodInMinutes: ATTENTION_MAX_AGE_MS / 60_000, delayInMinutes: 1 });
    // Survey-tool connectors sync hourly too (each from its stored cursor).
    if (!(await browser.alarms.get(CONNECTOR_ALARM))) await browser.alarms.create(CONNECTOR_ALARM, { periodInMinutes: 60, delayInMinutes: 5 });
    await attention.resume();
  };
  const onAlarm = async (name: string) => {
    if (name === ATTENTION_ALARM) await attention.refresh();
    else if (name === CONNECTOR_ALARM) await connectors.syncAll();
    else await sources.onAlarm(name);
  };

  return { handlers, store, sources, diagnostics: ctx.diagnostics, insights, resumeAnalysis, attention, startAttention, onAlarm };
}
