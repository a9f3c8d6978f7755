/**
 * A value worked out on first use and kept for every caller after (callers meanwhile share the one
 * computation), until `drop` (the data it came from changed). A computation that failed is not kept:
 * the next call starts another.
 */
export interface Kept<T> {
  get(): Promise<T>;
  drop(): void;
}

export function kept<T>(compute: () => Promise<T>): Kept<T> {
  let value: Promise<T> | undefined;
  return {
    get() {
      if (value) return value;
      const computing = compute();
      value = computing;
      computing.catch(() => {
        if (value === computing) value = undefined;
      });
      return computing;
    },
    drop() {
      value = undefined;
    },
  };
}
