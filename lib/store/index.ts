/**
 * The store: the only code that opens the extension's IndexedDB (the background service worker
 * constructs it). This class is the facade; each job is a module of its own: account queries here,
 * the import lifecycle (`imports.ts`, `import-staging.ts`, `import-end.ts`, `commit-run.ts`; rows written once into staged blocks:
 * `staged-blocks.ts`, `staged-commit.ts`), export pages (`export-pages.ts`), the data
 * source's cache (`source-cache.ts`), the outbox (`outbox.ts`); the schema and migrations in `db.ts`,
 * responses and sends in blocks (`blocks.ts`).
 */
import type { Account, AccountRecords, Action, StoredInsight, SurveyResponse } from '../model';
import type { ExportRecords } from '../export/records';
import { normaliseAccountName } from '../model/names';
import { accountBlockRange, rowsOfBlocks } from './blocks';
import { plainAccount } from './account-merge';
import { isPendingImport, liveBlocks } from './staged-blocks';
import { unpackBlock, unpackBlocks } from './block-columns';
import { countRows } from './row-counts';
import { bulk } from './tx-helpers';
import {
  openNpsDatabase,
  type FetchMeta,
  type ImportRecord,
  type LookupRecord,
  type ManualLink,
  type NpsDatabase,
  type OutboxEntry,
  type Respondent,
  type StagedBatch,
  type StoredAccount,
  type SyncState,
} from './db';
import { exportPage, type ExportPage } from './export-pages';
import { accountRecordsPage, type AccountRecordsPage } from './account-pages';
import * as insights from './comment-insights';
import type { PendingPage, PendingScope } from './comment-insights';
import * as imports from './imports';
import * as outbox from './outbox';
import * as cache from './source-cache';
import type { SourceRows } from './source-cache';
import { pagesReadAhead } from './read-ahead';

export type { ImportRecord, ManualLink, Respondent, StagedBatch, StoredAccount } from './db';
export type { FetchMeta, LookupRecord, OutboxEntry, SyncState } from './db';
export type { ExportPage } from './export-pages';
export type { AccountRecordsPage } from './account-pages';
export type { PendingComment, PendingPage, PendingScope } from './comment-insights';
export type { SourceRows } from './source-cache';
export { mergeAccount } from './account-merge';

export interface StoreCounts {
  accounts: number;
  responses: number;
  actions: number;
  sends: number;
}


export class NpsStore {
  /** The rows of the imports staging now, waiting in memory for their blocks (`imports.ts`). */
  private readonly staging = new imports.StagingSessions();

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

  /**
   * Every account in id order, `count` at a time (one range read each), for passes over every account:
   * no single read of all of them (50,000 records) for other reads to queue behind in IndexedDB and for
   * the worker to turn into objects in one task. 250 at a time: a read of 2,500 held the worker's
   * thread for tens of ms while it turned them into objects, whatever the slices of the pass around it.
   * The next page is read while the caller works on one (`read-ahead.ts`).
   */
  async *accountPages(count = 250): AsyncGenerator<StoredAccount[]> {
    yield* pagesReadAhead((after) => this.db.getAll('accounts', after === null ? undefined : IDBKeyRange.lowerBound(after, true), count), (a) => a.id, count);
  }

