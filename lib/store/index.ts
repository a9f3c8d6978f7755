/**
 * Queries over the IndexedDB store. Only the background service worker constructs an NpsStore.
 */
import type { Account, AccountFacts, AccountRecords, Action, SurveyResponse, SurveySend } from '../model';
import { normaliseAccountName } from '../import/names';
import type { ExportRecords } from '../export/records';
import { unwrap, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from 'idb';
import { workEmailDomain } from '../model/mail';
import {
  accountKeyRange,
  openNpsDatabase,
  respondentOf,
  type FetchMeta,
  type LookupRecord,
  type OutboxEntry,
  type SyncState,
  type NpsDB,
  type Respondent,
  type ImportRecord,
  type ManualLink,
  type NpsDatabase,
  type StagedBatch,
  type StoredAccount,
} from './db';

export type { ImportRecord, ManualLink, Respondent, StagedBatch, StoredAccount } from './db';
export type { FetchMeta, LookupRecord, OutboxEntry, SyncState } from './db';

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

/**
 * Merges what an import says about an account into what is stored: ids and domains accumulate, a
 * newer name replaces an older one, and a file without names never erases one.
 */
export function mergeAccount(stored: StoredAccount | undefined, incoming: AccountFacts, now: number): StoredAccount {
  const id = stored?.id ?? incoming.id;
  const merged: Account = {
    id,
    name: incoming.name || stored?.name || incoming.id,
    domains: union(stored?.domains ?? [], incoming.domains),
    salesforceIds: union(stored?.salesforceIds ?? [], incoming.salesforceIds),
    zendeskOrganizationIds: union(stored?.zendeskOrganizationIds ?? [], incoming.zendeskOrganizationIds),
    hubspotCompanyIds: union(stored?.hubspotCompanyIds ?? [], incoming.hubspotCompanyIds),
    updatedAt: incoming.updatedAt ?? now,
  };
  return {
    ...merged,
    nameKey: normaliseAccountName(merged.name),
    aliases: union(stored?.aliases ?? [], incoming.id === id ? [] : [incoming.id]),
    emailDomains: stored?.emailDomains ?? [],
  };
}

/** Turns IndexedDB's quota error into one a person can act on; other errors pass through. */
function storageError(error: unknown): unknown {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return new Error('The browser’s storage is full: nothing from this import was saved. Free some disk space, or clear old data in the options page, and import again.');
  }
  return error;
}

type AccountsStore = IDBPObjectStore<NpsDB, ArrayLike<StoreNames<NpsDB>>, 'accounts', 'readwrite'>;

/**
 * The stored account an import's account facts belong to: the same key, a key merged into it before,
 * or else exactly one account with the same CRM id or domain. Never a guess: two candidates → none.
 */
