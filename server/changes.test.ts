/**
 * The changes feed as a property: whatever the interleaving of writes and page reads, and however
 * many rows share a timestamp, a reader following `nextCursor` ends with every row's latest state,
 * never sees a row twice in one page, and sees a row again only if it was written again in between.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SurveyResponse } from '../lib/model';
import { ChangesPageSchema } from '../lib/wire/schemas';
import { SourceStore } from './store';

const ACCOUNT = { id: 'acc-1', name: 'Acme', domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [] };

type Op =
  | { kind: 'write'; ids: number[]; tick: number }
  | { kind: 'read'; limit: number };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('write' as const),
    ids: fc.uniqueArray(fc.integer({ min: 0, max: 14 }), { minLength: 1, maxLength: 6 }),
    // 0: the same millisecond as the previous write.
    tick: fc.constantFrom(0, 0, 0, 1, 5),
  }),
  fc.record({ kind: fc.constant('read' as const), limit: fc.integer({ min: 1, max: 7 }) }),
);

function response(id: number, op: number, now: number): SurveyResponse {
  return {
    id: `r${id}`, accountId: 'acc-1', score: (id + op) % 11, respondedAt: 1_000 + id, comment: `written by op ${op}`,
    tags: [], excluded: false, updatedAt: now,
  };
}

describe('GET /v1/changes paging (property)', () => {
  it('never skips a row and repeats one only when it changed again', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        let now = 1_700_000_000_000;
        const store = new SourceStore(':memory:', () => now);
        try {
          store.writeBatch({ accounts: [ACCOUNT] });
          let cursor: string | undefined;
          const seen = new Map<string, SurveyResponse>();
          const lastSeenAt = new Map<string, number>();
          const writtenAt = new Map<string, number[]>();
          const read = (limit: number, at: number) => {
            const page = ChangesPageSchema.parse(store.changes({ cursor, limit }));
            const ids = page.responses.map((r) => r.id);
            expect(new Set(ids).size).toBe(ids.length);
            expect(page.accounts.length + page.responses.length).toBeLessThanOrEqual(limit);
            for (const r of page.responses) {
              const previous = lastSeenAt.get(r.id);
              if (previous !== undefined) {
                // Seen before: only legitimate if it was written after that read.
                expect((writtenAt.get(r.id) ?? []).some((w) => w > previous)).toBe(true);
              }
              lastSeenAt.set(r.id, at);
              seen.set(r.id, r);
            }
            cursor = page.nextCursor;
            return page.hasMore;
          };
          ops.forEach((op, i) => {
            if (op.kind === 'write') {
              now += op.tick;
              store.writeBatch({ accounts: [], responses: op.ids.map((id) => response(id, i, now)) });
              for (const id of op.ids) writtenAt.set(`r${id}`, [...(writtenAt.get(`r${id}`) ?? []), i]);
            } else {
              read(op.limit, i);
            }
          });
          while (read(3, ops.length)) {
            // drain
          }
          const final = store.changes({ limit: 1000 });
          expect(final.hasMore).toBe(false);
          expect(new Map(final.responses.map((r) => [r.id, r]))).toEqual(seen);
        } finally {
          store.close();
        }
      }),
      { numRuns: 150 },
    );
  });

  it('updated_since returns exactly the rows last written at or after it, each once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.integer({ min: 0, max: 9 }), tick: fc.constantFrom(0, 0, 1, 2) }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 1, max: 5 }),
        (writes, offset, limit) => {
          const start = 1_700_000_000_000;
          let now = start;
          const store = new SourceStore(':memory:', () => now);
          try {
            store.writeBatch({ accounts: [ACCOUNT] });
            const last = new Map<string, number>();
            writes.forEach((w, i) => {
              now += w.tick;
              store.writeBatch({ accounts: [], responses: [response(w.id, i, now)] });
              last.set(`r${w.id}`, store.getResponse(`r${w.id}`)!.updatedAt);
            });
            const since = start + offset;
            const ids: string[] = [];
            let page = store.changes({ updatedSince: since, limit });
            ids.push(...page.responses.map((r) => r.id));
            while (page.hasMore) {
              page = store.changes({ cursor: page.nextCursor, limit });
              ids.push(...page.responses.map((r) => r.id));
            }
            const expected = [...last].filter(([, at]) => at >= since).map(([id]) => id);
            expect(ids.sort()).toEqual(expected.sort());
          } finally {
            store.close();
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
