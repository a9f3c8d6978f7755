/**
 * What needs attention across every account, kept up to date rather than computed when the popup opens:
 * after each change of the data (an import's commit, a sync page, an action written), after a change of
 * the settings, and every hour (an action becomes overdue when a day passes), the accounts are walked once
 * in the background and the ranked list and its totals are stored (`storage.local`, so they outlive the
 * service worker). The popup reads the stored list; the toolbar badge shows overdue actions plus waiting
 * responses unless the user turned it off.
 */
import { browser } from 'wxt/browser';
import { createLogger } from '../core/log';
import { slicer } from '../core/yield';
import { attentionOf, compareAttention, type AccountAttention } from '../nps/attention';
import { buildAccountContext, type AccountContext } from '../nps/context';
import type { AccountRecords } from '../model';
import type { PopupSummaries } from './popup-summaries';
import { foundEntries, readFound } from './attention-found';
import type { EffectiveSettings } from '../settings';
import type { AccountRecordsPage, NpsStore } from '../store';
import { createNotifier, type Notifier, type NotifyCandidate } from './notifier';
import { openActions } from '../nps/loop';
import { readLanguageChoice } from '../settings';
import { resolveLocale, translator, translatorFor, type Translator } from '../i18n';

const log = createLogger('attention');

export const ATTENTION_KEY = 'attention.index';
export const ATTENTION_ALARM = 'attention-refresh';
/** Set while a change waits to be ranked: a worker stopped before its pass ended ranks again when it wakes. */
export const ATTENTION_PENDING_KEY = 'attention.pending';
/** How old a kept index may be when a worker wakes (the hourly alarm's period: days pass, actions fall overdue). */
export const ATTENTION_MAX_AGE_MS = 60 * 60_000;
/** Accounts read from the store at a time (a page: a few range reads, `lib/store/account-pages.ts`). */
const CHUNK = 250;
/** Named accounts read at once when a change names them (`updateAttention`). */
const NAMED_CHUNK = 50;
/** The most urgent accounts kept for the popup. */
export const ATTENTION_KEPT = 50;
/** The accounts whose panel was shown lately (newest first), for notifications of new detractors. */
export const RECENT_PANEL_ACCOUNTS_KEY = 'recent.panelAccounts';
const RECENT_LOOKUPS_KEY = 'popup.recentLookups';
const RECENT_KEPT = 20;

export interface AttentionIndex {
  computedAt: number;
  /** Most urgent first, at most `ATTENTION_KEPT`. */
  items: AccountAttention[];
  totals: { accounts: number; overdue: number; waiting: number };
  /** How long the pass over every account took (ms of the worker's clock). */
  tookMs?: number;
  /** How many accounts that run ranked, when a change named them (absent: every account). */
  ranked?: number;
}

export interface AttentionDeps {
  store: () => Promise<NpsStore>;
  settings: () => Promise<EffectiveSettings>;
  now: () => number;
  /** The badge's text ('' hides it); the default sets the toolbar action's badge. */
  setBadge?: (text: string) => Promise<void>;
  /** Where the index is kept; the default is `storage.local`. */
  storage?: { get(key: string | string[]): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void>; remove(key: string): Promise<void> };
  notifier?: Notifier;
  /** Tells open pages the list changed (the popup shows the new one). */
  changed?: () => void;
  /** The popup's summaries, filled by each pass (it builds every account's context anyway). */
  summaries?: Pick<PopupSummaries, 'generation' | 'prime'>;
}

async function defaultBadge(text: string): Promise<void> {
  const action = browser.action ?? (browser as unknown as { browserAction?: typeof browser.action }).browserAction;
  if (!action) return;
  await action.setBadgeText({ text });
  if (text) await action.setBadgeBackgroundColor({ color: '#b42318' });
}

