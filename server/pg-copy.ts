/**
 * Loading a file into Postgres at scale. A batch's new rows (the load holds the batch lock, and rows
 * are never deleted, so a row not stored has no change-log entry either) are streamed with COPY straight
 * into their table and into the change log; rows already stored that changed are upserted set-wise.
 */
import type { Queryable } from './pg-change-log';
import { copyRows, copyText } from './pg-copy-stream';
import { ROW_TABLES, upsertRows, type RowKind, type RowWrite } from './pg-writes';

/** An upsert for `writeBatchIn` that appends new rows with COPY. */
export function createCopyUpsert(c: Queryable): (kind: RowKind, writes: readonly RowWrite[]) => Promise<void> {
  return async (kind, writes) => {
    const { table, at } = ROW_TABLES[kind];
    await upsertRows(c, kind, writes.filter((w) => !w.isNew));
    const added = writes.filter((w) => w.isNew);
    await copyRows(c, `COPY ${table} (id, account_id, ${at}, data, updated_at) FROM STDIN`, added,
      (w) => `${copyText(w.id)}\t${copyText(w.accountId)}\t${w.at}\t${copyText(w.data)}\t${w.updatedAt}\n`);
    await copyRows(c, 'COPY change_log (kind, row_id, updated_at) FROM STDIN', added, (w) => `${kind}\t${copyText(w.id)}\t${w.updatedAt}\n`);
  };
}
