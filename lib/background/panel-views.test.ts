/** The panel views the background keeps: joined while computed, kept a minute, keyed by all they depend on. */
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_ROLE_MAPPING } from '../nps';
import { DAY, makeRecords, makeResponse } from '../nps/test-fixtures';
import { DEFAULT_DISPLAY, DEFAULT_FOLLOW_UP } from '../settings';
import { DEFAULT_TAXONOMY } from '../insights/taxonomy';
import type { AccountRecords } from '../model';
import type { PageContextInput } from '../model/page';
import { PanelViews, VIEW_TTL_MS } from './panel-views';

const NOW = Date.UTC(2026, 5, 1);
const settings = { display: DEFAULT_DISPLAY, roleMapping: DEFAULT_ROLE_MAPPING, followUp: DEFAULT_FOLLOW_UP, taxonomy: DEFAULT_TAXONOMY };
const records = makeRecords(Array.from({ length: 40 }, (_, i) => makeResponse({ id: `r${i}`, score: i % 11, respondedAt: NOW - i * DAY, respondentEmail: `p${i % 5}@acme.com` })), [], []);

function views(read: (id: string) => Promise<AccountRecords | null> = async () => records) {
  let now = NOW;
  const reads = vi.fn(read);
  const kept = new PanelViews({ now: () => now, records: reads });
  return { kept, reads, tick: (ms: number) => (now += ms) };
}

describe('PanelViews', () => {
  it('joins a view being computed and answers from it for a minute, then computes for the new now', async () => {
    const { kept, reads, tick } = views();
    const [a, b] = await Promise.all([kept.view({ accountId: 'acc-1', page: null }, settings), kept.view({ accountId: 'acc-1', page: null }, settings)]);
    expect(a).toBe(b);
    expect(reads).toHaveBeenCalledTimes(1);
    tick(VIEW_TTL_MS);
    expect(await kept.view({ accountId: 'acc-1', page: null }, settings)).toBe(a);
    tick(1);
    const later = await kept.view({ accountId: 'acc-1', page: null }, settings);
    expect(later?.context.now).toBe(NOW + VIEW_TTL_MS + 1);
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('computes apart for each window, granularity, person on the page and settings; the settings’ window is the default’s', async () => {
    const { kept, reads } = views();
    const base = { accountId: 'acc-1', page: null };
    await kept.view(base, settings);
    await kept.view({ ...base, window: DEFAULT_DISPLAY.defaultWindow, granularity: 'quarter' }, settings);
    expect(reads).toHaveBeenCalledTimes(1);
    await kept.view({ ...base, window: '90d' }, settings);
    await kept.view({ ...base, granularity: 'month' }, settings);
    const ticket: PageContextInput = { crm: 'zendesk', kind: 'ticket', recordKey: 'zendesk:acme:ticket:1', hints: { emails: ['p1@acme.com'] } };
    const person = await kept.view({ ...base, page: ticket }, settings);
    expect(person?.person?.matchedBy).toBe('email');
    await kept.view(base, { ...settings, followUp: { ...DEFAULT_FOLLOW_UP, maxScore: 4 } });
    await kept.view(base, { ...settings, taxonomy: { ...DEFAULT_TAXONOMY, themes: DEFAULT_TAXONOMY.themes.slice(1) } });
    expect(reads).toHaveBeenCalledTimes(6);
  });

  it('keeps no failed read, the fewest recent views, and nothing after clear', async () => {
    let fail = true;
    const { kept, reads } = views(async () => {
      if (fail) throw new Error('disk');
      return records;
    });
    await expect(kept.view({ accountId: 'acc-1', page: null }, settings)).rejects.toThrow('disk');
    fail = false;
    expect(await kept.view({ accountId: 'acc-1', page: null }, settings)).not.toBeNull();
    expect(reads).toHaveBeenCalledTimes(2);
    // Nine accounts: the first is let go.
    for (let i = 0; i < 9; i++) await kept.view({ accountId: `other-${i}`, page: null }, settings);
    await kept.view({ accountId: 'acc-1', page: null }, settings);
    expect(reads).toHaveBeenCalledTimes(12);
    kept.clear();
    await kept.view({ accountId: 'acc-1', page: null }, settings);
    expect(reads).toHaveBeenCalledTimes(13);
  });

  it('drops only the views of the accounts named (their comments were read), every view on clear', async () => {
    const { kept, reads } = views();
    await kept.view({ accountId: 'acc-1', page: null }, settings);
    await kept.view({ accountId: 'acc-1', window: '90d', page: null }, settings);
    await kept.view({ accountId: 'acc-2', page: null }, settings);
    kept.drop(new Set(['acc-1', 'acc-9']));
    await kept.view({ accountId: 'acc-2', page: null }, settings);
    expect(reads).toHaveBeenCalledTimes(3);
    await kept.view({ accountId: 'acc-1', page: null }, settings);
    await kept.view({ accountId: 'acc-1', window: '90d', page: null }, settings);
    expect(reads).toHaveBeenCalledTimes(5);
  });

  it('answers null for an account that is not stored', async () => {
    const { kept } = views(async () => null);
    expect(await kept.view({ accountId: 'gone', page: null }, settings)).toBeNull();
  });
});
