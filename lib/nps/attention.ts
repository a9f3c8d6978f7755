/**
 * What needs attention across accounts (the popup's empty state and the toolbar badge): per account, the
 * responses waiting for a follow-up (lib/nps/followup.ts), the overdue actions (lib/nps/loop.ts) and a
 * significant drop of the headline against the previous window (docs/nps-method.md). Ranked most urgent
 * first: overdue actions (a promise already broken), then waiting responses, then a drop; within each,
 * more first, then the longest wait, then the name.
 */
import type { AccountRecords, CountingRule, WindowKey } from '../model';
import { buildAccountContext, type AccountContext } from './context';
import type { FollowUpRule } from './followup';
import type { RoleMapping } from './roles';

export type AttentionReason = 'overdue' | 'waiting' | 'drop';

export interface AccountAttention {
  accountId: string;
  accountName: string;
  overdue: number;
  waiting: number;
  /** When the oldest waiting response was given (null when none waits). */
  oldestWaitingAt: number | null;
  /** The headline fell significantly against the previous window. */
  drop: boolean;
  /** The most urgent reason: what the popup names first. */
  reason: AttentionReason;
  reasons: AttentionReason[];
}

export interface AttentionOptions {
  now: number;
  window: WindowKey;
  rule: CountingRule;
  roleMapping?: RoleMapping;
  followUpRule: FollowUpRule;
}

/** The account's reasons for attention, or null when it needs none. */
export function accountAttention(records: AccountRecords, options: AttentionOptions): AccountAttention | null {
  return attentionOf(
    records,
    buildAccountContext(records, {
      now: options.now,
      window: options.window,
      rule: options.rule,
      roleMapping: options.roleMapping,
      followUpRule: options.followUpRule,
    }),
  );
}

/** The same, from an account context already built (over the options above). */
export function attentionOf(records: AccountRecords, context: AccountContext): AccountAttention | null {
  const overdue = context.openActions.filter((a) => a.overdue).length;
  const waiting = context.waiting.length;
  const drop = context.change.significance.direction === 'down';
  const reasons: AttentionReason[] = [...(overdue > 0 ? ['overdue' as const] : []), ...(waiting > 0 ? ['waiting' as const] : []), ...(drop ? ['drop' as const] : [])];
  if (reasons.length === 0) return null;
  return {
    accountId: records.account.id,
    accountName: records.account.name,
    overdue,
    waiting,
    oldestWaitingAt: context.waiting[0]?.response.respondedAt ?? null,
    drop,
    reason: reasons[0]!,
    reasons,
  };
}

/** Most urgent first (see the module's comment); a total order, so the list never depends on input order. */
export function compareAttention(a: AccountAttention, b: AccountAttention): number {
  if (a.overdue !== b.overdue) return b.overdue - a.overdue;
  if (a.waiting !== b.waiting) return b.waiting - a.waiting;
  if (a.drop !== b.drop) return a.drop ? -1 : 1;
  const ao = a.oldestWaitingAt ?? Infinity;
  const bo = b.oldestWaitingAt ?? Infinity;
  if (ao !== bo) return ao - bo;
  return a.accountName.localeCompare(b.accountName) || (a.accountId < b.accountId ? -1 : a.accountId > b.accountId ? 1 : 0);
}

/** What the toolbar badge counts: overdue actions plus responses waiting for a follow-up, over all accounts. */
export function badgeCount(items: readonly AccountAttention[]): number {
  return items.reduce((sum, item) => sum + item.overdue + item.waiting, 0);
}
