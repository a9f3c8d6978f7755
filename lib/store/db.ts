/**
 * Opens the extension's database at the current version, running the migrations it needs. The
 * background service worker is the only code that opens it (`docs/architecture.md`): one writer, one
 * schema (`schema.ts`), migrations in one place (`migrations.ts`).
 */
import { openDB } from 'idb';
import { MIGRATIONS } from './migrations';
import { DB_NAME, DB_VERSION, type NpsDatabase, type NpsDB } from './schema';

export * from './schema';
export { MIGRATIONS } from './migrations';

export function openNpsDatabase(name = DB_NAME, version = DB_VERSION): Promise<NpsDatabase> {
  return openDB<NpsDB>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) {
        const migrate = MIGRATIONS[v];
        if (!migrate) throw new Error(`No migration from database version ${v}`);
        await migrate(db, tx);
      }
    },
    blocking() {
      // A newer version of the extension wants to upgrade: let it.
    },
  });
}
