import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FirstRows } from './first-rows';

describe('FirstRows', () => {
  it('answers the first row of an id seen before, and remembers a new one', () => {
    const rows = new FirstRows();
    expect(rows.firstRow('r1', 2)).toBeUndefined();
    expect(rows.firstRow('r2', 3)).toBeUndefined();
    expect(rows.firstRow('r1', 4)).toBe(2);
    // The first row stays the answer, however often the id comes back.
    expect(rows.firstRow('r1', 5)).toBe(2);
    expect(rows.size).toBe(2);
  });

  it('tells apart ids of one length and prefix, the empty id, and any characters', () => {
    const rows = new FirstRows();
    const ids = ['', 'a', 'ab', 'ba', 'Ab', 'a\u0000', '\u0000a', 'réponse', 'ответ', '回答', '😀', '\uD83D', 'x'.repeat(5_000)];
    ids.forEach((id, i) => expect(rows.firstRow(id, i + 2)).toBeUndefined());
    ids.forEach((id, i) => expect(rows.firstRow(id, 100)).toBe(i + 2));
  });

  it('keeps every id through growth (a hundred thousand ids, each asked twice)', () => {
    const rows = new FirstRows();
    const n = 100_000;
    for (let i = 0; i < n; i++) expect(rows.firstRow(`bulk-${i}`, i + 2)).toBeUndefined();
    let wrong = 0;
    for (let i = 0; i < n; i++) if (rows.firstRow(`bulk-${i}`, 0) !== i + 2) wrong++;
    expect(wrong).toBe(0);
    expect(rows.firstRow('bulk-100000', 1)).toBeUndefined();
    expect(rows.size).toBe(n + 1);
  });

  it('agrees with a Map on any sequence of ids', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 6, unit: 'binary' }), { maxLength: 400 }), (ids) => {
        const rows = new FirstRows();
        const map = new Map<string, number>();
        ids.forEach((id, row) => {
          const expected = map.get(id);
          if (expected === undefined) map.set(id, row);
          expect(rows.firstRow(id, row)).toBe(expected);
        });
        expect(rows.size).toBe(map.size);
      }),
    );
  });
});
