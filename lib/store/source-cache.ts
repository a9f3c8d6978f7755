/**
 * What an HTTP data source brought: its rows (authoritative: they replace what is stored under the same
 * ids, where an import's are merged), the sync's position, when each account was fetched, and lookups.
 */
import type { IDBPTransaction, StoreNames } from 'idb';
import type { Account, AccountRecords, Action, SurveyResponse, SurveySend } from '../model';
import { normaliseAccountName } from '../model/names';
import { workEmailDomain } from '../model/mail';
import { accountBlockRange } from './blocks';
import { BlockWriter } from './block-writer';
import { respondentOf, type FetchMeta, type LookupRecord, type NpsDatabase, type NpsDB, type Respondent, type StoredAccount, type SyncState } from './db';
import { putPeople } from './people';
import { livenessOf, pendingImportIds } from './staged-blocks';
import { bulk, failedWrite, quietly } from './tx-helpers';

export function getSyncState(db: NpsDatabase, sourceKey: string): Promise<SyncState | undefined> {
  return db.get('syncState', sourceKey);
}

export async function putSyncState(db: NpsDatabase, state: SyncState): Promise<void> {
  await db.put('syncState', state);
}

/**
 * Stores one page of changes and the sync position after it in one transaction: a worker stopped at
 * any moment leaves the store before or after the page, never between, so a resumed sync neither
 * repeats nor skips a page. Actions with writes waiting in the outbox keep the user's version (the
 * outbox's delivery finds the difference and shows it as a conflict).
 */
export async function applyChangesPage(db: NpsDatabase, rows: SourceRows, next: SyncState): Promise<Set<string>> {
  const tx = db.transaction([...SOURCE_ROW_STORES, 'outbox', 'syncState'], 'readwrite');
  try {
    const touched = await putSourceRows(tx, rows, await pendingActionIds(tx));
    await tx.objectStore('syncState').put(next);
    await tx.done;
    return touched;
  } catch (error) {
    throw await failedWrite(tx, error);
  }
}

/**
 * Replaces what is stored for one account with the source's complete context (responses, actions and
 * sends the source no longer has are removed), and records when it was fetched. Resolves with the
 * accounts whose records changed (this one, and any a row was moved from).
 */
export async function applyAccountContext(db: NpsDatabase, records: AccountRecords, meta: FetchMeta): Promise<Set<string>> {
  const tx = db.transaction([...SOURCE_ROW_STORES, 'outbox', 'fetchMeta'], 'readwrite');
  try {
    const pending = await pendingActionIds(tx);
    const accountId = records.account.id;
    const keepActions = new Set(records.actions.map((a) => a.id));
    for (const key of await tx.objectStore('actions').index('byAccount').getAllKeys(accountId)) {
      if (!keepActions.has(key) && !pending.has(key)) quietly(tx.objectStore('actions').delete(key));
    }
    // The account's responses and sends are the source's now: its blocks go, and the context is
    // written afresh. Only ids the account did not hold can be stored elsewhere (and are looked up).
    // Staged blocks of an import not committed yet stay: they are the import's, not the account's yet.
    const isLive = livenessOf(await pendingImportIds(tx.objectStore('imports')));
    const own = async (name: 'responseBlocks' | 'sendBlocks') => {
      const blocks = (await tx.objectStore(name).getAll(accountBlockRange(accountId))).filter(isLive);
      for (const block of blocks) quietly(tx.objectStore(name).delete([block.accountId, block.n]));
      return new Set(blocks.flatMap((block) => block.ids));
    };
    const [ownResponses, ownSends] = await Promise.all([own('responseBlocks'), own('sendBlocks')]);
    const touched = await putSourceRows(tx, { accounts: [records.account], responses: records.responses, actions: records.actions, sends: records.sends }, pending, {
      responses: (id) => !ownResponses.has(id),
      sends: (id) => !ownSends.has(id),
    });
    await tx.objectStore('fetchMeta').put(meta);
    await tx.done;
    return touched.add(accountId);
  } catch (error) {
    throw await failedWrite(tx, error);
  }
}

/** Accounts the source named (a lookup's matches), stored so the page resolves to them locally. */
export async function putSourceAccounts(db: NpsDatabase, accounts: Account[]): Promise<void> {
  const tx = db.transaction([...SOURCE_ROW_STORES, 'outbox'], 'readwrite');
  await putSourceRows(tx, { accounts, responses: [], actions: [], sends: [] }, new Set());
  await tx.done;
}