async function findStoredAccount(accounts: AccountsStore, facts: AccountFacts): Promise<StoredAccount | undefined> {
  const byKey = (await accounts.get(facts.id)) ?? (await accounts.index('byAlias').get(facts.id));
  if (byKey) return byKey;
  const lookups: Array<[Parameters<AccountsStore['index']>[0], string[]]> = [
    ['bySalesforceId', facts.salesforceIds],
    ['byZendeskOrganizationId', facts.zendeskOrganizationIds],
    ['byHubspotCompanyId', facts.hubspotCompanyIds],
    ['byDomain', facts.domains],
  ];
  for (const [index, keys] of lookups) {
    const found = new Map<string, StoredAccount>();
    for (const key of keys) for (const a of await accounts.index(index).getAll(key)) found.set(a.id, a);
    if (found.size === 1) return [...found.values()][0];
    if (found.size > 1) return undefined;
  }
  return undefined;
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

function sameAccount(a: StoredAccount, b: StoredAccount): boolean {
  return (
    a.id === b.id && a.name === b.name && a.nameKey === b.nameKey && a.updatedAt === b.updatedAt &&
    sameList(a.domains, b.domains) && sameList(a.salesforceIds, b.salesforceIds) &&
    sameList(a.zendeskOrganizationIds, b.zendeskOrganizationIds) && sameList(a.hubspotCompanyIds, b.hubspotCompanyIds) &&
    sameList(a.aliases, b.aliases) && sameList(a.emailDomains, b.emailDomains)
  );
}

/** A write whose failure the transaction reports (it aborts, and `tx.done` rejects): no unhandled rejection. */
function quietly(request: Promise<unknown>): void {
  request.catch(() => undefined);
}

/**
 * The plain IndexedDB store under idb's wrapper, for writes by the thousand: no promise per request.
 * A failed request aborts the transaction, which `tx.done` reports.
 */
function bulk<S extends { put: unknown }>(store: S): IDBObjectStore {
  return unwrap(store as never) as unknown as IDBObjectStore;
}

/** A record of a store keyed by [accountId, date, id] (responses, sends; db.ts, v4). */
type Clustered = SurveyResponse | SurveySend;
type ClusteredKey = [string, number, string];

const dateOf = (record: Clustered): number => ('respondedAt' in record ? record.respondedAt : record.sentAt);

/**
 * Puts records into a store keyed by [accountId, date, id]: a record whose id is already stored under
 * another key (its account or date changed) replaces that record instead of sitting beside it; of two
 * records with the same id, the later wins. Lookups are asked for all at once; resolves when every
 * write is queued (the transaction applies them in order and reports a failure through `tx.done`).
 */
function putClustered(store: IDBObjectStore, records: readonly Clustered[]): Promise<void> {
  const latest = new Map<string, Clustered>();
  for (const record of records) latest.set(record.id, record);
  if (latest.size === 0) return Promise.resolve();
  const byId = store.index('byId');
  return new Promise((resolve, reject) => {
    let left = latest.size;
    for (const record of latest.values()) {
      const request = byId.getKey(record.id);
      request.onsuccess = () => {
        try {
          const old = request.result as ClusteredKey | undefined;
          if (old !== undefined && (old[0] !== record.accountId || old[1] !== dateOf(record))) store.delete(old);
          store.put(record);
        } catch (error) {
          // A write refused at once (a bad key, a full disk): the caller aborts the transaction.
          reject(error);
          return;
        }
        if (--left === 0) resolve();
      };
      request.onerror = () => reject(request.error ?? new Error('A lookup by id failed'));
    }
  });
}

type CommitTx = IDBPTransaction<NpsDB, Array<'staging' | 'accounts' | 'respondents' | 'responses' | 'actions' | 'sends' | 'imports'>, 'readwrite'>;

/** Entries a commit remembers (per map) before it starts over from the store; bounds its memory. */
const COMMIT_CACHE_LIMIT = 200_000;

/**
 * One commit's work, batch by batch, inside its transaction. What it learns (which stored account an
 * imported key is, each account as last written, each respondent's newest answer) is remembered across
 * batches: the transaction sees its own writes, so the store would say the same, only slower. Lookups a
 * batch needs are asked for all at once, not one round trip after another.
 */
class CommitRun {
  private readonly accountKey = new Map<string, string>();
  private readonly accounts = new Map<string, StoredAccount>();
  /** Each respondent's newest answer in the batches so far, written once, when the commit ends. */
  private readonly people = new Map<string, Respondent>();

  constructor(
    private readonly tx: CommitTx,
    private readonly committedAt: number,
  ) {}

  async apply(staged: StagedBatch): Promise<void> {
    const { committedAt } = this;
    // Forgotten together: a remembered key must always find its remembered account.
    if (this.accountKey.size > COMMIT_CACHE_LIMIT || this.accounts.size > COMMIT_CACHE_LIMIT) {
      this.accountKey.clear();
      this.accounts.clear();
    }
    const accounts = this.tx.objectStore('accounts');

    // Accounts: the stored account each imported key belongs to, then the batch's facts merged in.
    const unknown = staged.accounts.filter((facts) => !this.accountKey.has(facts.id));
    const found = await Promise.all(unknown.map((facts) => findStoredAccount(accounts as unknown as AccountsStore, facts)));
    const storedFor = new Map<string, StoredAccount | undefined>();
    unknown.forEach((facts, i) => storedFor.set(facts.id, found[i]));
    const touched = new Set<string>();
    for (const incoming of staged.accounts) {
      const knownKey = this.accountKey.get(incoming.id);
      const stored = knownKey !== undefined ? this.accounts.get(knownKey) : storedFor.get(incoming.id);
      const current = stored ? (this.accounts.get(stored.id) ?? stored) : undefined;
      const account = mergeAccount(current, incoming, committedAt);
      this.accountKey.set(incoming.id, account.id);
      // Most batches repeat what is known of an account: then there is nothing to write (or to index).
      if (current && sameAccount(current, account)) {
        this.accounts.set(current.id, current);
        continue;
      }
      this.accounts.set(account.id, account);
      touched.add(account.id);
    }
    const keyOf = (id: string) => this.accountKey.get(id) ?? id;

    // Responses, and what they say about their respondents and their accounts' email domains.
    const responses: SurveyResponse[] = [];
    const people = new Map<string, Respondent>();
    for (const staged_ of staged.responses) {
      const accountId = keyOf(staged_.accountId);
      const r = accountId === staged_.accountId ? staged_ : { ...staged_, accountId };
      responses.push(r);
      const person = respondentOf(r);
      if (!person) continue;
      const id = `${person.accountId}\u0000${person.key}`;
      const known = people.get(id);
      if (!known || known.lastRespondedAt < person.lastRespondedAt) people.set(id, person);
      const domain = person.email ? workEmailDomain(person.email) : null;
      const account = this.accounts.get(r.accountId);
      if (domain && account && !account.emailDomains.includes(domain)) {
        this.accounts.set(account.id, { ...account, emailDomains: [...account.emailDomains, domain] });
        touched.add(account.id);
      }
    }
    for (const id of touched) quietly(accounts.put(this.accounts.get(id)!));
    await putClustered(bulk(this.tx.objectStore('responses')), responses);

    for (const [id, person] of people) {
      const known = this.people.get(id);
      if (!known || known.lastRespondedAt < person.lastRespondedAt) this.people.set(id, person);
    }
    if (this.people.size > COMMIT_CACHE_LIMIT) await this.writeRespondents();

    const actions = bulk(this.tx.objectStore('actions'));
    for (const a of staged.actions) actions.put({ ...a, accountId: keyOf(a.accountId) });
    await putClustered(bulk(this.tx.objectStore('sends')), staged.sends.map((send) => ({ ...send, accountId: keyOf(send.accountId) })));
  }

  /**
   * Writes the respondents met since the last call where their answer is newer than the stored one:
   * one range read per account instead of one read per respondent, and one write per respondent.
   */
  async writeRespondents(): Promise<void> {
    const byAccount = new Map<string, Respondent[]>();
    for (const person of this.people.values()) {
      const list = byAccount.get(person.accountId);
      if (list) list.push(person);
      else byAccount.set(person.accountId, [person]);
    }
    this.people.clear();
    const respondents = this.tx.objectStore('respondents');
    const write = bulk(respondents);
    const accountIds = [...byAccount.keys()];
    const stored = await Promise.all(accountIds.map((id) => respondents.getAll(IDBKeyRange.bound([id, ''], [id, '\uffff']))));
    accountIds.forEach((accountId, i) => {
      const newest = new Map(stored[i]!.map((person) => [person.key, person.lastRespondedAt]));
      for (const person of byAccount.get(accountId)!) {
        if ((newest.get(person.key) ?? -Infinity) <= person.lastRespondedAt) write.put(person);
      }
    });
  }
}

/** An account as the rest of the extension sees it, without the store's lookup fields. */
function plainAccount(account: StoredAccount): Account {
  const { nameKey: _nameKey, aliases: _aliases, emailDomains: _emailDomains, ...plain } = account;
  return plain;
}

/** One page of an export (see `NpsStore.exportPage`): records of one kind, their accounts, where to go on. */
export type ExportPage = ExportRecords & { accounts: Account[]; next: string | null };

export interface StoreCounts {
  accounts: number;
  responses: number;
  actions: number;
  sends: number;
}

export class NpsStore {
  private constructor(private readonly db: NpsDatabase) {}

  static async open(name?: string): Promise<NpsStore> {
    return new NpsStore(await openNpsDatabase(name));
  }

  close(): void {
    this.db.close();
  }

  getAccount(id: string): Promise<StoredAccount | undefined> {
    return this.db.get('accounts', id);
  }

  async allAccounts(): Promise<StoredAccount[]> {
    return this.db.getAll('accounts');
  }

  accountsBySalesforceId(id18: string): Promise<StoredAccount[]> {
    return this.db.getAllFromIndex('accounts', 'bySalesforceId', id18);
  }

  accountsByZendeskOrganization(id: string): Promise<StoredAccount[]> {
    return this.db.getAllFromIndex('accounts', 'byZendeskOrganizationId', id);
  }

  accountsByHubspotCompany(id: string): Promise<StoredAccount[]> {
    return this.db.getAllFromIndex('accounts', 'byHubspotCompanyId', id);
  }

  accountsByDomain(domain: string): Promise<StoredAccount[]> {
    return this.db.getAllFromIndex('accounts', 'byDomain', domain.toLowerCase());
  }

  /** Accounts whose respondents write from this (work) email domain. */
  accountsByEmailDomain(domain: string): Promise<StoredAccount[]> {
    return this.db.getAllFromIndex('accounts', 'byEmailDomain', domain.toLowerCase());
  }

  respondentsOf(accountId: string): Promise<Respondent[]> {
    return this.db.getAll('respondents', IDBKeyRange.bound([accountId, ''], [accountId, '\uffff']));
  }

  /** Every respondent (the role mapping editor's preview counts them). */
  allRespondents(): Promise<Respondent[]> {
    return this.db.getAll('respondents');
  }

  accountsByName(name: string): Promise<StoredAccount[]> {
    const key = normaliseAccountName(name);
    return key ? this.db.getAllFromIndex('accounts', 'byNameKey', key) : Promise.resolve([]);
  }

  /** Everything the metrics need for one account, read in one transaction. */
  async getAccountRecords(accountId: string): Promise<AccountRecords | undefined> {
    return (await this.getManyAccountRecords([accountId]))[0];
  }

  /** The records of several accounts in one transaction (the popup summarises ten per keystroke). */
  async getManyAccountRecords(accountIds: readonly string[]): Promise<Array<AccountRecords | undefined>> {
    if (accountIds.length === 0) return [];
    const tx = this.db.transaction(['accounts', 'responses', 'actions', 'sends'], 'readonly');
    const found = await Promise.all(
      accountIds.map(async (accountId) => {
        // Responses and sends are keyed by account first: each is one contiguous range (db.ts, v4).
        const range = accountKeyRange(accountId);
        const [account, responses, actions, sends] = await Promise.all([
          tx.objectStore('accounts').get(accountId),
          tx.objectStore('responses').getAll(range),
          tx.objectStore('actions').index('byAccount').getAll(accountId),
          tx.objectStore('sends').getAll(range),
        ]);
        return account ? { account: plainAccount(account), responses, actions, sends } : undefined;
      }),
    );
    await tx.done;
    return found;
  }

  /** True when no account is stored (cheaper than counting). */
  async isEmpty(): Promise<boolean> {
    return (await this.db.getAllKeys('accounts', undefined, 1)).length === 0;
  }

  /** One response by its id (the `byId` index: responses are keyed by account first). */
  getResponse(id: string): Promise<SurveyResponse | undefined> {
    return this.db.getFromIndex('responses', 'byId', id);
  }

  getAction(id: string): Promise<Action | undefined> {
    return this.db.get('actions', id);
  }

  async putAction(action: Action): Promise<void> {
    await this.db.put('actions', action);
  }

  async counts(): Promise<StoreCounts> {
    const tx = this.db.transaction(['accounts', 'responses', 'actions', 'sends'], 'readonly');
    const [accounts, responses, actions, sends] = await Promise.all([
      tx.objectStore('accounts').count(),
      tx.objectStore('responses').count(),
      tx.objectStore('actions').count(),
      tx.objectStore('sends').count(),
    ]);
    await tx.done;
    return { accounts, responses, actions, sends };
  }

  // ---- manual links -------------------------------------------------------------------------

  getLink(recordKey: string): Promise<ManualLink | undefined> {
    return this.db.get('links', recordKey);
  }

  async setLink(link: ManualLink): Promise<void> {
    await this.db.put('links', link);
  }

  async removeLink(recordKey: string): Promise<void> {
    await this.db.delete('links', recordKey);
  }

  // ---- imports: staged, then committed, so a failed or cancelled import changes nothing --------

  async beginImport(record: ImportRecord): Promise<void> {
    await this.db.put('imports', record);
  }

  getImport(id: string): Promise<ImportRecord | undefined> {
    return this.db.get('imports', id);
  }

  async listImports(): Promise<ImportRecord[]> {
    return this.db.getAll('imports');
  }

  /** Stages one batch; nothing the panel reads changes until the import is committed. */
  async stageBatch(batch: StagedBatch): Promise<void> {
    // Relaxed: no flush to disk per batch. A batch lost to a crash fails its import (rows missing at
    // commit are never half-applied: recovery drops a staging import), and the person imports again.
    const tx = this.db.transaction(['staging', 'imports'], 'readwrite', { durability: 'relaxed' });
    const record = await tx.objectStore('imports').get(batch.importId);
    if (!record || record.state !== 'staging') {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new Error(`Import ${batch.importId} is not accepting rows (${record?.state ?? 'unknown'})`);
    }
    try {
      await tx.objectStore('staging').put(batch);
      record.batches = Math.max(record.batches, batch.seq + 1);
      record.touchedAt = Date.now();
      await tx.objectStore('imports').put(record);
      await tx.done;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already finished: it failed on its own.
      }
      await tx.done.catch(() => undefined);
      throw storageError(error);
    }
  }

  /**
   * Applies the staged batches to the live stores in one transaction, so the commit is atomic: a full
   * disk (QuotaExceededError), an error, or the service worker being stopped part-way leaves the stored
   * data exactly as it was. A quota error fails the import and drops its staged rows (freeing their
   * room); anything else leaves it `committing`, and `recoverImports` redoes the commit at the next
   * start-up from the staged rows, which are deleted only by the transaction that applies them.
   * Readers wait while the transaction runs (156 s for 1,000,000 rows on a loaded 2-core machine).
   */
  async commitImport(
    importId: string,
    totals: { imported: number; rejected: number },
    onProgress?: (done: number, total: number) => void,
  ): Promise<ImportRecord> {
    let record = await this.db.get('imports', importId);
    if (!record) throw new Error(`Unknown import ${importId}`);
    if (record.state === 'staging') {
      record = { ...record, state: 'committing', imported: totals.imported, rejected: totals.rejected };
      await this.db.put('imports', record);
    }
    if (record.state !== 'committing') return record;

    const tx = this.db.transaction(['staging', 'accounts', 'respondents', 'responses', 'actions', 'sends', 'imports'], 'readwrite');
    // One instant for the whole commit: an account met in every batch is written once, not per batch.
    const commit = new CommitRun(tx, Date.now());
    try {
      const staging = tx.objectStore('staging');
      // The next batch is asked for while this one is applied: one round trip less per batch.
      let next = staging.get([importId, record.committedBatches]);
      for (let seq = record.committedBatches; seq < record.batches; seq++) {
        const staged = await next;
        if (seq + 1 < record.batches) next = staging.get([importId, seq + 1]);
        if (staged) await commit.apply(staged);
        quietly(staging.delete([importId, seq]));
        onProgress?.(seq + 1, record.batches);
      }
      await commit.writeRespondents();
      record = { ...record, committedBatches: record.batches, state: 'committed', finishedAt: Date.now() };
      quietly(tx.objectStore('imports').put(record));
      await tx.done;
      return record;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // Already aborted: the error came from the transaction itself.
      }
      await tx.done.catch(() => undefined);
      const reported = storageError(error);
      if (reported !== error) await this.failImport(importId, reported instanceof Error ? reported.message : String(reported));
      throw reported;
    }
  }

  /** Marks an import failed and drops its staged rows, whatever state it was in (before it was committed). */
  private async failImport(importId: string, error: string): Promise<void> {
    const tx = this.db.transaction(['staging', 'imports'], 'readwrite');
    const record = await tx.objectStore('imports').get(importId);
    if (record && record.state !== 'committed') {
      await tx.objectStore('staging').delete(IDBKeyRange.bound([importId, 0], [importId, Infinity]));
      await tx.objectStore('imports').put({ ...record, state: 'failed', error, finishedAt: Date.now() });
    }
    await tx.done.catch(() => undefined);
  }

  /** Drops an import's staged rows; the live data is untouched. */
  async cancelImport(importId: string, state: 'cancelled' | 'failed' = 'cancelled', error?: string): Promise<void> {
    const record = await this.db.get('imports', importId);
    if (record?.state === 'committing' || record?.state === 'committed') return;
    const tx = this.db.transaction(['staging', 'imports'], 'readwrite');
    const staging = tx.objectStore('staging');
    for (const key of await staging.index('byImport').getAllKeys(importId)) void staging.delete(key);
    if (record) await tx.objectStore('imports').put({ ...record, state, error, finishedAt: Date.now() });
    await tx.done;
  }

  /**
   * At start-up: finish commits that were under way, and drop stagings that can no longer finish
   * (their page was closed), so the store is always either before or after an import, never between.
   */
  async recoverImports(now: number, abandonedAfterMs = 5 * 60_000): Promise<void> {
    for (const record of await this.listImports()) {
      if (record.state === 'committing') await this.commitImport(record.id, record);
      else if (record.state === 'staging' && now - record.touchedAt > abandonedAfterMs) {
        await this.cancelImport(record.id, 'failed', 'The import was interrupted before it finished.');
      }
    }
  }

  // ---- export (issue 4): keyset pages, so an export of any size holds one page at a time ------------

  /**
   * Up to `limit` responses or actions after the position `after` (in key order: actions by id,
   * responses by account, date and id), with their accounts, and the position to continue from (null
   * at the end; opaque to the caller). Each page is its own short read transaction.
   */
  async exportPage(kind: ExportRecords['kind'], after: string | null, limit: number): Promise<ExportPage> {
    const tx = this.db.transaction([kind, 'accounts'], 'readonly');
    const range = after === null ? undefined : IDBKeyRange.lowerBound(kind === 'responses' ? responseKeyFrom(after) : after, true);
    const records: Array<SurveyResponse | Action> = await tx.objectStore(kind).getAll(range, limit);
    const accountIds = [...new Set(records.map((r) => r.accountId))];
    const found = await Promise.all(accountIds.map((id) => tx.objectStore('accounts').get(id)));
    await tx.done;
    const accounts = found.filter((a): a is StoredAccount => !!a).map(plainAccount);
    const last = records[records.length - 1];
    const next = records.length === limit && last ? (kind === 'responses' ? responsePosition(last as SurveyResponse) : last.id) : null;
    return { ...({ kind, records } as ExportRecords), accounts, next };
  }
  // ---- end export ---------------------------------------------------------------------------------

  async clearAll(): Promise<void> {
    const names = ['accounts', 'respondents', 'responses', 'actions', 'sends', 'staging', 'imports', 'links'] as const;
    const tx = this.db.transaction([...names], 'readwrite');
    await Promise.all(names.map((n) => tx.objectStore(n).clear()));
    await tx.done;
  }

  // ---- data sources (issue 8): what the HTTP source brought, the sync's position, the outbox -------
  // (Kept apart from the import code above: the source's rows are authoritative and replace, where an
  // import's are merged.)

  getSyncState(sourceKey: string): Promise<SyncState | undefined> {
    return this.db.get('syncState', sourceKey);
  }

  async putSyncState(state: SyncState): Promise<void> {
    await this.db.put('syncState', state);
  }

  /**
   * Stores one page of changes and the sync position after it in one transaction: a worker stopped at
   * any moment leaves the store before or after the page, never between, so a resumed sync neither
   * repeats nor skips a page. Actions with writes waiting in the outbox keep the user's version (the
   * outbox's delivery finds the difference and shows it as a conflict).
   */
  async applyChangesPage(rows: SourceRows, next: SyncState): Promise<void> {
    const tx = this.db.transaction([...SOURCE_ROW_STORES, 'outbox', 'syncState'], 'readwrite');
    try {
      await putSourceRows(tx, rows, await pendingActionIds(tx));
      await tx.objectStore('syncState').put(next);
      await tx.done;
    } catch (error) {
      abortQuietly(tx);
      await tx.done.catch(() => undefined);
      throw storageError(error);
    }
  }

  /**
   * Replaces what is stored for one account with the source's complete context (responses, actions and
   * sends the source no longer has are removed), and records when it was fetched.
   */
  async applyAccountContext(records: AccountRecords, meta: FetchMeta): Promise<void> {
    const tx = this.db.transaction([...SOURCE_ROW_STORES, 'outbox', 'fetchMeta'], 'readwrite');
    try {
      const pending = await pendingActionIds(tx);
      const accountId = records.account.id;
      const range = accountKeyRange(accountId);
      const keep = {
        responses: new Set(records.responses.map((r) => r.id)),
        actions: new Set(records.actions.map((a) => a.id)),
        sends: new Set(records.sends.map((s) => s.id)),
      };
      for (const key of await tx.objectStore('responses').getAllKeys(range)) {
        if (!keep.responses.has(key[2])) quiet(tx.objectStore('responses').delete(key));
      }
      for (const key of await tx.objectStore('actions').index('byAccount').getAllKeys(accountId)) {
        if (!keep.actions.has(key) && !pending.has(key)) quiet(tx.objectStore('actions').delete(key));
      }
      for (const key of await tx.objectStore('sends').getAllKeys(range)) {
        if (!keep.sends.has(key[2])) quiet(tx.objectStore('sends').delete(key));
      }
      await putSourceRows(tx, { accounts: [records.account], responses: records.responses, actions: records.actions, sends: records.sends }, pending);
      await tx.objectStore('fetchMeta').put(meta);
      await tx.done;
    } catch (error) {
      abortQuietly(tx);
      await tx.done.catch(() => undefined);
      throw storageError(error);
    }
  }

  /** Accounts the source named (a lookup's matches), stored so the page resolves to them locally. */
  async putSourceAccounts(accounts: Account[]): Promise<void> {
    const tx = this.db.transaction([...SOURCE_ROW_STORES, 'outbox'], 'readwrite');
    await putSourceRows(tx, { accounts, responses: [], actions: [], sends: [] }, new Set());
    await tx.done;
  }

  getFetchMeta(accountId: string): Promise<FetchMeta | undefined> {
    return this.db.get('fetchMeta', accountId);
  }

  async putFetchMeta(meta: FetchMeta): Promise<void> {
    await this.db.put('fetchMeta', meta);
  }

  getLookup(key: string): Promise<LookupRecord | undefined> {
    return this.db.get('lookups', key);
  }

  async putLookup(record: LookupRecord): Promise<void> {
    await this.db.put('lookups', record);
  }

  /** Forgets where the sync was and what was fetched when (the data itself stays). */
  async clearSourceCache(): Promise<void> {
    const tx = this.db.transaction(['syncState', 'fetchMeta', 'lookups'], 'readwrite');
    await Promise.all([tx.objectStore('syncState').clear(), tx.objectStore('fetchMeta').clear(), tx.objectStore('lookups').clear()]);
    await tx.done;
  }

  /** Saves an action locally and queues its write to the source, in one transaction. */
  async enqueueActionWrite(action: Action, op: OutboxEntry['op'], idempotencyKey: string, now: number): Promise<OutboxEntry> {
    const tx = this.db.transaction(['actions', 'outbox'], 'readwrite');
    const earlier = await tx.objectStore('outbox').index('byAction').getAll(action.id);
    const stored = await tx.objectStore('actions').get(action.id);
    // An update queued behind writes not yet delivered learns its base when they are; otherwise its base
    // is the source's version stored now.
    const base = op === 'create' || earlier.length > 0 ? null : (stored?.updatedAt ?? null);
    const entry: OutboxEntry = {
      actionId: action.id,
      op: op === 'update' && !stored && earlier.length === 0 ? 'create' : op,
      action,
      base,
      idempotencyKey,
      enqueuedAt: now,
      attempts: 0,
      nextAttemptAt: now,
      state: 'pending',
      lastError: null,
    };
    void tx.objectStore('actions').put(action);
    entry.seq = await tx.objectStore('outbox').add(entry);
    await tx.done;
    return entry;
  }

  /** The outbox in delivery order. */
  listOutbox(): Promise<OutboxEntry[]> {
    return this.db.getAll('outbox');
  }

  getOutboxEntry(seq: number): Promise<OutboxEntry | undefined> {
    return this.db.get('outbox', seq);
  }

  async updateOutboxEntry(entry: OutboxEntry): Promise<void> {
    await this.db.put('outbox', entry);
  }

  /**
   * A write reached the source: the entry goes, and the source's version of the action is stored —
   * unless later writes to it are still queued, which then build on that version.
   */
  async outboxDelivered(seq: number, result: Action): Promise<void> {
    const tx = this.db.transaction(['actions', 'outbox'], 'readwrite');
    const outbox = tx.objectStore('outbox');
    const entry = await outbox.get(seq);
    if (!entry) {
      await tx.done;
      return;
    }
    void outbox.delete(seq);
    const later = (await outbox.index('byAction').getAll(entry.actionId)).filter((e) => e.seq !== seq);
    const next = later.sort((a, b) => a.seq! - b.seq!)[0];
    if (next) {
      if (next.base === null) void outbox.put({ ...next, op: 'update', base: result.updatedAt });
    } else void tx.objectStore('actions').put(result);
    await tx.done;
  }

  /**
   * Drops an action's queued writes and stores the source's version instead ("take theirs"); null
   * removes the action (it never reached the source), undefined leaves what is stored.
   */
  async discardActionWrites(actionId: string, theirs: Action | null | undefined): Promise<void> {
    const tx = this.db.transaction(['actions', 'outbox'], 'readwrite');
    const outbox = tx.objectStore('outbox');
    for (const key of await outbox.index('byAction').getAllKeys(actionId)) void outbox.delete(key);
    if (theirs) void tx.objectStore('actions').put(theirs);
    else if (theirs === null) void tx.objectStore('actions').delete(actionId);
    await tx.done;
  }

  // ---- secrets (the key that encrypts the source's token at rest) ----------------------------------

  async getSecretKey(id: string): Promise<CryptoKey | undefined> {
    return (await this.db.get('secrets', id))?.key;
  }

  async putSecretKey(id: string, key: CryptoKey): Promise<void> {
    await this.db.put('secrets', { id, key });
  }
}

