import fc from 'fast-check';
import type { SurveyResponse } from '../model';
import { markUnread, type RowBlock } from './blocks';
import { packBlock, unpackBlock, type StoredBlock } from './block-columns';

const T = Date.UTC(2026, 0, 1);

/** A block of one account's rows, each with the fields it happens to have. */
const blockArbitrary = fc
  .array(
    fc.record(
      {
        score: fc.integer({ min: 0, max: 10 }),
        respondedAt: fc.integer({ min: T, max: T + 1e10 }),
        comment: fc.oneof(fc.string(), fc.constant('Same words')),
        respondentRole: fc.constantFrom('Admin', 'End user'),
        channel: fc.constant('email' as const),
        tags: fc.oneof(fc.constant([] as string[]), fc.array(fc.string(), { maxLength: 3 })),
        excluded: fc.boolean(),
        updatedAt: fc.double({ noNaN: false }),
        insightJson: fc.json(),
      },
      { requiredKeys: ['score', 'respondedAt', 'tags', 'excluded', 'updatedAt'] },
    ),
    { maxLength: 40 },
  )
  .map((fields): RowBlock<SurveyResponse> => {
    const rows = fields.map((f, i) => ({ id: `r${i}`, accountId: 'acc-1', ...f }) as SurveyResponse);
    // Marked as its rows say (packing sets the mark from them).
    return markUnread({ accountId: 'acc-1', n: 3, ids: rows.map((r) => r.id), rows });
  });

test('a block comes back from its columns with every row as it was, fields it lacked still absent', () => {
  fc.assert(
    fc.property(blockArbitrary, (block) => {
      const stored = structuredClone(packBlock(block));
      expect(stored.rows).toBeUndefined();
      const back = unpackBlock(stored);
      expect(back).toStrictEqual(block);
      back.rows.forEach((row, i) => expect(Object.keys(row).sort()).toEqual(Object.keys(block.rows[i]!).sort()));
    }),
  );
});

test('columns survive the rescue export’s JSON: numbers are the same numbers, and a field a row lacked is still absent', () => {
  fc.assert(
    fc.property(blockArbitrary, (block) => {
      const finite = { ...block, rows: block.rows.map((row) => ({ ...row, updatedAt: Number.isFinite(row.updatedAt) && !Object.is(row.updatedAt, -0) ? row.updatedAt : 0 })) };
      expect(unpackBlock(JSON.parse(JSON.stringify(packBlock(finite))) as StoredBlock<SurveyResponse>)).toStrictEqual(finite);
    }),
  );
});

test('a value every row shares is kept once; empty lists and a row’s account and id are not kept per row', () => {
  const rows = [0, 1, 2].map((i): SurveyResponse => ({ id: `r${i}`, accountId: 'acc-1', score: i, respondedAt: T + i, survey: 'Q3', tags: [], excluded: false, updatedAt: T }));
  const stored = packBlock({ accountId: 'acc-1', n: 0, ids: rows.map((r) => r.id), rows });
  expect(stored.columns).toEqual({ score: [0, 1, 2], respondedAt: [T, T + 1, T + 2], survey: { same: 'Q3' }, tags: { emptyList: true }, excluded: { same: false }, updatedAt: { same: T } });
  // Each row gets a list of its own.
  const back = unpackBlock(stored);
  back.rows[0]!.tags.push('x');
  expect(back.rows[1]!.tags).toEqual([]);
});

test('a block stored as row objects (before columns) is read as it is', () => {
  const rows = [{ id: 'r0', accountId: 'acc-1', score: 9, respondedAt: T, tags: [], excluded: false, updatedAt: T }] satisfies SurveyResponse[];
  const legacy: StoredBlock<SurveyResponse> = { accountId: 'acc-1', n: 0, ids: ['r0'], rows, importId: 'imp-1' };
  expect(unpackBlock(legacy)).toBe(legacy);
});

test('a block with no rows stays one', () => {
  const empty: RowBlock<SurveyResponse> = { accountId: 'acc-1', n: 0, ids: [], rows: [] };
  expect(unpackBlock(packBlock(empty))).toStrictEqual(empty);
});

test('a field with few distinct values is kept as a dictionary: each value once, one character a row', () => {
  const roles = ['Admin', 'Admin', 'End user', undefined];
  const tags = [['vip'], [], ['vip'], []];
  const rows = roles.map((role, i): SurveyResponse => ({ id: `r${i}`, accountId: 'acc-1', score: 9, respondedAt: T + i, ...(role ? { respondentRole: role } : {}), tags: tags[i]!, excluded: false, updatedAt: T }));
  const stored = packBlock({ accountId: 'acc-1', n: 0, ids: rows.map((r) => r.id), rows });
  expect(stored.columns?.respondentRole).toEqual({ words: ['Admin', 'End user'], codes: '\u0001\u0001\u0002\u0000' });
  expect(stored.columns?.tags).toEqual({ words: [['vip'], []], codes: '\u0001\u0002\u0001\u0002' });
  const back = unpackBlock(structuredClone(stored));
  expect(back.rows).toStrictEqual(rows);
  expect('respondentRole' in back.rows[3]!).toBe(false);
  back.rows[0]!.tags.push('x');
  expect(back.rows[2]!.tags).toEqual(['vip']);
});
