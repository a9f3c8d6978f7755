/**
 * Every account's records in pages, for passes over the whole store (what needs attention). A page is
 * the next `count` accounts in id order and everything of theirs, read with one range request per object
 * store: an account's blocks are keyed [account id, n] and its actions indexed by account id, so the
 * blocks of a run of consecutive accounts are one contiguous key range. Reading the same accounts one
 * by one takes four requests each, a thousand for 250 accounts, and issuing them held the worker's
 * thread for 100–180 ms a page.
 */
import type { AccountRecords, Action } from '../model';
import { rowsOfBlocks } from './blocks';
import { plainAccount } from './account-merge';
import type { NpsDatabase } from './db';
import { liveBlocks } from './staged-blocks';
import { unpackBlocks } from './block-columns';

/** One page: the accounts' records in id order, and the id to read on from (null after the last account). */
export interface AccountRecordsPage {
  records: AccountRecords[];
  next: string | null;
}

function byAccount<T extends { accountId: string }>(items: readonly T[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const list = map.get(item.accountId);
    if (list) list.push(item);
    else map.set(item.accountId, [item]);
  }
  return map;
}

/** The `count` accounts after `after` (from the first when null) with their responses, actions and sends. */
export async function accountRecordsPage(db: NpsDatabase, after: string | null, count: number): Promise<AccountRecordsPage> {
  const tx = db.transaction(['accounts', 'responseBlocks', 'actions', 'sendBlocks', 'imports'], 'readonly');
  const accounts = await tx.objectStore('accounts').getAll(after === null ? undefined : IDBKeyRange.lowerBound(after, true), count);
  if (accounts.length === 0) {
    await tx.done;
    return { records: [], next: null };
  }
  const first = accounts[0]!.id;
  const last = accounts[accounts.length - 1]!.id;
  const blocks = IDBKeyRange.bound([first], [last, []]);
  const imports = tx.objectStore('imports');
  const [responseBlocks, actions, sendBlocks] = await Promise.all([
    tx.objectStore('responseBlocks').getAll(blocks).then(async (found) => unpackBlocks(await liveBlocks(found, imports))),
    tx.objectStore('actions').index('byAccount').getAll(IDBKeyRange.bound(first, last)),
    tx.objectStore('sendBlocks').getAll(blocks).then(async (found) => unpackBlocks(await liveBlocks(found, imports))),
  ]);
  await tx.done;
  const responsesOf = byAccount(responseBlocks);
  const actionsOf = byAccount<Action>(actions);
  const sendsOf = byAccount(sendBlocks);
  const records = accounts.map((account): AccountRecords => ({
    account: plainAccount(account),
    responses: rowsOfBlocks(responsesOf.get(account.id) ?? []),
    actions: actionsOf.get(account.id) ?? [],
    sends: rowsOfBlocks(sendsOf.get(account.id) ?? []),
  }));
  return { records, next: accounts.length === count ? last : null };
}
