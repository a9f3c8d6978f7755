/**
 * Export in keyset pages, so an export of any size holds one page at a time. A position among the stored
 * responses is [block key, row offset], written as an opaque string.
 */
import type { Account, Action, SurveyResponse } from '../model';
import type { ExportRecords } from '../export/records';
import { unpackBlock, type StoredBlock } from './block-columns';
import type { NpsDatabase, StoredAccount } from './db';
import { plainAccount } from './account-merge';
import { liveBlocks } from './staged-blocks';

/** One page of an export (see `NpsStore.exportPage`): records of one kind, their accounts, where to go on. */
export type ExportPage = ExportRecords & { accounts: Account[]; next: string | null };

/**
 * Up to `limit` responses or actions after the position `after` (in key order: actions by id,
 * responses block by block, so by account), with their accounts, and the position to continue from
 * (null at the end; opaque to the caller). Each page is its own short read transaction.
 */
export async function exportPage(db: NpsDatabase, kind: ExportRecords['kind'], after: string | null, limit: number): Promise<ExportPage> {
  let records: Array<SurveyResponse | Action>;
  let next: string | null;
  const tx = db.transaction([kind === 'responses' ? 'responseBlocks' : 'actions', 'accounts', 'imports'], 'readonly');
  if (kind === 'responses') {
    const imports = tx.objectStore('imports');
    const isLive = async (block: StoredBlock<SurveyResponse>) => (await liveBlocks([block], imports)).length === 1;
    ({ records, next } = await responsesPage(tx.objectStore('responseBlocks'), after === null ? null : positionFrom(after), limit, isLive));
  } else {
    records = await tx.objectStore('actions').getAll(after === null ? undefined : IDBKeyRange.lowerBound(after, true), limit);
    next = records.length === limit ? records[records.length - 1]!.id : null;
  }
  const accountIds = [...new Set(records.map((r) => r.accountId))];
  const found = await Promise.all(accountIds.map((id) => tx.objectStore('accounts').get(id)));
  await tx.done;
  const accounts = found.filter((a): a is StoredAccount => !!a).map(plainAccount);
  return { ...({ kind, records } as ExportRecords), accounts, next };
}
// ---- end export ---------------------------------------------------------------------------------


type ExportPosition = [string, number, number];

async function responsesPage(
  blocks: { openCursor(range?: IDBKeyRange): Promise<{ value: StoredBlock<SurveyResponse>; continue(): Promise<unknown> } | null> },
  from: ExportPosition | null,
  limit: number,
  isLive: (block: StoredBlock<SurveyResponse>) => Promise<boolean>,
): Promise<{ records: SurveyResponse[]; next: string | null }> {
  const records: SurveyResponse[] = [];
  type Cursor = { value: StoredBlock<SurveyResponse>; continue(): Promise<Cursor | null> };
  let cursor = (await blocks.openCursor(from ? IDBKeyRange.lowerBound([from[0], from[1]]) : undefined)) as Cursor | null;
  for (; cursor; cursor = await cursor.continue()) {
    const block = cursor.value;
    // Rows of an import not committed yet are not exported (staged-blocks.ts).
    if (!(await isLive(block))) continue;
    const start = from && block.accountId === from[0] && block.n === from[1] ? from[2] : 0;
    const taken = unpackBlock(block).rows.slice(start, start + limit - records.length);
    records.push(...taken);
    if (records.length === limit) return { records, next: JSON.stringify([block.accountId, block.n, start + taken.length]) };
  }
  return { records, next: null };
}

function positionFrom(position: string): ExportPosition {
  let key: unknown;
  try {
    key = JSON.parse(position);
  } catch {
    key = null;
  }
  if (!Array.isArray(key) || key.length !== 3 || typeof key[0] !== 'string' || !Number.isInteger(key[1]) || !Number.isInteger(key[2])) {
    throw new Error(`Export: "after" is not a position this export gave (${position.slice(0, 80)})`);
  }
  return key as ExportPosition;
}
