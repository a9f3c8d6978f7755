import type { AccountSummary } from '../../lib/messaging/protocol';
import { sameSummaries } from './same-summaries';

const summary = (id: string, n: number): AccountSummary =>
  ({ account: { id, name: id, domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: 0 }, summary: { n, nps: 10 }, openActions: 0, window: '90d', change: 'none' }) as unknown as AccountSummary;

describe('sameSummaries', () => {
  test('an unchanged summary is the object shown before; a changed or new one is the new object', () => {
    const same = sameSummaries();
    const first = same([summary('a', 1), summary('b', 2)]);
    const nextA = summary('a', 1);
    const nextB = summary('b', 3);
    const second = same([nextB, nextA, summary('c', 1)]);
    expect(second[1]).toBe(first[0]);
    expect(second[0]).toBe(nextB);
    expect(second[0]).not.toBe(first[1]);
    expect(second.map((s) => s.account.id)).toEqual(['b', 'a', 'c']);
  });

  test('only the last answer is kept: an account absent from it is new again', () => {
    const same = sameSummaries();
    const first = same([summary('a', 1)]);
    same([summary('b', 1)]);
    expect(same([summary('a', 1)])[0]).not.toBe(first[0]);
  });
});