export function getFetchMeta(db: NpsDatabase, accountId: string): Promise<FetchMeta | undefined> {
  return db.get('fetchMeta', accountId);
}

export async function putFetchMeta(db: NpsDatabase, meta: FetchMeta): Promise<void> {
  await db.put('fetchMeta', meta);
}

export function getLookup(db: NpsDatabase, key: string): Promise<LookupRecord | undefined> {
  return db.get('lookups', key);
}

export async function putLookup(db: NpsDatabase, record: LookupRecord): Promise<void> {
  await db.put('lookups', record);
}

/** Forgets where the sync was and what was fetched when (the data itself stays). */
export async function clearSourceCache(db: NpsDatabase): Promise<void> {
  const tx = db.transaction(['syncState', 'fetchMeta', 'lookups'], 'readwrite');
  await Promise.all([tx.objectStore('syncState').clear(), tx.objectStore('fetchMeta').clear(), tx.objectStore('lookups').clear()]);
  await tx.done;
}


/** Rows a source sent: authoritative, they replace what is stored under the same ids. */
export interface SourceRows {
  accounts: Account[];
  responses: SurveyResponse[];
  actions: Action[];
  sends: SurveySend[];
}

const SOURCE_ROW_STORES = ['accounts', 'respondentLists', 'responseBlocks', 'actions', 'sendBlocks', 'imports'] as const;
type SourceTx = IDBPTransaction<NpsDB, Array<StoreNames<NpsDB>>, 'readwrite'>;


async function pendingActionIds(tx: SourceTx): Promise<Set<string>> {
  return new Set((await tx.objectStore('outbox').getAll()).map((e) => e.actionId));
}

async function putSourceRows(
  tx: SourceTx,
  rows: SourceRows,
  pendingActions: ReadonlySet<string>,
  mayBeStored: { responses?: (id: string) => boolean; sends?: (id: string) => boolean } = {},
): Promise<Set<string>> {
  const accounts = tx.objectStore('accounts');
  const touched = new Map<string, StoredAccount>();
  for (const incoming of rows.accounts) {
    const stored = touched.get(incoming.id) ?? (await accounts.get(incoming.id));
    touched.set(incoming.id, {
      ...incoming,
      nameKey: normaliseAccountName(incoming.name),
      aliases: stored?.aliases ?? [],
      emailDomains: stored?.emailDomains ?? [],
    });
  }
  // A row the source moved to another account replaces the stored one (`BlockWriter`); blocks an import
  // staged are passed over until it is committed (its commit replaces what this stores under its ids).
  const isLive = livenessOf(await pendingImportIds(tx.objectStore('imports')));
  const responses = new BlockWriter<SurveyResponse>(bulk(tx.objectStore('responseBlocks')), { mayBeStored: mayBeStored.responses, isLive });
  for (const response of rows.responses) responses.add(response);
  await responses.flush();
  const people: Respondent[] = [];
  for (const response of rows.responses) {
    const person = respondentOf(response);
    if (!person) continue;
    people.push(person);
    const domain = person.email ? workEmailDomain(person.email) : null;
    if (!domain) continue;
    const account = touched.get(response.accountId) ?? (await accounts.get(response.accountId));
    if (account && !account.emailDomains.includes(domain)) touched.set(account.id, { ...account, emailDomains: [...account.emailDomains, domain] });
  }
  await putPeople(tx.objectStore('respondentLists'), people);
  for (const account of touched.values()) quietly(accounts.put(account));
  // An action the source moved to another account changes the one it was under too.
  const written = rows.actions.filter((action) => !pendingActions.has(action.id));
  const before = await Promise.all(written.map((action) => tx.objectStore('actions').get(action.id)));
  for (const action of written) quietly(tx.objectStore('actions').put(action));
  const sends = new BlockWriter<SurveySend>(bulk(tx.objectStore('sendBlocks')), { mayBeStored: mayBeStored.sends, isLive });
  for (const send of rows.sends) sends.add(send);
  await sends.flush();
  // The accounts whose records (or the account itself) changed.
  return new Set([
    ...touched.keys(),
    ...responses.touched,
    ...sends.touched,
    ...written.map((action) => action.accountId),
    ...before.flatMap((action) => (action ? [action.accountId] : [])),
  ]);
}
