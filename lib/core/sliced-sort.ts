/**
 * A sort that hands the thread back between slices (`pause`, from `slicer()` in `yield.ts`): runs of a
 * few thousand items are sorted natively, then merged pairwise. Sorting the search index's 150,000 keys
 * at once held the background's thread for about 200 ms.
 */
const RUN = 4096;
/** Items merged between two calls of `pause`. */
const MERGE_STEP = 2048;

/** Sorts `items` in place (stable, like `Array.prototype.sort`) and resolves to it. */
export async function sortInSlices<T>(items: T[], compare: (a: T, b: T) => number, pause: () => Promise<void> | undefined): Promise<T[]> {
  const n = items.length;
  if (n <= RUN) return items.sort(compare);
  for (let start = 0; start < n; start += RUN) {
    const run = items.slice(start, start + RUN).sort(compare);
    for (let i = 0; i < run.length; i++) items[start + i] = run[i]!;
    await pause();
  }
  let from = items;
  let to: T[] = new Array<T>(n);
  for (let width = RUN; width < n; width *= 2) {
    for (let left = 0; left < n; left += 2 * width) {
      const mid = Math.min(left + width, n);
      const end = Math.min(left + 2 * width, n);
      let i = left;
      let j = mid;
      let k = left;
      while (k < end) {
        const stop = Math.min(end, k + MERGE_STEP);
        for (; k < stop; k++) to[k] = i < mid && (j >= end || compare(from[j]!, from[i]!) >= 0) ? from[i++]! : from[j++]!;
        await pause();
      }
    }
    [from, to] = [to, from];
  }
  if (from !== items) for (let i = 0; i < n; i++) items[i] = from[i]!;
  return items;
}
