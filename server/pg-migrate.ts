/**
 * Brings a Postgres database to `PG_SCHEMA_VERSION` at start. Two servers starting together take turns
 * on a session advisory lock: the second finds the migrations done. Each migration runs in its own
 * transaction with its version row, so a failed one leaves the database at the version before it.
 */
import type { Pool } from 'pg';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './pg-schema';

/** The advisory lock key migrations take (any constant no other code of this server uses). */
const MIGRATION_LOCK = 7_301_017;

export async function migratePostgres(pool: Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      const version = await schemaVersion(pool);
      if (version > PG_SCHEMA_VERSION) {
        throw new Error(`The database has schema version ${version}; this server reads up to version ${PG_SCHEMA_VERSION}.`);
      }
      for (let next = version; next < PG_SCHEMA_VERSION; next++) {
        await client.query('BEGIN');
        try {
          await client.query(PG_MIGRATIONS[next]!);
          await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [next + 1]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** The version the database's migrations reached (0 before any). */
export async function schemaVersion(pool: Pool): Promise<number> {
  const exists = await pool.query<{ found: string | null }>("SELECT to_regclass('schema_migrations')::text AS found");
  if (!exists.rows[0]?.found) return 0;
  const { rows } = await pool.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_migrations');
  return Number(rows[0]?.version ?? 0);
}

/** Throws unless the database answers and has every migration this server knows. */
export async function checkReady(pool: Pool): Promise<void> {
  const version = await schemaVersion(pool);
  if (version < PG_SCHEMA_VERSION) throw new Error(`migrations not done (version ${version} of ${PG_SCHEMA_VERSION})`);
}
