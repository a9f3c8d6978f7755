/**
 * The changes feed's log on Postgres: each row's one `change_log` entry, moved by every write that
 * changes the row to the writing transaction (`pg-schema.ts` says how readers page it safely).
 */
import type { PoolClient } from 'pg';
import type { Kind } from './sql';

export type Queryable = Pick<PoolClient, 'query'>;

/** Moves the change-log entries of these rows to this transaction (and the next seq). */
export async function logChanges(c: Queryable, kind: Kind, ids: readonly string[], updatedAts: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  await c.query(
    `INSERT INTO change_log (kind, row_id, updated_at) SELECT $1, * FROM unnest($2::text[], $3::bigint[])
     ON CONFLICT (kind, row_id) DO UPDATE SET xid = pg_current_xact_id(), seq = nextval('change_seq'), updated_at = excluded.updated_at`,
    [kind, ids, updatedAts],
  );
}
