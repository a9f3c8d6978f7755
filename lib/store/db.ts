/**
 * Opens the extension's database at the current version, running the migrations it needs. The
 * background service worker is the only code that opens it (`docs/architecture.md`): one writer, one
 * schema (`schema.ts`), migrations in one place (`migrations.ts`). The one exception reads only, at
 * whatever version is stored: the rescue export (`rescue.ts`).
 */
import { openDB } from 'idb';
import { wordedError, words } from '../i18n/words';
import { MIGRATIONS } from './migrations';
import { DB_NAME, DB_VERSION, type NpsDatabase, type NpsDB } from './schema';

export * from './schema';
export { MIGRATIONS } from './migrations';

export async function openNpsDatabase(name = DB_NAME, version = DB_VERSION): Promise<NpsDatabase> {
  let failure: { step: number; error: unknown } | undefined;
  try {
    return await openDB<NpsDB>(name, version, {
      // idb does not wait for this callback: a migration that failed would let the upgrade commit half
      // done, at the new version. So the failure is caught here and the upgrade aborted: the database
      // stays at its old version with every record, and the open fails with the migration's error.
      async upgrade(db, oldVersion, newVersion, tx) {
        let v = oldVersion;
        try {
          for (; v < (newVersion ?? version); v++) {
            const migrate = MIGRATIONS[v];
            if (!migrate) throw new Error(`No migration from database version ${v}`);
            await migrate(db, tx);
          }
        } catch (error) {
          failure = { step: v, error };
          tx.done.catch(() => undefined); // its abort is this failure, reported below
          try {
            tx.abort();
          } catch {
            // The transaction had already ended (a migration awaited something that is not IndexedDB).
          }
        }
      },
      blocking() {
        // A newer version of the extension wants to upgrade: let it.
      },
    });
  } catch (error) {
    if (!failure) throw error;
    const cause = failure.error instanceof Error ? failure.error.message : String(failure.error);
    throw wordedError('internal', words('error.upgradeFailed', { from: failure.step, to: failure.step + 1, cause }), {}, { cause: failure.error });
  }
}
