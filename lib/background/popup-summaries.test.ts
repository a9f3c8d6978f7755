/**
 * The popup's summaries: computed from the store when missing, and primed by the pass that ranks what
 * needs attention (which builds every account's context), so a keystroke reads nothing from the store;
 * a pass that began before the data changed primes nothing.
 */
import { describe, expect, it } from 'vitest';
import { buildAccountContext } from '../nps';
import { DAY, makeRecords, makeResponse } from '../nps/test-fixtures';
import type { AccountRecords } from '../model';
import type { EffectiveSettings } from '../settings';
import type { NpsStore } from '../store';
import { createPopupSummaries } from './popup-summaries';

const NOW = Date.UTC(2026, 5, 1);
const records = makeRecords([9, 10, 3, 8].map((score, i) => makeResponse({ id: `r${i}`, score, respondedAt: NOW - (i + 1) * DAY })));
const settings = { display: { defaultWindow: '365d', countingRule: 'all' } } as EffectiveSettings;

function withStore() {
  const reads: string[][] = [];
  const store = { getManyAccountRecords: async (ids: string[]) => (reads.push(ids), ids.map((id) => (id === records.account.id ? records : undefined))) } as unknown as NpsStore;
  const summaries = createPopupSummaries({ store: async () => store, settings: async () => settings, now: () => NOW });
  return { summaries, reads };
}
const contextOf = (r: AccountRecords) => buildAccountContext(r, { now: NOW, window: '365d', rule: 'all' });

describe('popup summaries', () => {
  it('reads the store for an account it has not seen, then answers from memory', async () => {
    const { summaries, reads } = withStore();
    const [first] = await summaries.of([records.account.id]);
    expect(first!.summary.n).toBe(4);
    expect(first!.openActions).toBe(0);
    await summaries.of([records.account.id]);
    expect(reads).toEqual([[records.account.id], []]);
  });

  it('dropping other accounts keeps this one\'s summary; dropping this one reads it again, and a pass begun before primes nothing', async () => {
    const { summaries, reads } = withStore();
    const id = records.account.id;
    await summaries.of([id]);
    summaries.drop(new Set(['someone-else']));
    await summaries.of([id]);
    expect(reads).toEqual([[id], []]);
    const before = summaries.generation();
    summaries.drop(new Set([id]));
    summaries.prime(records, contextOf(records), before);
    await summaries.of([id]);
    expect(reads).toEqual([[id], [], [id]]);
  });

  it('a pass begun before another account was dropped still primes this one', async () => {
    const { summaries, reads } = withStore();
    const id = records.account.id;
    const before = summaries.generation();
    summaries.drop(new Set(['someone-else']));
    summaries.prime(records, contextOf(records), before);
    summaries.prime({ ...records, account: { ...records.account, id: 'someone-else' } }, contextOf(records), before);
    await summaries.of([id, 'someone-else']);
    expect(reads).toEqual([['someone-else']]);
    // A pass begun after the drop primes the dropped account too.
    const after = summaries.generation();
    summaries.prime({ ...records, account: { ...records.account, id: 'other' } }, contextOf(records), after);
    await summaries.of(['other']);
    expect(reads).toEqual([['someone-else'], []]);
  });

  it('a primed summary is the one computed from the store, and no keystroke reads the store for it', async () => {
    const { summaries, reads } = withStore();
    summaries.prime(records, contextOf(records), summaries.generation());
    const [primed] = await summaries.of([records.account.id]);
    expect(reads).toEqual([[]]);
    const fresh = withStore();
    expect(primed).toEqual((await fresh.summaries.of([records.account.id]))[0]);
  });

  it('answers from memory while no response crosses an edge of the window, an hour at most; then reads again', async () => {
    const minute = 60_000;
    // One response leaves the 365-day window 14 minutes from now; the others stay for months.
    const edge = makeRecords([makeResponse({ id: 'old', score: 2, respondedAt: NOW - 365 * DAY + 14 * minute }), ...records.responses]);
    let now = NOW;
    const reads: string[][] = [];
    const store = { getManyAccountRecords: async (ids: string[]) => (reads.push(ids), ids.map(() => edge)) } as unknown as NpsStore;
    const summaries = createPopupSummaries({ store: async () => store, settings: async () => settings, now: () => now });
    const id = edge.account.id;
    expect((await summaries.of([id]))[0]!.summary.n).toBe(5);
    now = NOW + 14 * minute;
    expect((await summaries.of([id]))[0]!.summary.n).toBe(5);
    now += 1;
    expect((await summaries.of([id]))[0]!.summary.n).toBe(4);
    expect(reads).toEqual([[id], [], [id]]);
    // Nothing crosses an edge for months: kept an hour.
    now += 60 * minute;
    await summaries.of([id]);
    now += 1;
    await summaries.of([id]);
    expect(reads).toEqual([[id], [], [id], [], [id]]);
  });

  it('a pass that began before the data changed primes nothing', async () => {
    const { summaries, reads } = withStore();
    const before = summaries.generation();
    summaries.clear();
    summaries.prime(records, contextOf(records), before);
    await summaries.of([records.account.id]);
    expect(reads).toEqual([[records.account.id]]);
  });
});
