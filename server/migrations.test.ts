/**
 * Migrations on both backends: two servers opening one empty Postgres database together migrate it
 * once; an SQLite file of the first schema version is brought up to date and keeps its rows.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStorage } from './open-storage';
import { PG_SCHEMA_VERSION } from './pg-schema';
import { PostgresStorage } from './pg-storage';
import { SCHEMA_VERSION, SQLITE_MIGRATIONS } from './schema';
import { freshPostgresDatabase, postgresSkipReason } from './testing/backends';

const skip = postgresSkipReason();

describe('migrations', () => {
  it.skipIf(!!skip)(`run once when two Postgres instances start together${skip ? ` (skipped: ${skip})` : ''}`, async () => {
    const db = await freshPostgresDatabase();
    const [first, second] = (await Promise.all([openStorage({ db }), openStorage({ db })])) as PostgresStorage[];
    try {
      await Promise.all([first!.ready(), second!.ready()]);
      const { rows } = await first!.pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1));
    } finally {
      await Promise.all([first!.close(), second!.close()]);
    }
  });

  it('bring an SQLite file of version 1 up to date, keeping what it holds', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nps-migrate-'));
    try {
      const path = join(dir, 'old.db');
      const old = new Database(path);
      old.exec(SQLITE_MIGRATIONS[0]!);
      old.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', '1')").run();
      old.prepare("INSERT INTO accounts (id, name, name_key, data, updated_at, seq) VALUES ('acc-1', 'Acme', 'acme', '{}', 1, 1)").run();
      old.close();
      const storage = await openStorage({ db: path });
      try {
        expect((await storage.counts()).accounts).toBe(1);
        expect(await storage.tokens.list()).toEqual([]);
      } finally {
        await storage.close();
      }
      const reopened = new Database(path);
      expect(reopened.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get()).toEqual({ value: String(SCHEMA_VERSION) });
      reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