/** What one account's records say: its attention (null: none needed) and what a notification could announce. */
function rankAccount(
  records: AccountRecords,
  settings: EffectiveSettings,
  now: number,
  recentAccounts: ReadonlySet<string>,
  t: Translator,
  candidates: NotifyCandidate[],
  onContext?: (records: AccountRecords, context: AccountContext) => void,
): AccountAttention | null {
  const followUpRule = { maxScore: settings.followUp.maxScore, days: settings.followUp.days };
  const context = buildAccountContext(records, {
    now,
    window: settings.display.defaultWindow,
    rule: settings.display.countingRule,
    roleMapping: settings.roleMapping,
    followUpRule,
  });
  onContext?.(records, context);
  const item = attentionOf(records, context);
  if (!item) return null;
  const name = records.account.name;
  if (item.overdue > 0) {
    for (const { action, overdue } of openActions(records.actions, now)) {
      if (!overdue) continue;
      const message = action.owner
        ? t('notify.overdueMessageOwner', { account: name, date: action.dueDate ?? '', owner: action.owner })
        : t('notify.overdueMessage', { account: name, date: action.dueDate ?? '' });
      candidates.push({ key: `overdue:${action.id}`, title: t('notify.overdueTitle', { title: action.title }), message });
    }
  }
  if (item.waiting > 0 && recentAccounts.has(records.account.id)) {
    const since = now - followUpRule.days * 86_400_000;
    for (const r of records.responses) {
      if (r.excluded || r.score > 6 || r.respondedAt < since || r.respondedAt > now) continue;
      const who = r.respondentName?.trim() || r.respondentEmail?.trim() || t('notify.aRespondent');
      const comment = r.comment?.trim().slice(0, 120);
      const message = comment ? t('notify.detractorMessageComment', { who, score: r.score, comment }) : t('notify.detractorMessage', { who, score: r.score });
      candidates.push({ key: `detractor:${r.id}`, title: t('notify.detractorTitle', { account: name }), message });
    }
  }
  return item;
}

