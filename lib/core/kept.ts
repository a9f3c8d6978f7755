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

/** A kept value that goes on answering, a little out of date, while its next value is worked out. */
export interface KeptWhileRecomputed<T> extends Kept<T> {
  /** True when the value `get` answers with was worked out before the last `drop`. */
  stale(): boolean;
  /**
   * The kept value if it is up to date and no computation is under way (one may have read the data
   * before a change its caller is about to patch in): a caller may then change it in place.
   */
  current(): T | undefined;
  /** True when `get` called now would wait for a computation (no value yet, or none that can stand in). */
  waits(): boolean;
}

/**
 * Like `kept`, but `drop` keeps the last value: `get` answers with it at once and starts the next
 * computation, which replaces it when done (one computation at a time; a drop meanwhile makes the next
 * `get` start another). The first computation is waited for, and so is the next one when `answersStale`
 * says the kept value cannot stand in (an empty index, say). `recomputed` hears when a newer value
 * replaced one that was answered out of date, so whoever was answered can ask again; `failed` hears of a
 * computation nobody waited for that failed.
 */
export function keptWhileRecomputed<T>(
  compute: () => Promise<T>,
  hooks: { recomputed?: () => void; failed?: (error: unknown) => void; answersStale?: (value: T) => boolean } = {},
): KeptWhileRecomputed<T> {
  let last: { value: T; generation: number } | undefined;
  let computing: Promise<T> | undefined;
  let generation = 0;
  let answeredStale = false;

  const start = (): Promise<T> => {
    if (computing) return computing;
    const since = generation;
    const run = compute().then(
      (value) => {
        computing = undefined;
        last = { value, generation: since };
        if (answeredStale) {
          answeredStale = false;
          hooks.recomputed?.();
        }
        return value;
      },
      (error: unknown) => {
        computing = undefined;
        throw error;
      },
    );
    computing = run;
    return run;
  };

  return {
    get() {
      if (!last) return start();
      if (last.generation !== generation) {
        if (hooks.answersStale && !hooks.answersStale(last.value)) return start();
        answeredStale = true;
        start().catch((error: unknown) => hooks.failed?.(error));
      }
      return Promise.resolve(last.value);
    },
    drop() {
      generation++;
    },
    stale: () => !!last && last.generation !== generation,
    current: () => (last && last.generation === generation && !computing ? last.value : undefined),
    waits: () => !last || (last.generation !== generation && !!hooks.answersStale && !hooks.answersStale(last.value)),
  };
}
