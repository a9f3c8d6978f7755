/**
 * The rescue export: every record stored, as it is stored, at whatever version the database is, for the
 * day the store cannot be opened (a migration of a new version failed, say). It opens the database
 * without asking for a version, so nothing is upgraded or written, and closes at once if a newer
 * version wants it. The options page runs it itself, since the background cannot open the store then.
 *
 * The output is JSON lines: a first line `{"database","version","exportedAt"}`, then one
 * `{"store","key","value"}` per record, store by store in key order, a page of records at a time.
 */
import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME } from './schema';

/** Records read per transaction: a page of a block store is a few megabytes at most. */
const PAGE = 200;

export interface RescueProgress {
  store: string;
  records: number;
}

export interface RescueOptions {
  name?: string;
  signal?: AbortSignal;
  onProgress?(progress: RescueProgress): void;
}

/** Whether the database exists at all (opening one that does not would create it). */
async function exists(name: string): Promise<boolean> {
  return (await indexedDB.databases()).some((d) => d.name === name);
}

/**
 * Writes every stored record to `write` as JSON lines and returns how many each store held. Staged
 * rows of unfinished imports are left out: they were never part of the data.
 */
export async function rescueExport(write: (text: string) => void, options: RescueOptions = {}): Promise<Record<string, number>> {
  const name = options.name ?? DB_NAME;
  if (!(await exists(name))) throw new Error('Nothing is stored: there is no database to export.');
  const db: IDBPDatabase<unknown> = await openDB(name, undefined, {
    blocking: () => db.close(),
  });
  try {
    write(`${JSON.stringify({ database: name, version: db.version, exportedAt: new Date().toISOString() })}\n`);
    const counts: Record<string, number> = {};
    for (const store of [...db.objectStoreNames].filter((n) => n !== 'staging')) {
      counts[store] = 0;
      let after: IDBValidKey | undefined;
      for (;;) {
        options.signal?.throwIfAborted();
        const tx = db.transaction(store, 'readonly');
        const range = after === undefined ? undefined : IDBKeyRange.lowerBound(after, true);
        const [keys, values] = await Promise.all([tx.store.getAllKeys(range, PAGE), tx.store.getAll(range, PAGE)]);
        await tx.done;
        if (keys.length === 0) break;
        write(keys.map((key, i) => `${JSON.stringify({ store, key, value: values[i] })}\n`).join(''));
        counts[store] += keys.length;
        options.onProgress?.({ store, records: counts[store] });
        if (keys.length < PAGE) break;
        after = keys[keys.length - 1];
      }
    }
    return counts;
  } finally {
    db.close();
  }
}
