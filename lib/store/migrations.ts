/**
 * The database's migrations, one per version step, each checked from every older version
 * (`migration-check.ts`). Append; never edit one that shipped.
 */
import { unwrap, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Account, SurveyResponse, SurveySend } from '../model';
import { workEmailDomain } from '../model/mail';
import { BLOCK_BYTES, BLOCK_ROWS, markUnread, requestResult, rowBytes, type RowBlock } from './blocks';
import { respondentOf, type NpsDatabase, type NpsDB, type Respondent, type RespondentList, type StoredAccount } from './schema';

export type UpgradeTx = IDBPTransaction<NpsDB, ArrayLike<StoreNames<NpsDB>>, 'versionchange'>;

/** The plain database and transaction under idb's typed wrappers: migrations work on stores of older versions too. */
const raw = (db: NpsDatabase) => unwrap(db) as IDBDatabase;
const rawTx = (tx: UpgradeTx) => unwrap(tx as never) as unknown as IDBTransaction;

/**
 * Each migration takes the database from version i to i + 1. Append; never edit one that shipped.
 */
export const MIGRATIONS: Array<(db: IDBPDatabase<NpsDB>, tx: UpgradeTx) => Promise<void> | void> = [
  // 0 → 1: the initial schema.
  (db) => {
    const accounts = db.createObjectStore('accounts', { keyPath: 'id' });
    accounts.createIndex('byNameKey', 'nameKey');
    accounts.createIndex('bySalesforceId', 'salesforceIds', { multiEntry: true });
    accounts.createIndex('byZendeskOrganizationId', 'zendeskOrganizationIds', { multiEntry: true });
    accounts.createIndex('byHubspotCompanyId', 'hubspotCompanyIds', { multiEntry: true });
    accounts.createIndex('byDomain', 'domains', { multiEntry: true });

    // (Typed as a plain store: these are the v1 indexes, replaced in v4.)
    const responses = raw(db).createObjectStore('responses', { keyPath: 'id' });
    responses.createIndex('byAccount', ['accountId', 'respondedAt']);
    responses.createIndex('byRespondedAt', 'respondedAt');

    const actions = db.createObjectStore('actions', { keyPath: 'id' });
    actions.createIndex('byAccount', 'accountId');

    const sends = raw(db).createObjectStore('sends', { keyPath: 'id' });
    sends.createIndex('byAccount', ['accountId', 'sentAt']);

    const staging = db.createObjectStore('staging', { keyPath: ['importId', 'seq'] });
    staging.createIndex('byImport', 'importId');

    db.createObjectStore('imports', { keyPath: 'id' });
    db.createObjectStore('links', { keyPath: 'recordKey' });
  },
  // 1 → 2: accounts remember the keys merged into them and their respondents' email domains; a
  // respondents store. Both are filled from the responses already stored.
  async (db, tx) => {
    const accounts = tx.objectStore('accounts');
    accounts.createIndex('byAlias', 'aliases', { multiEntry: true });
    accounts.createIndex('byEmailDomain', 'emailDomains', { multiEntry: true });
    const respondents = raw(db).createObjectStore('respondents', { keyPath: ['accountId', 'key'] });
    respondents.createIndex('byEmail', 'email');

    const learned = new Map<string, Set<string>>();
    const people = new Map<string, Respondent>();
    // (The v1 responses store, gone since v5: typed by hand.)
    const responses = tx.objectStore('responses' as never) as unknown as { openCursor(): Promise<LegacyCursor | null> };
    for (let cursor = await responses.openCursor(); cursor; cursor = await cursor.continue()) {
      const person = respondentOf(cursor.value);
      if (!person) continue;
      const id = `${person.accountId}\u0000${person.key}`;
      const known = people.get(id);
      if (!known || known.lastRespondedAt < person.lastRespondedAt) people.set(id, person);
      const domain = person.email ? workEmailDomain(person.email) : null;
      if (domain) learned.set(person.accountId, (learned.get(person.accountId) ?? new Set()).add(domain));
    }
    for (const person of people.values()) respondents.put(person);
    for (let cursor = await accounts.openCursor(); cursor; cursor = await cursor.continue()) {
      const account = cursor.value as Partial<StoredAccount> & Account;
      await cursor.update({ ...account, nameKey: account.nameKey ?? '', aliases: [], emailDomains: [...(learned.get(account.id) ?? [])] });
    }
  },
  // 2 → 3: data sources. New stores only; the data already stored is left as it is (it came
  // from imports, so it has no fetch metadata and stays shown as imported).
  (db) => {
    db.createObjectStore('syncState', { keyPath: 'sourceKey' });
    const outbox = db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    outbox.createIndex('byAction', 'actionId');
    outbox.createIndex('byState', 'state');
    db.createObjectStore('fetchMeta', { keyPath: 'accountId' });
    db.createObjectStore('lookups', { keyPath: 'key' });
    db.createObjectStore('secrets', { keyPath: 'id' });
  },
  // 3 → 4: responses and sends keyed by [accountId, date, id], so one account's records are a
  // contiguous key range read in one sweep, not one random read per index entry (5× faster with a
  // million responses stored); a unique `byId` index finds a record by its id. Records are moved in
  // batches, so memory stays bounded whatever the store holds; every record is kept.
  async (db, tx) => {
    for (const [name, dateField] of CLUSTERED_STORES) {
      const old = rawTx(tx).objectStore(name);
      old.name = `${name}-v3`;
      const moved = raw(db).createObjectStore(name, { keyPath: ['accountId', dateField, 'id'] });
      moved.createIndex('byId', 'id', { unique: true });
      for (let after: IDBValidKey | null = null; ; ) {
        const range: IDBKeyRange | undefined = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
        const batch: Array<{ id: string }> = await requestResult<Array<{ id: string }>>(old.getAll(range, MIGRATION_BATCH));
        for (const record of batch) moved.put(record);
        if (batch.length < MIGRATION_BATCH) break;
        after = batch[batch.length - 1]!.id;
      }
      raw(db).deleteObjectStore(`${name}-v3`);
    }
  },

  // 4 → 5: responses and sends in blocks of up to a few hundred of one account's rows (see
  // blocks.ts): a million responses import in seconds, not minutes, and an account's 10,000 are a few
  // dozen records to read. The v4 stores are read in key order, so each account's rows arrive together
  // (and in date order); memory stays bounded by one batch and one block.
  async (db, tx) => {
    for (const [name, blocked] of BLOCKED_STORES) {
      const target = raw(db).createObjectStore(blocked, { keyPath: ['accountId', 'n'] });
      target.createIndex('byId', 'ids', { multiEntry: true });
      const old = rawTx(tx).objectStore(name);
      let block = null as RowBlock | null;
      let bytes = 0;
      for (let after: IDBValidKey | null = null; ; ) {
        const range: IDBKeyRange | undefined = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
        const [batch, keys]: [Array<SurveyResponse | SurveySend>, IDBValidKey[]] = await Promise.all([
          requestResult<Array<SurveyResponse | SurveySend>>(old.getAll(range, MIGRATION_BATCH)),
          requestResult<IDBValidKey[]>(old.getAllKeys(range, MIGRATION_BATCH)),
        ]);
        for (const row of batch) {
          const size = rowBytes(row);
          if (!block || block.accountId !== row.accountId || block.rows.length >= BLOCK_ROWS || bytes + size > BLOCK_BYTES) {
            const n: number = block !== null && block.accountId === row.accountId ? block.n + 1 : 0;
            if (block) target.put(block);
            block = { accountId: row.accountId, n, ids: [], rows: [] };
            bytes = 0;
          }
          block.ids.push(row.id);
          block.rows.push(row);
          bytes += size;
        }
        if (batch.length < MIGRATION_BATCH) break;
        after = keys[keys.length - 1]!;
      }
      if (block) target.put(block);
      raw(db).deleteObjectStore(name);
    }
    // Respondents: one list per account. The v4 store is in [accountId, key] order, so each account's
    // people arrive together, already in key order.
    const lists = raw(db).createObjectStore('respondentLists', { keyPath: 'accountId' });
    const old = rawTx(tx).objectStore('respondents');
    let list = null as RespondentList | null;
    for (let after: IDBValidKey | null = null; ; ) {
      const range: IDBKeyRange | undefined = after === null ? undefined : IDBKeyRange.lowerBound(after, true);
      const batch: Respondent[] = await requestResult<Respondent[]>(old.getAll(range, MIGRATION_BATCH));
      for (const person of batch) {
        if (list === null || list.accountId !== person.accountId) {
          if (list) lists.put(list);
          list = { accountId: person.accountId, people: [] };
        }
        list.people.push(person);
      }
      if (batch.length < MIGRATION_BATCH) break;
      const last: Respondent = batch[batch.length - 1]!;
      after = [last.accountId, last.key];
    }
    if (list) lists.put(list);
    raw(db).deleteObjectStore('respondents');
  },

  // 5 → 6: each block store gets a `bySize` index over the number of rows in a block (`ids.length`),
  // so its rows are counted from one index entry per block. Counting the `byId` index (one entry per
  // row, each checked against its block) took 40 to 78 s with a million responses stored.
  (_db, tx) => {
    for (const name of ['responseBlocks', 'sendBlocks'] as const) rawTx(tx).objectStore(name).createIndex('bySize', 'ids.length');
  },

  // 6 → 7: blocks holding a comment not read yet are marked (`unread`) and indexed (`byUnread`), so
  // comment reading after a change visits them alone instead of every block. Blocks written before are
  // unmarked: the first pass of this version reads every block, as before (`insights-pass.ts`). Blocks
  // an unfinished import staged are marked here, since that import may be committed after that pass.
  async (_db, tx) => {
    const blocks = rawTx(tx).objectStore('responseBlocks');
    blocks.createIndex('byUnread', 'unread');
    const imports = await requestResult<Array<{ id: string; state: string }>>(rawTx(tx).objectStore('imports').getAll());
    const unfinished = new Set(imports.filter((record) => record.state === 'staging' || record.state === 'committing').map((record) => record.id));
    if (unfinished.size === 0) return;
    await new Promise<void>((resolve, reject) => {
      const request = blocks.openCursor();
      request.onsuccess = () => {
        const cursor = request.result;
        if (!cursor) return resolve();
        const block = cursor.value as RowBlock<SurveyResponse>;
        if (block.importId !== undefined && unfinished.has(block.importId)) cursor.update(markUnread(block));
        cursor.continue();
      };
      request.onerror = () => reject(request.error ?? new Error('Marking staged blocks failed'));
    });
  },
];

interface LegacyCursor {
  value: SurveyResponse;
  continue(): Promise<LegacyCursor | null>;
}

/** The v4 stores and the blocked stores that replace them in v5. */
const BLOCKED_STORES = [
  ['responses', 'responseBlocks'],
  ['sends', 'sendBlocks'],
] as const;

/** The stores keyed by [accountId, date field, id] in v4, with their date field. */
const CLUSTERED_STORES = [
  ['responses', 'respondedAt'],
  ['sends', 'sentAt'],
] as const;

/** Records a migration moves at a time. */
const MIGRATION_BATCH = 2000;
