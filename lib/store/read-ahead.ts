/**
 * Pages of a store read in key order for a caller that works on each one: the next page is asked for
 * before the current one is handed over, so that it is read while the caller works. Read one after the
 * other, a build of the search index over 50,000 accounts (200 pages) left the worker's thread idle for
 * about half of the two seconds it took.
 */
export async function* pagesReadAhead<T>(read: (after: string | null) => Promise<T[]>, keyOf: (item: T) => string, count: number): AsyncGenerator<T[]> {
  const ahead = (after: string | null) => {
    const reading = read(after);
    // A read asked ahead and then not awaited (the caller stopped early) fails unheard, not unhandled.
    reading.catch(() => undefined);
    return reading;
  };
  let next = ahead(null);
  for (;;) {
    const page = await next;
    const full = page.length === count;
    if (full) next = ahead(keyOf(page[page.length - 1]!));
    if (page.length > 0) yield page;
    if (!full) return;
  }
}
