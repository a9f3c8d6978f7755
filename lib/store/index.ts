/**
 * Queries over the IndexedDB store. Only the background service worker constructs an NpsStore.
 */
import type { Account, AccountFacts, AccountRecords, Action, SurveyResponse, SurveySend } from '../model';
import { normaliseAccountName } from '../model/names';
import type { ExportRecords } from '../export/records';
import { unwrap, type IDBPObjectStore, type IDBPTransaction, type StoreNames } from 'idb';
import { workEmailDomain } from '../model/mail';
import { accountBlockRange, BlockWriter, forEachStoredId, rowsOfBlocks, SMALL_BLOCK_ROWS, type RowBlock } from './blocks';
import { IdFilter } from './id-filter';
import {
  openNpsDatabase,
  respondentOf,
  type FetchMeta,
  type LookupRecord,
  type OutboxEntry,
  type SyncState,
  type NpsDB,
  type Respondent,
  mergePeople,
  type ImportRecord,
  type RespondentList,
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
    // Normalising a name is the costly part of a merge, and most merges repeat the stored name.
    nameKey: stored && stored.name === merged.name ? stored.nameKey : normaliseAccountName(merged.name),
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

function sameFacts(a: AccountFacts, b: AccountFacts): boolean {
  return (
    a.id === b.id && a.name === b.name && a.updatedAt === b.updatedAt && sameList(a.domains, b.domains) &&
    sameList(a.salesforceIds, b.salesforceIds) && sameList(a.zendeskOrganizationIds, b.zendeskOrganizationIds) &&
    sameList(a.hubspotCompanyIds, b.hubspotCompanyIds)
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

type CommitTx = IDBPTransaction<NpsDB, Array<'staging' | 'accounts' | 'respondentLists' | 'responseBlocks' | 'actions' | 'sendBlocks' | 'imports'>, 'readwrite'>;

/**
 * When a commit writes every row it holds, part-filled blocks too (an account's rows are written as
 * soon as they fill a block): when it holds more than `COMMIT_HOLD_PER_ACCOUNT` rows per account
 * waiting, so that blocks written then are not small ones to be written again (blocks.ts), within
 * `COMMIT_HOLD_MIN`..`COMMIT_HOLD_MAX` rows (≈ 350 bytes each) to bound its memory.
 */
const COMMIT_HOLD_PER_ACCOUNT = SMALL_BLOCK_ROWS * 1.25;
const COMMIT_HOLD_MIN = 50_000;
const COMMIT_HOLD_MAX = 150_000;

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
  /** The facts last merged under each imported key, and the account they made (while it is current). */
  private readonly merged = new Map<string, { facts: AccountFacts; result: StoredAccount }>();
  /** Each respondent's newest answer in the batches so far, written once, when the commit ends. */
  private readonly people = new Map<string, Respondent>();
  private readonly responses: BlockWriter<SurveyResponse>;
  private readonly sends: BlockWriter<SurveySend>;

  private constructor(
    private readonly tx: CommitTx,
    private readonly committedAt: number,
    filters: { responses: IdFilter; sends: IdFilter },
  ) {
    const writer = <T extends SurveyResponse | SurveySend>(store: IDBObjectStore, filter: IdFilter) =>
      new BlockWriter<T>(store, { mayBeStored: (id) => filter.mayHave(id), stored: (id) => filter.add(id) });
    this.responses = writer(bulk(tx.objectStore('responseBlocks')), filters.responses);
    this.sends = writer(bulk(tx.objectStore('sendBlocks')), filters.sends);
  }

  /**
   * A commit of about `rows` rows: first learns which ids are stored (into a filter that rules out
   * nearly every new id without a lookup), reading only the `byId` indexes' keys.
   */
  static async start(tx: CommitTx, committedAt: number, rows: number): Promise<CommitRun> {
    const filter = async (name: 'responseBlocks' | 'sendBlocks') => {
      const store = bulk(tx.objectStore(name));
      const stored = await tx.objectStore(name).index('byId').count();
      const ids = new IdFilter(stored + rows);
      if (stored > 0) await forEachStoredId(store, (id) => ids.add(id));
      return ids;
    };
    const [responses, sends] = await Promise.all([filter('responseBlocks'), filter('sendBlocks')]);
    return new CommitRun(tx, committedAt, { responses, sends });
  }

  async apply(staged: StagedBatch): Promise<void> {
    const { committedAt } = this;
    // Forgotten together: a remembered key must always find its remembered account.
    if (this.accountKey.size > COMMIT_CACHE_LIMIT || this.accounts.size > COMMIT_CACHE_LIMIT) {
      this.accountKey.clear();
      this.accounts.clear();
      this.merged.clear();
    }
    const accounts = this.tx.objectStore('accounts');

    // Accounts: the stored account each imported key belongs to, then the batch's facts merged in.
    const unknown = staged.accounts.filter((facts) => !this.accountKey.has(facts.id));
    const found = await Promise.all(unknown.map((facts) => findStoredAccount(accounts as unknown as AccountsStore, facts)));
    const storedFor = new Map<string, StoredAccount | undefined>();
    unknown.forEach((facts, i) => storedFor.set(facts.id, found[i]));
    const touched = new Set<string>();
    for (const incoming of staged.accounts) {
      // Most batches repeat what the batches before said of an account: then there is nothing to do.
      const seen = this.merged.get(incoming.id);
      if (seen && sameFacts(seen.facts, incoming) && this.accounts.get(seen.result.id) === seen.result) continue;
      const knownKey = this.accountKey.get(incoming.id);
      const stored = knownKey !== undefined ? this.accounts.get(knownKey) : storedFor.get(incoming.id);
      const current = stored ? (this.accounts.get(stored.id) ?? stored) : undefined;
      const account = mergeAccount(current, incoming, committedAt);
      this.accountKey.set(incoming.id, account.id);
      // Most batches repeat what is known of an account: then there is nothing to write (or to index).
      if (current && sameAccount(current, account)) {
        this.accounts.set(current.id, current);
        this.merged.set(incoming.id, { facts: incoming, result: current });
        continue;
      }
      this.accounts.set(account.id, account);
      this.merged.set(incoming.id, { facts: incoming, result: account });
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
    for (const response of responses) this.responses.add(response);

    for (const [id, person] of people) {
      const known = this.people.get(id);
      if (!known || known.lastRespondedAt < person.lastRespondedAt) this.people.set(id, person);
    }
    if (this.people.size > COMMIT_CACHE_LIMIT) await this.writeRespondents();

    const actions = bulk(this.tx.objectStore('actions'));
    for (const a of staged.actions) actions.put({ ...a, accountId: keyOf(a.accountId) });
    for (const send of staged.sends) this.sends.add({ ...send, accountId: keyOf(send.accountId) });
    // Each account's rows go as soon as they fill a block; all that wait, when they are too many.
    await this.responses.flushFull();
    await this.sends.flushFull();
    const held = this.responses.size + this.sends.size;
    const limit = Math.min(COMMIT_HOLD_MAX, Math.max(COMMIT_HOLD_MIN, (this.responses.accounts + this.sends.accounts) * COMMIT_HOLD_PER_ACCOUNT));
    if (held > limit) await this.flushRows();
  }

  /** Writes the rows collected so far as blocks. */
  async flushRows(): Promise<void> {
    await this.responses.flush();
    await this.sends.flush();
  }

  /** Writes the respondents met since the last call into their accounts' lists: one read and one write per account. */
  async writeRespondents(): Promise<void> {
    const people = [...this.people.values()];
    this.people.clear();
    await putPeople(this.tx.objectStore('respondentLists'), people);
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

  async respondentsOf(accountId: string): Promise<Respondent[]> {
    return (await this.db.get('respondentLists', accountId))?.people ?? [];
  }

  /** Every respondent (the role mapping editor's preview counts them). */
  async allRespondents(): Promise<Respondent[]> {
    return (await this.db.getAll('respondentLists')).flatMap((list) => list.people);
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
    const tx = this.db.transaction(['accounts', 'responseBlocks', 'actions', 'sendBlocks'], 'readonly');
    const found = await Promise.all(
      accountIds.map(async (accountId) => {
        // An account's responses and sends are a few blocks, one contiguous key range each (blocks.ts).
        const range = accountBlockRange(accountId);
        const [account, responses, actions, sends] = await Promise.all([
          tx.objectStore('accounts').get(accountId),
          tx.objectStore('responseBlocks').getAll(range),
          tx.objectStore('actions').index('byAccount').getAll(accountId),
          tx.objectStore('sendBlocks').getAll(range),
        ]);
        return account ? { account: plainAccount(account), responses: rowsOfBlocks(responses), actions, sends: rowsOfBlocks(sends) } : undefined;
      }),
    );
    await tx.done;
    return found;
  }

  /** True when no account is stored (cheaper than counting). */
  async isEmpty(): Promise<boolean> {
    return (await this.db.getAllKeys('accounts', undefined, 1)).length === 0;
  }

  /** One response by its id (the `byId` index finds its block). */
  async getResponse(id: string): Promise<SurveyResponse | undefined> {
    const block = await this.db.getFromIndex('responseBlocks', 'byId', id);
    return block?.rows[block.ids.indexOf(id)];
  }

  getAction(id: string): Promise<Action | undefined> {
    return this.db.get('actions', id);
  }

  async putAction(action: Action): Promise<void> {
    await this.db.put('actions', action);
  }

  async counts(): Promise<StoreCounts> {
    const tx = this.db.transaction(['accounts', 'responseBlocks', 'actions', 'sendBlocks'], 'readonly');
    // Rows, not blocks: each row's id is one entry of its store's `byId` index.
    const [accounts, responses, actions, sends] = await Promise.all([
      tx.objectStore('accounts').count(),
      tx.objectStore('responseBlocks').index('byId').count(),
      tx.objectStore('actions').count(),
      tx.objectStore('sendBlocks').index('byId').count(),
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

    const tx = this.db.transaction(['staging', 'accounts', 'respondentLists', 'responseBlocks', 'actions', 'sendBlocks', 'imports'], 'readwrite');
    try {
      // One instant for the whole commit: an account met in every batch is written once, not per batch.
      const commit = await CommitRun.start(tx, Date.now(), record.imported);
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
      await commit.flushRows();
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
   * responses block by block, so by account), with their accounts, and the position to continue from
   * (null at the end; opaque to the caller). Each page is its own short read transaction.
   */
  async exportPage(kind: ExportRecords['kind'], after: string | null, limit: number): Promise<ExportPage> {
    let records: Array<SurveyResponse | Action>;
    let next: string | null;
    const tx = this.db.transaction([kind === 'responses' ? 'responseBlocks' : 'actions', 'accounts'], 'readonly');
    if (kind === 'responses') {
      ({ records, next } = await responsesPage(tx.objectStore('responseBlocks'), after === null ? null : positionFrom(after), limit));
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

  async clearAll(): Promise<void> {
    const names = ['accounts', 'respondentLists', 'responseBlocks', 'actions', 'sendBlocks', 'staging', 'imports', 'links'] as const;
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
      const keepActions = new Set(records.actions.map((a) => a.id));
      for (const key of await tx.objectStore('actions').index('byAccount').getAllKeys(accountId)) {
        if (!keepActions.has(key) && !pending.has(key)) quietly(tx.objectStore('actions').delete(key));
      }
      // The account's responses and sends are the source's now: its blocks go, and the context is
      // written afresh. Only ids the account did not hold can be stored elsewhere (and are looked up).
      const own = async (name: 'responseBlocks' | 'sendBlocks') => {
        const range = accountBlockRange(accountId);
        const ids = new Set((await tx.objectStore(name).getAll(range)).flatMap((block) => block.ids));
        quietly(tx.objectStore(name).delete(range));
        return ids;
      };
      const [ownResponses, ownSends] = await Promise.all([own('responseBlocks'), own('sendBlocks')]);
      await putSourceRows(tx, { accounts: [records.account], responses: records.responses, actions: records.actions, sends: records.sends }, pending, {
        responses: (id) => !ownResponses.has(id),
        sends: (id) => !ownSends.has(id),
      });
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

// ---- export (issue 4): a position among the stored responses ([block key, row offset]), as a string -

type ExportPosition = [string, number, number];

async function responsesPage(
  blocks: { openCursor(range?: IDBKeyRange): Promise<{ value: RowBlock<SurveyResponse>; continue(): Promise<unknown> } | null> },
  from: ExportPosition | null,
  limit: number,
): Promise<{ records: SurveyResponse[]; next: string | null }> {
  const records: SurveyResponse[] = [];
  type Cursor = { value: RowBlock<SurveyResponse>; continue(): Promise<Cursor | null> };
  let cursor = (await blocks.openCursor(from ? IDBKeyRange.lowerBound([from[0], from[1]]) : undefined)) as Cursor | null;
  for (; cursor; cursor = await cursor.continue()) {
    const block = cursor.value;
    const start = from && block.accountId === from[0] && block.n === from[1] ? from[2] : 0;
    const taken = block.rows.slice(start, start + limit - records.length);
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

/** Merges people into their accounts' respondent lists (`mergePeople`): one read and one write per account. */
async function putPeople(
  lists: { get(key: string): Promise<RespondentList | undefined>; put(value: RespondentList): Promise<unknown> },
  people: readonly Respondent[],
): Promise<void> {
  const byAccount = new Map<string, Respondent[]>();
  for (const person of people) {
    const list = byAccount.get(person.accountId);
    if (list) list.push(person);
    else byAccount.set(person.accountId, [person]);
  }
  const accountIds = [...byAccount.keys()];
  const stored = await Promise.all(accountIds.map((id) => lists.get(id)));
  accountIds.forEach((accountId, i) => {
    quietly(lists.put({ accountId, people: mergePeople(stored[i]?.people ?? [], byAccount.get(accountId)!) }));
  });
}

// ---- data sources (issue 8): helpers for the block above ----------------------------------------

/** Rows a source sent: authoritative, they replace what is stored under the same ids. */
export interface SourceRows {
  accounts: Account[];
  responses: SurveyResponse[];
  actions: Action[];
  sends: SurveySend[];
}

const SOURCE_ROW_STORES = ['accounts', 'respondentLists', 'responseBlocks', 'actions', 'sendBlocks'] as const;
type SourceTx = IDBPTransaction<NpsDB, Array<StoreNames<NpsDB>>, 'readwrite'>;

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

async function putSourceRows(
  tx: SourceTx,
  rows: SourceRows,
  pendingActions: ReadonlySet<string>,
  mayBeStored: { responses?: (id: string) => boolean; sends?: (id: string) => boolean } = {},
): Promise<void> {
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
  // A row the source moved to another account replaces the stored one (`BlockWriter`).
  const responses = new BlockWriter<SurveyResponse>(bulk(tx.objectStore('responseBlocks')), { mayBeStored: mayBeStored.responses });
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
  for (const action of rows.actions) if (!pendingActions.has(action.id)) quietly(tx.objectStore('actions').put(action));
  const sends = new BlockWriter<SurveySend>(bulk(tx.objectStore('sendBlocks')), { mayBeStored: mayBeStored.sends });
  for (const send of rows.sends) sends.add(send);
  await sends.flush();
}
