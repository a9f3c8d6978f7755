/**
 * Popup summaries, per account and display settings, cached: a keystroke must not rebuild ten account
 * contexts. A summary is recomputed after `SUMMARY_TTL_MS` even when no data changed (its window
 * slides with time), and all are dropped when data changes.
 */
import type { AccountRecords, CountingRule, WindowKey } from '../model';
import { buildAccountContext } from '../nps';
import type { AccountSummary } from '../messaging/protocol';
import type { EffectiveSettings } from '../settings';
import type { NpsStore } from '../store';

const SUMMARY_TTL_MS = 10 * 60_000;

export interface PopupSummaries {
  /** Summaries of the accounts, in order, from the cache where fresh; unknown ids are left out. */
  of(accountIds: string[]): Promise<AccountSummary[]>;
  clear(): void;
}

export function createPopupSummaries(deps: { store: () => Promise<NpsStore>; settings: () => Promise<EffectiveSettings>; now: () => number }): PopupSummaries {
  const cache = new Map<string, { at: number; value: AccountSummary }>();

  function summarise(records: AccountRecords, window: WindowKey, rule: CountingRule): AccountSummary {
    const context = buildAccountContext(records, { now: deps.now(), window, rule });
    return {
      account: records.account,
      summary: context.overall,
      openActions: context.openActions.length,
      window,
      change: context.change.significance.direction,
    };
  }

  return {
    async of(accountIds) {
      const { display } = await deps.settings();
      const at = deps.now();
      const keyOf = (id: string) => `${id}\u0000${display.defaultWindow}\u0000${display.countingRule}`;
      const fresh = (id: string) => {
        const cached = cache.get(keyOf(id));
        return cached && at - cached.at < SUMMARY_TTL_MS ? cached.value : undefined;
      };
      const missing = accountIds.filter((id) => !fresh(id));
      const records = await (await deps.store()).getManyAccountRecords(missing);
      records.forEach((r) => {
        if (r) cache.set(keyOf(r.account.id), { at, value: summarise(r, display.defaultWindow, display.countingRule) });
      });
      return accountIds.map(fresh).filter((x): x is AccountSummary => x !== undefined);
    },
    clear: () => cache.clear(),
  };
}
