/**
 * The local source: what was imported from CSV into this browser's store. It is its own cache — there
 * is nothing further to fetch or sync — and writes land in the store at once.
 */
import type { Account, AccountRecords, Action } from '../model';
import type { AccountHintsInput } from '../model/page';
import { resolveAccount } from '../accounts/resolve';
import { AccountSearch } from '../accounts/search';
import { slicer } from '../core/yield';
import { kept } from '../core/kept';
import type { NpsStore } from '../store';
import { ActionConflictError, type ChangesBatch, type DataSource, type SourceDescription, type SourceLookup } from './types';

export const LOCAL_SOURCE_KEY = 'local:';
export const LOCAL_SOURCE_NAME = 'Imported CSV';

export class LocalSource implements DataSource {
  readonly kind = 'local' as const;
  readonly key = LOCAL_SOURCE_KEY;
  private readonly index = kept(async () => AccountSearch.built((await this.store()).accountPages(), slicer()));

  constructor(private readonly store: () => Promise<NpsStore>) {}

  /** The search index is rebuilt when the data changes. */
  dataChanged(): void {
    this.index.drop();
  }

  async describe(): Promise<SourceDescription> {
    return { name: LOCAL_SOURCE_NAME, version: 'local', capabilities: ['lookup', 'search', 'context', 'actions.create', 'actions.update'] };
  }

  async lookupAccount(hints: AccountHintsInput, recordKey: string): Promise<SourceLookup> {
    const store = await this.store();
    const resolution = await resolveAccount(store, { crm: 'local', kind: 'record', recordKey, hints });
    if (resolution.status === 'ambiguous') return resolution;
    if (resolution.status === 'none') return resolution;
    const account = await store.getAccount(resolution.accountId);
    if (!account) return { status: 'none' };
    return { status: 'matched', account: plainAccount(account), via: resolution.via };
  }

  async accountContext(accountId: string): Promise<AccountRecords | null> {
    return (await (await this.store()).getAccountRecords(accountId)) ?? null;
  }

  async searchAccounts(query: string, limit: number): Promise<Account[]> {
    const store = await this.store();
    const ids = (await this.index.get()).search(query, limit);
    const accounts = await Promise.all(ids.map((id) => store.getAccount(id)));
    return accounts.filter((a) => !!a).map(plainAccount);
  }

  /** Imported data arrives by import, not by sync: there are never changes to fetch. */
  async changes(cursor: string | null): Promise<ChangesBatch> {
    return { accounts: [], responses: [], actions: [], sends: [], nextCursor: cursor ?? 'local', hasMore: false };
  }

  async createAction(action: Action): Promise<Action> {
    const store = await this.store();
    if (!(await store.getAccount(action.accountId))) throw new Error(`No account ${action.accountId}`);
    await store.putAction(action);
    return action;
  }

  async updateAction(action: Action, baseUpdatedAt: number): Promise<Action> {
    const store = await this.store();
    const stored = await store.getAction(action.id);
    if (!stored) throw new Error(`No action ${action.id}`);
    if (stored.updatedAt !== baseUpdatedAt) throw new ActionConflictError(stored);
    await store.putAction(action);
    return action;
  }
}

function plainAccount(account: Account & { nameKey?: string; aliases?: string[]; emailDomains?: string[] }): Account {
  const { nameKey: _n, aliases: _a, emailDomains: _e, ...plain } = account;
  return plain;
}