// ---- export (issue 4): a response's position in the store's key order, as an opaque string --------

function responsePosition(response: SurveyResponse): string {
  return JSON.stringify([response.accountId, response.respondedAt, response.id]);
}

function responseKeyFrom(position: string): ClusteredKey {
  let key: unknown;
  try {
    key = JSON.parse(position);
  } catch {
    key = null;
  }
  if (!Array.isArray(key) || key.length !== 3 || typeof key[0] !== 'string' || typeof key[1] !== 'number' || typeof key[2] !== 'string') {
    throw new Error(`Export: "after" is not a position this export gave (${position.slice(0, 80)})`);
  }
  return key as ClusteredKey;
}

// ---- data sources (issue 8): helpers for the block above ----------------------------------------

/** Rows a source sent: authoritative, they replace what is stored under the same ids. */
export interface SourceRows {
  accounts: Account[];
  responses: SurveyResponse[];
  actions: Action[];
  sends: SurveySend[];
}

const SOURCE_ROW_STORES = ['accounts', 'respondents', 'responses', 'actions', 'sends'] as const;
type SourceTx = IDBPTransaction<NpsDB, Array<StoreNames<NpsDB>>, 'readwrite'>;

/** A request whose failure the transaction reports (through `tx.done`); not an unhandled rejection. */
function quiet(request: Promise<unknown>): void {
  request.catch(() => undefined);
}

