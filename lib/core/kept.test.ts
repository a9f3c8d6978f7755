import { kept, keptWhileRecomputed } from './kept';

test('computed once for every caller until dropped; a failed computation is made again', async () => {
  let runs = 0;
  let fail = true;
  const value = kept(async () => {
    runs++;
    if (fail) throw new Error('not now');
    return runs;
  });
  await expect(value.get()).rejects.toThrow('not now');
  fail = false;
  const [a, b] = await Promise.all([value.get(), value.get()]);
  expect([a, b, await value.get()]).toEqual([2, 2, 2]);
  value.drop();
  expect(await value.get()).toBe(3);
  expect(runs).toBe(3);
});

/** A computation the test ends by hand. */
function computations() {
  const waiting: Array<{ resolve: (v: number) => void; reject: (e: Error) => void }> = [];
  const compute = () => new Promise<number>((resolve, reject) => waiting.push({ resolve, reject }));
  return { compute, waiting };
}

describe('keptWhileRecomputed', () => {
  test('current: the value only while it is up to date and nothing is being computed', async () => {
    const { compute, waiting } = computations();
    const value = keptWhileRecomputed(compute);
    expect(value.current()).toBeUndefined();
    const first = value.get();
    expect(value.current()).toBeUndefined();
    waiting[0]!.resolve(1);
    await first;
    expect(value.current()).toBe(1);
    value.drop();
    expect(value.current()).toBeUndefined();
    await value.get();
    expect(value.current()).toBeUndefined();
    waiting[1]!.resolve(2);
    await vi.waitFor(() => expect(value.current()).toBe(2));
  });

  test('after a drop the last value answers at once while one new computation runs; then the new value, and a word to who was answered', async () => {
    const { compute, waiting } = computations();
    const recomputed = vi.fn();
    const value = keptWhileRecomputed(compute, { recomputed });
    const first = value.get();
    expect(waiting).toHaveLength(1);
    waiting[0]!.resolve(1);
    expect(await first).toBe(1);
    expect(value.stale()).toBe(false);

    value.drop();
    expect(value.stale()).toBe(true);
    expect(await value.get()).toBe(1);
    expect(await value.get()).toBe(1);
    expect(waiting).toHaveLength(2);
    expect(recomputed).not.toHaveBeenCalled();
    waiting[1]!.resolve(2);
    await vi.waitFor(() => expect(recomputed).toHaveBeenCalledTimes(1));
    expect(await value.get()).toBe(2);
    expect(value.stale()).toBe(false);
    expect(waiting).toHaveLength(2);
  });

  test('nobody answered out of date: no word when the new value lands', async () => {
    const { compute, waiting } = computations();
    const recomputed = vi.fn();
    const value = keptWhileRecomputed(compute, { recomputed });
    const first = value.get();
    value.drop();
    waiting[0]!.resolve(1);
    expect(await first).toBe(1);
    expect(recomputed).not.toHaveBeenCalled();
  });

  test('a drop during a computation makes the next get start another after it', async () => {
    const { compute, waiting } = computations();
    const value = keptWhileRecomputed(compute);
    const first = value.get();
    waiting[0]!.resolve(1);
    await first;
    value.drop();
    await value.get();
    value.drop();
    await value.get();
    expect(waiting).toHaveLength(2);
    waiting[1]!.resolve(2);
    await vi.waitFor(async () => expect(await value.get()).toBe(2));
    expect(value.stale()).toBe(true);
    expect(waiting).toHaveLength(3);
    waiting[2]!.resolve(3);
    await vi.waitFor(async () => expect(await value.get()).toBe(3));
    expect(value.stale()).toBe(false);
  });

  test('a value that cannot stand in is waited for', async () => {
    const { compute, waiting } = computations();
    const value = keptWhileRecomputed(compute, { answersStale: (n) => n > 0 });
    const first = value.get();
    waiting[0]!.resolve(0);
    expect(await first).toBe(0);
    value.drop();
    const next = value.get();
    expect(waiting).toHaveLength(2);
    waiting[1]!.resolve(5);
    expect(await next).toBe(5);
  });

  test('waits: whether a get now would wait (no value yet, or one that cannot stand in), not when an old value answers', async () => {
    const { compute, waiting } = computations();
    const value = keptWhileRecomputed(compute, { answersStale: (n) => n > 0 });
    expect(value.waits()).toBe(true);
    const first = value.get();
    waiting[0]!.resolve(0);
    await first;
    expect(value.waits()).toBe(false);
    value.drop();
    expect(value.waits()).toBe(true);
    const next = value.get();
    waiting[1]!.resolve(5);
    await next;
    value.drop();
    expect(value.waits()).toBe(false);
  });

  test('a failed computation nobody waited for is reported, the last value still answers, and the next get tries again', async () => {
    const { compute, waiting } = computations();
    const failed = vi.fn();
    const value = keptWhileRecomputed(compute, { failed });
    const first = value.get();
    waiting[0]!.resolve(1);
    await first;
    value.drop();
    expect(await value.get()).toBe(1);
    waiting[1]!.reject(new Error('disk'));
    await vi.waitFor(() => expect(failed).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk' })));
    expect(await value.get()).toBe(1);
    expect(waiting).toHaveLength(3);
  });

  test('a first computation that failed is the caller\'s error, and the next get tries again', async () => {
    const { compute, waiting } = computations();
    const value = keptWhileRecomputed(compute);
    const first = value.get();
    waiting[0]!.reject(new Error('closed'));
    await expect(first).rejects.toThrow('closed');
    const second = value.get();
    waiting[1]!.resolve(7);
    expect(await second).toBe(7);
  });
});
