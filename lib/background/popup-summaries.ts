/**
 * Popup summaries, per account and display settings, cached: a keystroke must not rebuild ten account
 * contexts. A summary holds while none of its responses crosses an edge of the window or of the previous
 * one (`windowsStableUntil`), an hour at most (what needs attention is ranked, and every summary made
 * again, hourly); all are dropped when data changes. A fixed ten minutes, before, left most of the
 * hour between two rankings reading its results' records again at every keystroke.
 */
import type { AccountRecords, CountingRule, WindowKey } from '../model';
import { buildAccountContext, windowsStableUntil, type AccountContext } from '../nps';
import type { AccountSummary } from '../messaging/protocol';
import type { EffectiveSettings } from '../settings';
import type { NpsStore } from '../store';

const SUMMARY_MAX_MS = 60 * 60_000;

export interface PopupSummaries {
  /** Summaries of the accounts, in order, from the cache where fresh; unknown ids are left out. */
  of(accountIds: string[]): Promise<AccountSummary[]>;
  clear(): void;
  /** Only these accounts' summaries are dropped (their data changed); a pass that began before primes none of them. */
  drop(accountIds: ReadonlySet<string>): void;
  /** Which data the cache holds: a new one after each `clear`. */
  generation(): number;
  /**
   * A summary made elsewhere from the same context (the pass that ranks what needs attention builds every
   * account's), kept unless that account's data changed since `generation` was read (or all data, `clear`):
   * a keystroke then reads nothing.
   */
  prime(records: AccountRecords, context: AccountContext, generation: number): void;
}

/** What a result row of the popup shows of an account. */
export function summaryOf(records: AccountRecords, context: AccountContext): AccountSummary {
  return {
    account: records.account,
    summary: context.overall,
    openActions: context.openActions.length,
    window: context.window,
    change: context.change.significance.direction,
  };
}

export function createPopupSummaries(deps: { store: () => Promise<NpsStore>; settings: () => Promise<EffectiveSettings>; now: () => number }): PopupSummaries {
  const cache = new Map<string, { until: number; value: AccountSummary }>();
  let generation = 0;
  // A pass primes nothing begun before the last `clear`, nor for an account dropped after it began: a
  // change naming one account during a pass over 50,000 used to cost the pass's summaries of all of them
  // (each keystroke then read its results' records again).
  let clearedAt = 0;
  const droppedAt = new Map<string, number>();
  const keyOf = (id: string, window: WindowKey, rule: CountingRule) => `${id}\u0000${window}\u0000${rule}`;

  const entry = (records: AccountRecords, context: AccountContext) => ({
    until: Math.min(windowsStableUntil(records.responses, context.window, context.now), context.now + SUMMARY_MAX_MS),
    value: summaryOf(records, context),
  });

  return {
    async of(accountIds) {
      const { display } = await deps.settings();
      const at = deps.now();
      const key = (id: string) => keyOf(id, display.defaultWindow, display.countingRule);
      const fresh = (id: string) => {
        const cached = cache.get(key(id));
        return cached && at <= cached.until ? cached.value : undefined;
      };
      const missing = accountIds.filter((id) => !fresh(id));
      const records = await (await deps.store()).getManyAccountRecords(missing);
      records.forEach((r) => {
        if (r) cache.set(key(r.account.id), entry(r, buildAccountContext(r, { now: at, window: display.defaultWindow, rule: display.countingRule })));
      });
      return accountIds.map(fresh).filter((x): x is AccountSummary => x !== undefined);
    },
    clear() {
      cache.clear();
      droppedAt.clear();
      clearedAt = ++generation;
    },
    drop(accountIds) {
      for (const key of cache.keys()) if (accountIds.has(key.slice(0, key.indexOf('\u0000')))) cache.delete(key);
      generation++;
      for (const id of accountIds) droppedAt.set(id, generation);
    },
    generation: () => generation,
    prime(records, context, since) {
      if (since < clearedAt || (droppedAt.get(records.account.id) ?? 0) > since) return;
      cache.set(keyOf(records.account.id, context.window, context.rule), entry(records, context));
    },
  };
}