function abortQuietly(tx: { abort(): void }): void {
  try {
    tx.abort();
  } catch {
    // Already finished: it failed on its own.
  }
}

async function pendingActionIds(tx: SourceTx): Promise<Set<string>> {
  return new Set((await tx.objectStore('outbox').getAll()).map((e) => e.actionId));
}

async function putSourceRows(tx: SourceTx, rows: SourceRows, pendingActions: ReadonlySet<string>): Promise<void> {
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
  // A row the source moved to another account (or date) replaces the stored one (`putClustered`).
  await putClustered(bulk(tx.objectStore('responses')), rows.responses);
  const respondents = tx.objectStore('respondents');
  for (const response of rows.responses) {
    const person = respondentOf(response);
    if (!person) continue;
    const known = await respondents.get([person.accountId, person.key]);
    if (!known || known.lastRespondedAt <= person.lastRespondedAt) quiet(respondents.put(person));
    const domain = person.email ? workEmailDomain(person.email) : null;
    if (!domain) continue;
    const account = touched.get(response.accountId) ?? (await accounts.get(response.accountId));
    if (account && !account.emailDomains.includes(domain)) touched.set(account.id, { ...account, emailDomains: [...account.emailDomains, domain] });
  }
  for (const account of touched.values()) quiet(accounts.put(account));
  for (const action of rows.actions) if (!pendingActions.has(action.id)) quiet(tx.objectStore('actions').put(action));
  await putClustered(bulk(tx.objectStore('sends')), rows.sends);
}
