/**
 * The background's record of what went wrong: the last entries of the logger (`lib/core/log.ts`),
 * kept in `storage.local` so they outlive the service worker, and shown on the options page's
 * diagnostics section (copyable for a support ticket; the logger keeps customer data out of them).
 */
import type { LogEntry, LogSink } from '../core/log';

export const DIAGNOSTICS_KEY = 'diagnostics.log';
/** How many entries are kept (the oldest go first). */
export const MAX_DIAGNOSTICS = 100;
/** Entries are written together, at most this often. */
const WRITE_DELAY_MS = 500;

export interface DiagnosticsStorage {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

function isEntry(value: unknown): value is LogEntry {
  const entry = value as Partial<LogEntry> | null;
  return typeof entry?.at === 'number' && typeof entry.area === 'string' && typeof entry.message === 'string' && typeof entry.level === 'string';
}

export interface Diagnostics {
  /** The logger's sink in the background. */
  sink: LogSink;
  /** Newest first. */
  list(): Promise<LogEntry[]>;
  clear(): Promise<void>;
  /** Writes what is waiting now (tests, and before the worker may stop). */
  flush(): Promise<void>;
}

export function createDiagnostics(storage: DiagnosticsStorage, delayMs = WRITE_DELAY_MS): Diagnostics {
  let pending: LogEntry[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();

  const stored = async (): Promise<LogEntry[]> => {
    const value = (await storage.get(DIAGNOSTICS_KEY))[DIAGNOSTICS_KEY];
    return Array.isArray(value) ? value.filter(isEntry) : [];
  };

  const flush = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length === 0) return writing;
    writing = writing
      .then(async () => {
        const kept = [...(await stored()), ...batch].slice(-MAX_DIAGNOSTICS);
        await storage.set({ [DIAGNOSTICS_KEY]: kept });
      })
      // Recording must never fail the work it records; the console still has the entry.
      .catch((error: unknown) => console.error('[diagnostics] could not record', error));
    return writing;
  };

  return {
    sink(entry) {
      pending.push(entry);
      const line = `[${entry.area}] ${entry.message}${entry.code ? ` (${entry.code})` : ''}`;
      if (entry.level === 'error') console.error(line);
      else if (entry.level === 'warn') console.warn(line);
      timer ??= setTimeout(() => void flush(), delayMs);
    },
    async list() {
      await flush();
      return [...(await stored()), ...pending].reverse();
    },
    async clear() {
      pending = [];
      await flush();
      await storage.remove(DIAGNOSTICS_KEY);
    },
    flush,
  };
}