  /** The first account in id order (the demo page's default), or undefined when none is stored. */
  async firstAccount(): Promise<StoredAccount | undefined> {
    return (await this.db.getAll('accounts', undefined, 1))[0];
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
  /** The respondents of the `count` accounts after `after` (by id), and the id to read on from (null at the end). */
  async respondentsPage(after: string | null, count: number): Promise<{ people: Respondent[]; next: string | null }> {
    const lists = await this.db.getAll('respondentLists', after === null ? undefined : IDBKeyRange.lowerBound(after, true), count);
    return { people: lists.flatMap((list) => list.people), next: lists.length === count ? lists[lists.length - 1]!.accountId : null };
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
    const tx = this.db.transaction(['accounts', 'responseBlocks', 'actions', 'sendBlocks', 'imports'], 'readonly');
    const importsStore = tx.objectStore('imports');
    const found = await Promise.all(
      accountIds.map(async (accountId) => {
        // An account's responses and sends are a few blocks, one contiguous key range each (blocks.ts);
        // blocks an import staged count once it is committed (staged-blocks.ts).
        const range = accountBlockRange(accountId);
        const [account, responses, actions, sends] = await Promise.all([
          tx.objectStore('accounts').get(accountId),
          tx.objectStore('responseBlocks').getAll(range).then(async (blocks) => unpackBlocks(await liveBlocks(blocks, importsStore))),
          tx.objectStore('actions').index('byAccount').getAll(accountId),
          tx.objectStore('sendBlocks').getAll(range).then(async (blocks) => unpackBlocks(await liveBlocks(blocks, importsStore))),
        ]);
        return account ? { account: plainAccount(account), responses: rowsOfBlocks(responses), actions, sends: rowsOfBlocks(sends) } : undefined;
      }),
    );
    await tx.done;
    return found;
  }

  /** The `count` accounts after `after` with all their records, a few range reads (`account-pages.ts`). */
  accountRecordsPage(after: string | null, count: number): Promise<AccountRecordsPage> {
    return accountRecordsPage(this.db, after, count);
  }

  /** True when no account is stored (cheaper than counting). */
  async isEmpty(): Promise<boolean> {
    return (await this.db.getAllKeys('accounts', undefined, 1)).length === 0;
  }

  /** One response by its id (the `byId` index finds its block). */
  async getResponse(id: string): Promise<SurveyResponse | undefined> {
    const tx = this.db.transaction(['responseBlocks', 'imports'], 'readonly');
    const blocks = await liveBlocks(await tx.objectStore('responseBlocks').index('byId').getAll(id), tx.objectStore('imports'));
    await tx.done;
    const block = blocks[0];
    return block && unpackBlock(block).rows[block.ids.indexOf(id)];
  }

  getAction(id: string): Promise<Action | undefined> {
    return this.db.get('actions', id);
  }

  async putAction(action: Action): Promise<void> {
    await this.db.put('actions', action);
  }

  async counts(): Promise<StoreCounts> {
    const tx = this.db.transaction(['accounts', 'responseBlocks', 'actions', 'sendBlocks', 'imports'], 'readonly');
    // Rows, not blocks (row-counts.ts); rows of imports not committed yet are left out.
    const [accounts, responses, actions, sends, all] = await Promise.all([
      tx.objectStore('accounts').count(),
      countRows(bulk(tx.objectStore('responseBlocks'))),
      tx.objectStore('actions').count(),
      countRows(bulk(tx.objectStore('sendBlocks'))),
      tx.objectStore('imports').getAll(),
    ]);
    await tx.done;
    const staged = (store: 'responses' | 'sends') => all.filter(isPendingImport).reduce((sum, r) => sum + (r.stagedRows?.[store] ?? 0), 0);
    return { accounts, responses: responses - staged('responses'), actions, sends: sends - staged('sends') };
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

  // ---- imports: staged, then committed, so a failed or cancelled import changes nothing (imports.ts)

  beginImport(record: ImportRecord): Promise<void> {
    return imports.beginImport(this.db, record);
  }

  getImport(id: string): Promise<ImportRecord | undefined> {
    return imports.getImport(this.db, id);
  }

  listImports(): Promise<ImportRecord[]> {
    return imports.listImports(this.db);
  }

  /** Stages one batch; nothing the panel reads changes until the import is committed. */
  stageBatch(batch: StagedBatch): Promise<void> {
    return imports.stageBatch(this.db, this.staging, batch);
  }

  /** The file is read: rows waiting in memory are staged, and the import is ready to commit (`imports.ts`). */
  endImportStaging(importId: string, totals: { imported: number; rejected: number }): Promise<ImportRecord> {
    return imports.endImportStaging(this.db, this.staging, importId, totals);
  }

  /** Applies the staged batches to the live stores in one transaction (see `imports.ts`); `onChanged` hears what a small import changed. */
  commitImport(importId: string, totals: { imported: number; rejected: number }, onProgress?: (done: number, total: number) => void, onChanged?: imports.ChangedAccounts): Promise<ImportRecord> {
    return imports.commitImport(this.db, this.staging, importId, totals, onProgress, onChanged);
  }

  /** Drops an import's staged rows; the live data is untouched. */
  cancelImport(importId: string, state: 'cancelled' | 'failed' = 'cancelled', error?: string): Promise<void> {
    return imports.cancelImport(this.db, importId, state, error, this.staging);
  }

  /** At start-up: finish commits that were under way, drop stagings that can no longer finish. */
  recoverImports(now: number, abandonedAfterMs?: number): Promise<void> {
    return imports.recoverImports(this.db, this.staging, now, abandonedAfterMs);
  }

  /** Gives up an import that was not committed; the stored data is untouched (imports.ts). */
  discardImport(importId: string): Promise<void> {
    return imports.discardImport(this.db, importId, this.staging);
  }

  /** Up to `limit` responses or actions after the position `after`, with their accounts (export-pages.ts). */
  exportPage(kind: ExportRecords['kind'], after: string | null, limit: number): Promise<ExportPage> {
    return exportPage(this.db, kind, after, limit);
  }

  // ---- comment insights: what still needs reading, and the results beside their responses (comment-insights.ts)

  /**
   * Comments whose result is missing or was made with another `key`, from the blocks after `after`: in
   * every block, or (`unread`) only in those marked as holding a comment not read at all.
   */
  pendingComments(key: string, after: [string, number] | null, limit: number, scope: PendingScope = 'all'): Promise<PendingPage> {
    return insights.pendingComments(this.db, key, after, limit, scope);
  }

  /** Blocks marked as holding a comment not read at all (the `unread` pass's measure of its progress). */
  countUnreadBlocks(): Promise<number> {
    return insights.countUnreadBlocks(this.db);
  }

  /** Up to `limit` stored comments, for the taxonomy editor's live counts. */
  sampleComments(limit: number): Promise<string[]> {
    return insights.sampleComments(this.db, limit);
  }

  /** Counted responses with a comment since `since`, over every account, and how many the window holds. */
  commentedResponsesSince(since: number | null) {
    return insights.commentedResponsesSince(this.db, since);
  }

  countResponseBlocks(): Promise<number> {
    return insights.countResponseBlocks(this.db);
  }

  /** Stores results beside their responses, where the comment is still the one that was read. */
  saveInsights(results: ReadonlyArray<{ id: string; block: [string, number]; text: string; insight: StoredInsight }>): Promise<number> {
    return insights.saveInsights(this.db, results);
  }

  async clearAll(): Promise<void> {
    const names = ['accounts', 'respondentLists', 'responseBlocks', 'actions', 'sendBlocks', 'staging', 'imports', 'links'] as const;
    const tx = this.db.transaction([...names], 'readwrite');
    await Promise.all(names.map((n) => tx.objectStore(n).clear()));
    await tx.done;
  }

  // ---- data sources: what the HTTP source brought, the sync's position (source-cache.ts) --------

  getSyncState(sourceKey: string): Promise<SyncState | undefined> {
    return cache.getSyncState(this.db, sourceKey);
  }

  putSyncState(state: SyncState): Promise<void> {
    return cache.putSyncState(this.db, state);
  }

  /** Stores one page of changes and the sync position after it, in one transaction. */
  applyChangesPage(rows: SourceRows, next: SyncState): Promise<Set<string>> {
    return cache.applyChangesPage(this.db, rows, next);
  }

  /** Replaces what is stored for one account with the source's complete context. */
  applyAccountContext(records: AccountRecords, meta: FetchMeta): Promise<Set<string>> {
    return cache.applyAccountContext(this.db, records, meta);
  }

  /** Accounts the source named (a lookup's matches), stored so the page resolves to them locally. */
  putSourceAccounts(accounts: Account[]): Promise<void> {
    return cache.putSourceAccounts(this.db, accounts);
  }

  getFetchMeta(accountId: string): Promise<FetchMeta | undefined> {
    return cache.getFetchMeta(this.db, accountId);
  }

  putFetchMeta(meta: FetchMeta): Promise<void> {
    return cache.putFetchMeta(this.db, meta);
  }

  getLookup(key: string): Promise<LookupRecord | undefined> {
    return cache.getLookup(this.db, key);
  }

  putLookup(record: LookupRecord): Promise<void> {
    return cache.putLookup(this.db, record);
  }

  /** Forgets where the sync was and what was fetched when (the data itself stays). */
  clearSourceCache(): Promise<void> {
    return cache.clearSourceCache(this.db);
  }

  // ---- the outbox of action writes to the source (outbox.ts) ------------------------------------

  /** Saves an action locally and queues its write to the source, in one transaction. */
  enqueueActionWrite(action: Action, op: OutboxEntry['op'], idempotencyKey: string, now: number): Promise<OutboxEntry> {
    return outbox.enqueueActionWrite(this.db, action, op, idempotencyKey, now);
  }

  /** The outbox in delivery order. */
  listOutbox(): Promise<OutboxEntry[]> {
    return outbox.listOutbox(this.db);
  }

  getOutboxEntry(seq: number): Promise<OutboxEntry | undefined> {
    return outbox.getOutboxEntry(this.db, seq);
  }

  updateOutboxEntry(entry: OutboxEntry): Promise<void> {
    return outbox.updateOutboxEntry(this.db, entry);
  }

  /** A write reached the source: the entry goes, and the source's version is stored. */
  outboxDelivered(seq: number, result: Action): Promise<void> {
    return outbox.outboxDelivered(this.db, seq, result);
  }

  /** Drops an action's queued writes and stores the source's version instead ("take theirs"). */
  discardActionWrites(actionId: string, theirs: Action | null | undefined): Promise<void> {
    return outbox.discardActionWrites(this.db, actionId, theirs);
  }

  // ---- secrets (the key that encrypts the source's token at rest) ----------------------------------

  async getSecretKey(id: string): Promise<CryptoKey | undefined> {
    return (await this.db.get('secrets', id))?.key;
  }

  async putSecretKey(id: string, key: CryptoKey): Promise<void> {
    await this.db.put('secrets', { id, key });
  }
}
