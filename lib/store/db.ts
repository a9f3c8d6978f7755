/**
 * The IndexedDB schema and its migrations. The background service worker is the only code that opens
 * the database (architecture.md): one writer, one schema, migrations in one place.
 */
import { openDB, unwrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Account, AccountFacts, Action, SurveyResponse, SurveySend } from '../model';
import { workEmailDomain } from '../model/mail';
import { BLOCK_BYTES, BLOCK_ROWS, requestResult, rowBytes, type RowBlock } from './blocks';

export const DB_NAME = 'nps-context';
export const DB_VERSION = 5;

/**
 * A stored account carries what makes it findable: its normalised name, the other keys it was imported
 * under (merged into it by CRM id or domain), and the work email domains of its respondents.
 */
export interface StoredAccount extends Account {
  nameKey: string;
  aliases: string[];
  emailDomains: string[];
}

/** A person who answered for an account, as last seen in the responses. */
export interface Respondent {
  accountId: string;
  /** Lower-case email, else `name:<lower-case name>`. */
  key: string;
  email?: string;
  name?: string;
  role?: string;
  title?: string;
  lastRespondedAt: number;
}

/** An account's respondents, in key order. */
export interface RespondentList {
  accountId: string;
  people: Respondent[];
}

/**
 * `list` with `incoming` merged in: per person (key) the newest answer wins; an equally new one
 * replaces the stored one (a re-import brings the person's current name and role). In key order.
 */
