/**
 * Queries over the IndexedDB store. Only the background service worker constructs an NpsStore.
 */
import type { Account, AccountFacts, AccountRecords, Action } from '../model';
import { normaliseAccountName } from '../import/names';
import {
  openNpsDatabase,
  type ImportRecord,
  type ManualLink,
  type NpsDatabase,
  type StagedBatch,
  type StoredAccount,
} from './db';

export type { ImportRecord, ManualLink, StagedBatch, StoredAccount } from './db';

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

/**
 * Merges what an import says about an account into what is stored: ids and domains accumulate, a
 * newer name replaces an older one, and a file without names never erases one.
 */
export function mergeAccount(stored: Account | undefined, incoming: AccountFacts, now: number): StoredAccount {
  const merged: Account = {
    id: incoming.id,
    name: incoming.name || stored?.name || incoming.id,
    domains: union(stored?.domains ?? [], incoming.domains),
    salesforceIds: union(stored?.salesforceIds ?? [], incoming.salesforceIds),
    zendeskOrganizationIds: union(stored?.zendeskOrganizationIds ?? [], incoming.zendeskOrganizationIds),
    hubspotCompanyIds: union(stored?.hubspotCompanyIds ?? [], incoming.hubspotCompanyIds),
    updatedAt: incoming.updatedAt ?? now,
  };
  return { ...merged, nameKey: normaliseAccountName(merged.name) };
}

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

  accountsByName(name: string): Promise<StoredAccount[]> {
    const key = normaliseAccountName(name);
    return key ? this.db.getAllFromIndex('accounts', 'byNameKey', key) : Promise.resolve([]);
  }

  /** Everything the metrics need for one account, read in one transaction. */
  async getAccountRecords(accountId: string): Promise<AccountRecords | undefined> {
    const tx = this.db.transaction(['accounts', 'responses', 'actions', 'sends'], 'readonly');
    const range = IDBKeyRange.bound([accountId, -Infinity], [accountId, Infinity]);
    const [account, responses, actions, sends] = await Promise.all([
      tx.objectStore('accounts').get(accountId),
      tx.objectStore('responses').index('byAccount').getAll(range),
      tx.objectStore('actions').index('byAccount').getAll(accountId),
      tx.objectStore('sends').index('byAccount').getAll(range),
    ]);
    await tx.done;
    if (!account) return undefined;
    const { nameKey: _nameKey, ...plain } = account;
    return { account: plain, responses, actions, sends };
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
    const tx = this.db.transaction(['staging', 'imports'], 'readwrite');
    const record = await tx.objectStore('imports').get(batch.importId);
    if (!record || record.state !== 'staging') {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw new Error(`Import ${batch.importId} is not accepting rows (${record?.state ?? 'unknown'})`);
    }
    await tx.objectStore('staging').put(batch);
    record.batches = Math.max(record.batches, batch.seq + 1);
    record.touchedAt = Date.now();
    await tx.objectStore('imports').put(record);
    await tx.done;
  }

  /**
   * Applies the staged batches to the live stores, one transaction per batch, and records how far it
   * got, so a commit cut off by the worker stopping resumes where it was (see resumeCommits).
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

    for (let seq = record.committedBatches; seq < record.batches; seq++) {
      const tx = this.db.transaction(['staging', 'accounts', 'responses', 'actions', 'sends', 'imports'], 'readwrite');
      const staged = await tx.objectStore('staging').get([importId, seq]);
      if (staged) {
        const accounts = tx.objectStore('accounts');
        const committedAt = Date.now();
        for (const incoming of staged.accounts) {
          const stored = await accounts.get(incoming.id);
          await accounts.put(mergeAccount(stored, incoming, committedAt));
        }
        const responses = tx.objectStore('responses');
        for (const r of staged.responses) void responses.put(r);
        const actions = tx.objectStore('actions');
        for (const a of staged.actions) void actions.put(a);
        const sends = tx.objectStore('sends');
        for (const s of staged.sends) void sends.put(s);
        void tx.objectStore('staging').delete([importId, seq]);
      }
      record = { ...record, committedBatches: seq + 1 };
      await tx.objectStore('imports').put(record);
      await tx.done;
      onProgress?.(seq + 1, record.batches);
    }
    record = { ...record, state: 'committed', finishedAt: Date.now() };
    await this.db.put('imports', record);
    return record;
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

  async clearAll(): Promise<void> {
    const names = ['accounts', 'responses', 'actions', 'sends', 'staging', 'imports', 'links'] as const;
    const tx = this.db.transaction([...names], 'readwrite');
    await Promise.all(names.map((n) => tx.objectStore(n).clear()));
    await tx.done;
  }
}
