/**
 * Queries over the IndexedDB store. Only the background service worker constructs an NpsStore.
 */
import type { Account, AccountFacts, AccountRecords, Action } from '../model';
import { normaliseAccountName } from '../import/names';
import type { IDBPObjectStore, StoreNames } from 'idb';
import { workEmailDomain } from '../model/mail';
import {
  openNpsDatabase,
  respondentOf,
  type NpsDB,
  type Respondent,
  type ImportRecord,
  type ManualLink,
  type NpsDatabase,
  type StagedBatch,
  type StoredAccount,
} from './db';

export type { ImportRecord, ManualLink, Respondent, StagedBatch, StoredAccount } from './db';

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
    const { nameKey: _nameKey, aliases: _aliases, emailDomains: _emailDomains, ...plain } = account;
    return { account: plain, responses, actions, sends };
  }

  /** The records of several accounts in one transaction (the popup summarises ten per keystroke). */
  async getManyAccountRecords(accountIds: readonly string[]): Promise<Array<AccountRecords | undefined>> {
    if (accountIds.length === 0) return [];
    const tx = this.db.transaction(['accounts', 'responses', 'actions', 'sends'], 'readonly');
    const found = await Promise.all(
      accountIds.map(async (accountId) => {
        const range = IDBKeyRange.bound([accountId, -Infinity], [accountId, Infinity]);
        const [account, responses, actions, sends] = await Promise.all([
          tx.objectStore('accounts').get(accountId),
          tx.objectStore('responses').index('byAccount').getAll(range),
          tx.objectStore('actions').index('byAccount').getAll(accountId),
          tx.objectStore('sends').index('byAccount').getAll(range),
        ]);
        if (!account) return undefined;
        const { nameKey: _nameKey, aliases: _aliases, emailDomains: _emailDomains, ...plain } = account;
        return { account: plain, responses, actions, sends };
      }),
    );
    await tx.done;
    return found;
  }

  /** True when no account is stored (cheaper than counting). */
  async isEmpty(): Promise<boolean> {
    return (await this.db.getAllKeys('accounts', undefined, 1)).length === 0;
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
   * Applies the staged batches to the live stores, one transaction per batch, and records how far it
   * got, so a commit cut off by the worker stopping resumes where it was (see recoverImports). Each
   * batch's transaction also deletes its staged copy, so committing needs no more room than staging
   * took: a full disk shows itself while staging, when failing changes nothing.
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
      const tx = this.db.transaction(['staging', 'accounts', 'respondents', 'responses', 'actions', 'sends', 'imports'], 'readwrite');
      const staged = await tx.objectStore('staging').get([importId, seq]);
      if (staged) {
        const accounts = tx.objectStore('accounts');
        const committedAt = Date.now();
        // The key each of the batch's accounts is stored under (it differs when merged into another).
        const accountKey = new Map<string, string>();
        const merged = new Map<string, StoredAccount>();
        for (const incoming of staged.accounts) {
          const stored = merged.get(accountKey.get(incoming.id) ?? '') ?? (await findStoredAccount(accounts, incoming));
          const account = mergeAccount(merged.get(stored?.id ?? '') ?? stored, incoming, committedAt);
          accountKey.set(incoming.id, account.id);
          merged.set(account.id, account);
        }
        const keyOf = (id: string) => accountKey.get(id) ?? id;

        const responses = tx.objectStore('responses');
        const people = new Map<string, Respondent>();
        for (const staged_ of staged.responses) {
          const r = { ...staged_, accountId: keyOf(staged_.accountId) };
          void responses.put(r);
          const person = respondentOf(r);
          if (!person) continue;
          const id = `${person.accountId}\u0000${person.key}`;
          const known = people.get(id);
          if (!known || known.lastRespondedAt < person.lastRespondedAt) people.set(id, person);
          const domain = person.email ? workEmailDomain(person.email) : null;
          const account = merged.get(r.accountId) ?? (await accounts.get(r.accountId));
          if (domain && account && !account.emailDomains.includes(domain)) {
            merged.set(account.id, { ...account, emailDomains: [...account.emailDomains, domain] });
          }
        }
        for (const account of merged.values()) void accounts.put(account);
        const respondents = tx.objectStore('respondents');
        for (const person of people.values()) {
          const known = await respondents.get([person.accountId, person.key]);
          if (!known || known.lastRespondedAt <= person.lastRespondedAt) void respondents.put(person);
        }
        const actions = tx.objectStore('actions');
        for (const a of staged.actions) void actions.put({ ...a, accountId: keyOf(a.accountId) });
        const sends = tx.objectStore('sends');
        for (const s of staged.sends) void sends.put({ ...s, accountId: keyOf(s.accountId) });
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
    const names = ['accounts', 'respondents', 'responses', 'actions', 'sends', 'staging', 'imports', 'links'] as const;
    const tx = this.db.transaction([...names], 'readwrite');
    await Promise.all(names.map((n) => tx.objectStore(n).clear()));
    await tx.done;
  }
}
