import { kept } from './kept';

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
