import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { DB_NAME, DB_VERSION, MIGRATIONS } from './db';
import { checkMigrations } from './migration-check';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

type Migration = (typeof MIGRATIONS)[number];

/** Opens as the extension does, but with `migrations` in place of the real ones. */
function openWith(migrations: Migration[]) {
  return (name: string) =>
    openDB(name, DB_VERSION, {
      async upgrade(db, oldVersion, _newVersion, tx) {
        for (let v = oldVersion; v < DB_VERSION; v++) await migrations[v]!(db as never, tx as never);
      },
    });
}

test('every older version, with data in it, upgrades to the current one intact', async () => {
  const results = await checkMigrations();
  expect(results.map((r) => r.from)).toEqual(Array.from({ length: DB_VERSION - 1 }, (_, i) => i + 1));
  for (const result of results) expect(result.problems, `from version ${result.from}`).toEqual([]);
  // Nothing is left behind (the extension's own database included: it is never opened).
  expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(DB_NAME);
  expect(await indexedDB.databases()).toEqual([]);
});

test('the check sees a migration that loses records', async () => {
  const lossy: Migration[] = MIGRATIONS.map((migrate, v) =>
    v === DB_VERSION - 1 ? async (db, tx) => { await migrate(db, tx); await tx.objectStore('responseBlocks').clear(); } : migrate,
  );
  const results = await checkMigrations({ open: openWith(lossy) as never });
  expect(results.at(-1)?.problems.join('\n')).toMatch(/response r1: is gone/);
});

test('the check sees an upgraded schema that differs from a fresh one', async () => {
  const forgetful: Migration[] = MIGRATIONS.map((migrate, v) =>
    v === DB_VERSION - 1
      ? async (db, tx) => {
          await migrate(db, tx);
          const responses = tx.objectStore('responseBlocks');
          responses.deleteIndex('byId');
        }
      : migrate,
  );
  const results = await checkMigrations({ open: openWith(forgetful) as never });
  expect(results.at(-1)?.problems.join('\n')).toMatch(/schema differs/);
});
