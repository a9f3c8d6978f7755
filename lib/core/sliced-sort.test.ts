import { sortInSlices } from './sliced-sort';

const byKey = (a: [number, number], b: [number, number]) => a[0] - b[0];

test('sorts as Array.prototype.sort does, stable, at every size around its runs', async () => {
  for (const n of [0, 1, 5, 4095, 4096, 4097, 8192, 10_000, 33_333]) {
    // Many equal keys: the second field tells whether equal items kept their order.
    const items = Array.from({ length: n }, (_, i): [number, number] => [(i * 7919) % 97, i]);
    const expected = [...items].sort(byKey);
    let pauses = 0;
    const sorted = await sortInSlices(items, byKey, () => (pauses++, undefined));
    expect(sorted).toBe(items);
    expect(sorted).toEqual(expected);
    if (n > 4096) expect(pauses).toBeGreaterThan(n / 4096);
  }
});

test('hands the thread back while it merges', async () => {
  const items = Array.from({ length: 20_000 }, (_, i) => (i * 7919) % 20_000);
  const order: string[] = [];
  let handedBack = 0;
  const sorting = sortInSlices(items, (a, b) => a - b, () => (++handedBack % 5 === 0 ? Promise.resolve().then(() => void order.push('pause')) : undefined));
  order.push('started');
  await sorting;
  expect(order[0]).toBe('started');
  expect(order.filter((x) => x === 'pause').length).toBeGreaterThan(3);
  expect(items).toEqual(Array.from({ length: 20_000 }, (_, i) => i));
});
