import { describe, expect, it } from 'vitest';
import type { Action } from '../../model';
import { withStatus } from './actions';

const base: Action = { id: 'a', accountId: 'acme', title: 'Call Jo', status: 'open', createdAt: 1_000, updatedAt: 2_000 };

describe('withStatus', () => {
  it('stamps when an action is closed, keeps the stamp when it stays done, and clears it on reopening', () => {
    const done = withStatus(base, 'done', 5_000);
    expect(done).toMatchObject({ status: 'done', closedAt: 5_000, updatedAt: 5_000 });
    expect(withStatus({ ...done, closedBy: 'alice' }, 'done', 9_000)).toMatchObject({ closedAt: 5_000 });
    const reopened = withStatus({ ...done, closedBy: 'alice' }, 'open', 7_000);
    expect(reopened).toEqual({ ...base, status: 'open', updatedAt: 7_000 });
    expect('closedAt' in reopened || 'closedBy' in reopened).toBe(false);
  });

  it('an action done before closes were stamped keeps its last change as the close', () => {
    expect(withStatus({ ...base, status: 'done' }, 'done', 9_000).closedAt).toBe(2_000);
  });
});
