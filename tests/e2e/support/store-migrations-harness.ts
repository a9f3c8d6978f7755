/**
 * Bundled into a plain page (see browser-bundle.ts) by tests/e2e/store-migrations.spec.ts: the store's
 * real migrations, run against the browser's own IndexedDB.
 */
export { checkMigrations } from '../../../lib/store/migration-check';
export { DB_VERSION } from '../../../lib/store/db';

