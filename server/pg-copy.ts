/**
 * Loading a file into Postgres at scale: each batch's changed rows are streamed with COPY into a
 * staging table of the file's transaction, then merged into their table in one statement.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ROW_TABLES, logChanges, type RowKind, type RowWrite } from './pg-writes';

/** COPY's text format: backslash, tab, newline and carriage return escaped. */
function copyField(value: string | number): string {
  return String(value).replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'));
}

/** An upsert for `writeBatchIn` that streams rows with COPY; the staging table lives until the transaction ends. */
export async function createCopyUpsert(client: PoolClient): Promise<(kind: RowKind, writes: readonly RowWrite[]) => Promise<void>> {
  await client.query(
    'CREATE TEMP TABLE load_stage (id text, account_id text, at bigint, data text, updated_at bigint) ON COMMIT DROP',
  );
  return async (kind, writes) => {
    if (writes.length === 0) return;
    const { table, at } = ROW_TABLES[kind];
    await client.query('TRUNCATE load_stage');
    const lines = (function* () {
      for (const w of writes) yield `${[w.id, w.accountId, w.at, w.data, w.updatedAt].map(copyField).join('\t')}\n`;
    })();
    await pipeline(Readable.from(lines), client.query(copyFrom('COPY load_stage (id, account_id, at, data, updated_at) FROM STDIN')));
    await client.query(
      `INSERT INTO ${table} (id, account_id, ${at}, data, updated_at) SELECT id, account_id, at, data, updated_at FROM load_stage
       ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, ${at} = excluded.${at}, data = excluded.data, updated_at = excluded.updated_at`,
    );
    await logChanges(client, kind, writes.map((w) => w.id), writes.map((w) => w.updatedAt));
  };
}