/** The kept list and totals from every account that needs attention (the most urgent picked, not all sorted). */
function indexOf(found: Iterable<AccountAttention>, computedAt: number): AttentionIndex {
  const top: AccountAttention[] = [];
  const totals = { accounts: 0, overdue: 0, waiting: 0 };
  for (const item of found) {
    totals.accounts++;
    totals.overdue += item.overdue;
    totals.waiting += item.waiting;
    if (top.length === ATTENTION_KEPT && compareAttention(item, top[top.length - 1]!) >= 0) continue;
    let lo = 0;
    let hi = top.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareAttention(top[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    top.splice(lo, 0, item);
    if (top.length > ATTENTION_KEPT) top.pop();
  }
  return { computedAt, items: top, totals };
}

/** Walks every account once, ranks those that need attention, and lists what a notification could announce. */
export async function computeAttention(
  store: NpsStore,
  settings: EffectiveSettings,
  now: number,
  recentAccounts: ReadonlySet<string> = new Set(),
  t: Translator = translator('en'),
  /** Told of each account's context as it is built (the popup keeps its summary). */
  onContext?: (records: AccountRecords, context: AccountContext) => void,
): Promise<{ index: AttentionIndex; candidates: NotifyCandidate[]; found: Map<string, AccountAttention> }> {
  const found = new Map<string, AccountAttention>();
  const candidates: NotifyCandidate[] = [];
  // The pass shares the worker's thread with the popup's and the panel's calls: it lets them in every few ms.
  const pause = slicer();
  let after: string | null = null;
  do {
    const page: AccountRecordsPage = await store.accountRecordsPage(after, CHUNK);
    after = page.next;
    for (const records of page.records) {
      await pause();
      const item = rankAccount(records, settings, now, recentAccounts, t, candidates, onContext);
      if (item) found.set(item.accountId, item);
    }
  } while (after !== null);
  return { index: indexOf(found.values(), now), candidates, found };
}

/**
 * The same for the accounts a change touched, over what the last pass found for every other account: a
 * sync page or a follow-up written reads a few accounts, not every account's records (tens of seconds with
 * a million responses, during which the popup's calls waited behind the pass's reads). The list keeps the
 * time of the last pass over every account, which the hourly pass renews.
 */
export async function updateAttention(
  store: NpsStore,
  settings: EffectiveSettings,
  now: number,
  accountIds: ReadonlySet<string>,
  found: Map<string, AccountAttention>,
  computedAt: number,
  recentAccounts: ReadonlySet<string> = new Set(),
  t: Translator = translator('en'),
  onContext?: (records: AccountRecords, context: AccountContext) => void,
): Promise<{ index: AttentionIndex; candidates: NotifyCandidate[] }> {
  const candidates: NotifyCandidate[] = [];
  const ids = [...accountIds];
  // A few accounts' records at a time: a change may name thousands, some of them big.
  for (let start = 0; start < ids.length; start += NAMED_CHUNK) {
    const chunk = ids.slice(start, start + NAMED_CHUNK);
    const records = await store.getManyAccountRecords(chunk);
    chunk.forEach((id, i) => {
      const item = records[i] ? rankAccount(records[i], settings, now, recentAccounts, t, candidates, onContext) : null;
      if (item) found.set(id, item);
      else found.delete(id);
    });
  }
  return { index: indexOf(found.values(), computedAt), candidates };
}

/** Remembers that an account's panel was shown (newest first, a short list). */
export async function rememberPanelAccount(accountId: string, storage: Pick<NonNullable<AttentionDeps['storage']>, 'get' | 'set'> = browser.storage.local): Promise<void> {
  const current = (await storage.get(RECENT_PANEL_ACCOUNTS_KEY))[RECENT_PANEL_ACCOUNTS_KEY];
  const list = Array.isArray(current) ? current.filter((id): id is string => typeof id === 'string') : [];
  if (list[0] === accountId) return;
  await storage.set({ [RECENT_PANEL_ACCOUNTS_KEY]: [accountId, ...list.filter((id) => id !== accountId)].slice(0, RECENT_KEPT) });
}

export interface AttentionKeeper {
  /**
   * Ranks again soon (changes in a row make one pass): the accounts named, over what the last pass found
   * for the others, or every account when none are named (or nothing is kept from a pass over every account).
   */
  schedule(accountIds?: Iterable<string>): void;
  /** Recomputes now and stores the result. */
  refresh(): Promise<AttentionIndex>;
  /** The stored index (computed first if there is none yet). */
  current(): Promise<AttentionIndex>;
  /**
   * At a worker's start: the kept index and the badge from it, and a pass only if that index is missing,
   * older than the hourly refresh, or a change was not ranked before the last worker stopped. A worker
   * wakes for every page a CRM tab opens; a pass reads every account's records (tens of seconds with a
   * million responses), which each wake used to start.
   */
  resume(): Promise<void>;
}

export function createAttentionKeeper(deps: AttentionDeps, delayMs = 1_500): AttentionKeeper {
  const storage = deps.storage ?? browser.storage.local;
  const setBadge = deps.setBadge ?? defaultBadge;
  const notifier = deps.notifier ?? createNotifier({ storage });
  let memory: AttentionIndex | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<AttentionIndex> | null = null;
  let again = false;
  // Changes asked for (`schedule`); a pass that began after the last of them clears the pending mark.
  let asked = 0;

  // Every account that needs attention, as the last pass over every account found it and later changes
  // updated it; read from `storage.local` by a worker that has not ranked yet.
  let found: Map<string, AccountAttention> | null = null;
  let foundAt = 0;
  // What the next pass must rank: the accounts changes touched, or every account.
  let scope: Set<string> | 'all' = new Set();
  /** The kept list of every account needing attention, if it is the one the kept index was made from. */
  const keptFound = async (): Promise<Map<string, AccountAttention> | null> => {
    if (found) return found;
    const index = (await storage.get(ATTENTION_KEY))[ATTENTION_KEY] as AttentionIndex | undefined;
    if (!index || typeof index.computedAt !== 'number' || typeof index.totals?.accounts !== 'number') return null;
    found = await readFound(storage, index.computedAt, index.totals.accounts);
    if (found) foundAt = index.computedAt;
    return found;
  };

  const run = async (): Promise<AttentionIndex> => {
    const answers = asked;
    const accounts = scope;
    scope = new Set();
    const settings = await deps.settings();
    const recent = await storage.get([RECENT_PANEL_ACCOUNTS_KEY, RECENT_LOOKUPS_KEY]);
    const ids = [recent[RECENT_PANEL_ACCOUNTS_KEY], recent[RECENT_LOOKUPS_KEY]].flatMap((v) => (Array.isArray(v) ? v : [])).filter((v): v is string => typeof v === 'string');
    const now = deps.now();
    const started = performance.now();
    // Notifications speak the UI's language (the setting, else the browser's).
    const languages = typeof navigator === 'undefined' ? [] : navigator.languages;
    const t = await translatorFor(resolveLocale(await readLanguageChoice().catch(() => 'auto' as const), languages));
    // Summaries from a pass that began before a data change are dropped (the next pass brings them).
    const generation = deps.summaries?.generation();
    const prime = deps.summaries && generation !== undefined ? (records: AccountRecords, context: AccountContext) => deps.summaries!.prime(records, context, generation) : undefined;
    const store = await deps.store();
    let computed: AttentionIndex;
    let candidates: NotifyCandidate[];
    // The accounts ranked over the kept list (null: every account was).
    let named: Set<string> | null = null;
    try {
      const before = accounts === 'all' ? null : await keptFound();
      named = accounts !== 'all' && before ? accounts : null;
      if (accounts !== 'all' && before) {
        ({ index: computed, candidates } = await updateAttention(store, settings, now, accounts, before, foundAt, new Set(ids), t, prime));
      } else {
        ({ index: computed, candidates, found } = await computeAttention(store, settings, now, new Set(ids), t, prime));
        foundAt = now;
      }
    } catch (error) {
      // What this pass was to rank is ranked by the next one.
      const since = scope as Set<string> | 'all';
      scope = accounts === 'all' || since === 'all' ? 'all' : new Set([...since, ...accounts]);
      throw error;
    }
    const index: AttentionIndex = { ...computed, tookMs: Math.round(performance.now() - started), ...(named ? { ranked: named.size } : {}) };
    memory = index;
    await storage.set({ [ATTENTION_KEY]: index, ...(found ? foundEntries(found, index.computedAt, named) : {}) });
    if (answers === asked) await storage.remove(ATTENTION_PENDING_KEY);
    await setBadge(settings.followUp.badge ? badgeText(index.totals.overdue + index.totals.waiting) : '');
    deps.changed?.();
    await notifier.consider(candidates, settings.followUp.notifications, now);
    return index;
  };

  const rank = (): Promise<AttentionIndex> => {
    if (running) {
      again = true;
      return running;
    }
    running = run().finally(() => {
      running = null;
      if (again) {
        again = false;
        void rank().catch(log.failed('finding what needs attention'));
      }
    });
    return running;
  };
  /** Every account ranked again: the hourly pass, a change of settings, a change of unknown reach. */
  const refresh = (): Promise<AttentionIndex> => {
    scope = 'all';
    return rank();
  };

  return {
    schedule(accountIds) {
      asked++;
      if (accountIds === undefined || scope === 'all') scope = 'all';
      else for (const id of accountIds) scope.add(id);
      void storage.set({ [ATTENTION_PENDING_KEY]: true }).catch(log.failed('marking a change to rank'));
      clearTimeout(timer);
      timer = setTimeout(() => void rank().catch(log.failed('finding what needs attention')), delayMs);
    },
    refresh,
    async resume() {
      const kept = await storage.get([ATTENTION_KEY, ATTENTION_PENDING_KEY]);
      const index = kept[ATTENTION_KEY] as AttentionIndex | undefined;
      const age = index && Array.isArray(index.items) && typeof index.computedAt === 'number' ? deps.now() - index.computedAt : Number.NaN;
      const fresh = age >= 0 && age < ATTENTION_MAX_AGE_MS;
      if (!index || !fresh || kept[ATTENTION_PENDING_KEY] === true) return this.schedule();
      memory ??= index;
      // The badge is the browser's and does not outlive it: set again from the kept counts.
      const settings = await deps.settings();
      await setBadge(settings.followUp.badge ? badgeText(index.totals.overdue + index.totals.waiting) : '');
    },
    async current() {
      if (memory) return memory;
      const stored = (await storage.get(ATTENTION_KEY))[ATTENTION_KEY] as AttentionIndex | undefined;
      if (stored && Array.isArray(stored.items)) return (memory = stored);
      return refresh();
    },
  };
}

function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 999 ? '999+' : String(count);
}