export function mergePeople(list: readonly Respondent[], incoming: Iterable<Respondent>): Respondent[] {
  const byKey = new Map(list.map((person) => [person.key, person]));
  for (const person of incoming) {
    const known = byKey.get(person.key);
    if (!known || known.lastRespondedAt <= person.lastRespondedAt) byKey.set(person.key, person);
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** One batch of parsed rows waiting in staging until its import is committed. */
export interface StagedBatch {
  importId: string;
  seq: number;
  accounts: AccountFacts[];
  responses: SurveyResponse[];
  actions: Action[];
  sends: SurveySend[];
}

export type ImportState = 'staging' | 'committing' | 'committed' | 'cancelled' | 'failed';

/** An import's own record: its progress survives the service worker being stopped. */
export interface ImportRecord {
  id: string;
  fileName: string;
  kind: 'responses' | 'actions' | 'sends';
  state: ImportState;
  startedAt: number;
  /** Last time a batch arrived: a staging import left untouched for long was abandoned. */
  touchedAt: number;
  finishedAt?: number;
  batches: number;
  /** Batches already applied to the live stores (commit resumes from here). */
  committedBatches: number;
  imported: number;
  rejected: number;
  error?: string;
}

/** A link made by hand between a CRM record and an account; it wins over automatic matching. */
export interface ManualLink {
  recordKey: string;
  accountId: string;
  createdAt: number;
}

// ---- v3: data sources (issue 8) — sync state, the write-back outbox, per-account fetch metadata ----

/**
 * The incremental sync's position, one record per source (keyed by the source's URL). Written in the
 * same transaction as the page of changes it follows, so a worker stopped at any moment resumes from
 * exactly the first page it had not stored: nothing is applied twice and nothing is skipped.
 */
export interface SyncState {
  sourceKey: string;
  /**
   * The source's cursor for the next page; null before the first sync. A pass ends with the cursor the
   * next one starts from, so each pass fetches only what changed since.
   */
  cursor: string | null;
  state: 'idle' | 'running' | 'cancelled' | 'failed';
  startedAt: number | null;
  finishedAt: number | null;
  /** Pages and rows stored by the pass under way (or the last one). */
  pages: number;
  rows: number;
  lastError: string | null;
  lastSuccessAt: number | null;
}

/** One write waiting to reach the source, in the order it was made. */
export interface OutboxEntry {
  /** Assigned by the store, increasing: entries are delivered in this order. */
  seq?: number;
  actionId: string;
  op: 'create' | 'update';
  /** The action as the user saved it. */
  action: Action;
  /**
   * The source's version of the action this change was made on (its `updatedAt`), for conflict
   * detection; null for a create, or for an update queued behind its action's create (filled in when
   * that one is delivered).
   */
  base: number | null;
  /** Sent with every attempt, so the source applies the write once however often it is retried. */
  idempotencyKey: string;
  enqueuedAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** `conflict`: changed on the source too; `rejected`: refused for good (the user decides either way). */
  state: 'pending' | 'conflict' | 'rejected';
  lastError: string | null;
  /** For a conflict: the source's current version. */
  theirs?: Action;
}

/** When an account last came from the source, and why its last refresh failed (if it did). */
export interface FetchMeta {
  accountId: string;
  sourceKey: string;
  fetchedAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
}

/** The source's answer to a page's hints, so a page the source does not know is not asked again at once. */
export interface LookupRecord {
  /** Source key + the hints, canonical. */
  key: string;
  accountId: string | null;
  /** How the source matched it. */
  via?: 'crm_id' | 'email' | 'domain' | 'name';
  at: number;
}

/** Secrets the background keeps: the key that encrypts the source's token at rest. */
export interface SecretRecord {
  id: string;
  key: CryptoKey;
}

export interface NpsDB extends DBSchema {
  syncState: {
    key: string;
    value: SyncState;
  };
  outbox: {
    key: number;
    value: OutboxEntry;
    indexes: { byAction: string; byState: string };
  };
  fetchMeta: {
    key: string;
    value: FetchMeta;
  };
  lookups: {
    key: string;
    value: LookupRecord;
  };
  secrets: {
    key: string;
    value: SecretRecord;
  };
  accounts: {
    key: string;
    value: StoredAccount;
    indexes: {
      byNameKey: string;
      byAlias: string;
      byEmailDomain: string;
      bySalesforceId: string;
      byZendeskOrganizationId: string;
      byHubspotCompanyId: string;
      byDomain: string;
    };
  };
  /** Each account's respondents, one record per account (v5: one write per account, not per person). */
  respondentLists: {
    key: string;
    value: RespondentList;
  };
  /**
   * Responses in blocks of one account's rows (v5; see blocks.ts), keyed [accountId, n]; `byId` finds
   * the block that holds a response (multi-entry over the block's ids). The writer keeps each id in one
   * block; the index is not declared unique, which would cost a read per id on every write (2.4×).
   */
  responseBlocks: {
    key: [string, number];
    value: RowBlock<SurveyResponse>;
    indexes: { byId: string };
  };
  actions: {
    key: string;
    value: Action;
    indexes: { byAccount: string };
  };
  /** Survey sends, blocked like responses (v5). */
  sendBlocks: {
    key: [string, number];
    value: RowBlock<SurveySend>;
    indexes: { byId: string };
  };
  staging: {
    key: [string, number];
    value: StagedBatch;
    indexes: { byImport: string };
  };
  imports: {
    key: string;
    value: ImportRecord;
  };
  links: {
    key: string;
    value: ManualLink;
  };
}

export type NpsDatabase = IDBPDatabase<NpsDB>;
type UpgradeTx = IDBPTransaction<NpsDB, ArrayLike<StoreNames<NpsDB>>, 'versionchange'>;

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
  // 2 → 3: data sources (issue 8). New stores only; the data already stored is left as it is (it came
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
  // 3 → 4 (issue 4): responses and sends keyed by [accountId, date, id], so one account's records are a
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

  // 4 → 5 (issue 4): responses and sends in blocks of up to a few hundred of one account's rows (see
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

/** The respondent a response was given by; null for anonymous responses. */
export function respondentOf(response: SurveyResponse): Respondent | null {
  const email = response.respondentEmail?.trim().toLowerCase() || undefined;
  const name = response.respondentName?.trim() || undefined;
  const key = email ?? (name ? `name:${name.toLowerCase()}` : null);
  if (!key) return null;
  return {
    accountId: response.accountId,
    key,
    email,
    name,
    role: response.respondentRole,
    title: response.respondentTitle,
    lastRespondedAt: response.respondedAt,
  };
}

export function openNpsDatabase(name = DB_NAME, version = DB_VERSION): Promise<NpsDatabase> {
  return openDB<NpsDB>(name, version, {
    async upgrade(db, oldVersion, newVersion, tx) {
      for (let v = oldVersion; v < (newVersion ?? version); v++) {
        const migrate = MIGRATIONS[v];
        if (!migrate) throw new Error(`No migration from database version ${v}`);
        await migrate(db, tx);
      }
    },
    blocking() {
      // A newer version of the extension wants to upgrade: let it.
    },
  });
}
