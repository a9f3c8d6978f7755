/**
 * `SourceStorage` over SQLite (`store.ts`, synchronous): one process per database file. Writes that
 * span awaits (an idempotent request, a file's load) hold one write turn at a time, so no other write
 * lands inside their transaction.
 */
import type { Account } from '../lib/model';
import type { LookupQuery } from '../lib/wire/schemas';
import { lookupAccounts, searchAccounts, searchRankSql, type AccountIndex, type KeyKind, type SearchTerms } from './lookup';
import { decodeRow, type DataRow } from './sql';
import { SourceStore } from './store';
import type { ActionWriter, IdempotentOutcome, SourceStorage } from './storage';
import type { TokenStore } from './tokens';
import { ApiError } from './values';

/** One write turn at a time; `run` waits for the turns before it. */
function createTurns() {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(run: () => Promise<T>): Promise<T> => {
    const result = last.then(run, run);
    last = result.catch(() => undefined);
    return result;
  };
}

export class SqliteStorage implements SourceStorage {
  readonly backend = 'sqlite' as const;
  readonly store: SourceStore;
  readonly tokens: TokenStore;
  private readonly turn = createTurns();
  private readonly index: AccountIndex;

  constructor(path = ':memory:', clock: () => number = Date.now) {
    this.store = new SourceStore(path, clock);
    const store = this.store;
    this.tokens = {
      create: async (record) => this.turn(async () => store.createToken(record)),
      list: async () => store.listTokens(),
      revoke: async (idOrUser, at) => this.turn(async () => store.revokeTokens(idOrUser, at)),
      findLive: async (hash) => store.findLiveToken(hash),
    };
    const searchSql = `SELECT data, updated_at, seq FROM (
        SELECT a.data, a.updated_at, a.seq, a.name, a.id, ${searchRankSql((name) => `@${name}`)} AS rank FROM accounts a
      ) WHERE rank IS NOT NULL ORDER BY rank, name, id LIMIT @limit`;
    const search = store.db.prepare<[SearchTerms & { limit: number }], DataRow>(searchSql);
    this.index = {
      idsByKey: async (kind: KeyKind, values) => store.idsByKey(kind, values),
      idsByNameKey: async (nameKey) => store.statements.accountIdsByNameKey.all(nameKey).map((r) => r.account_id),
      idsByRespondentDomain: async (domain) => store.statements.accountIdsByRespondentDomain.all(domain).map((r) => r.account_id),
      accountsByIds: async (ids) => store.accountsByIds(ids),
      searchRanked: async (terms, limit) => search.all({ ...terms, limit }).map((row) => decodeRow.account(row)),
    };
  }

  now = () => this.store.now();
  counts = async () => this.store.counts();
  writeBatch = (batch: Parameters<SourceStore['writeBatch']>[0]) => this.turn(async () => this.store.writeBatch(batch));

  bulk<T>(load: (write: (batch: Parameters<SourceStore['writeBatch']>[0]) => Promise<void>) => Promise<T>): Promise<T> {
    const { db } = this.store;
    return this.turn(async () => {
      db.exec('BEGIN');
      try {
        // Inside the open transaction each batch is a savepoint (better-sqlite3 nests them).
        const result = await load(async (batch) => this.store.writeBatch(batch));
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  getAccount = async (idOrAlias: string): Promise<Account | undefined> => this.store.getAccount(idOrAlias);
  lookup = (query: LookupQuery) => lookupAccounts(this.index, query);
  search = (q: string, limit: number) => searchAccounts(this.index, q, limit);
  context: SourceStorage['context'] = async (accountId, window) => this.store.context(accountId, window);
  changes: SourceStorage['changes'] = async (query) => this.store.changes(query);
  getAction: SourceStorage['getAction'] = async (id) => this.store.getAction(id);
  getResponse: SourceStorage['getResponse'] = async (id) => this.store.getResponse(id);

  private readonly writer: ActionWriter = {
    createAction: async (input, author) => this.store.createAction(input, author),
    updateAction: async (id, input, author) => this.store.updateAction(id, input, author),
  };

  createAction: SourceStorage['createAction'] = (input, author) => this.turn(() => this.writer.createAction(input, author));
  updateAction: SourceStorage['updateAction'] = (id, input, author) => this.turn(() => this.writer.updateAction(id, input, author));

  changeAction: SourceStorage['changeAction'] = (id, changes, author) =>
    this.turn(async () => {
      const current = this.store.getAction(id);
      if (!current) throw new ApiError(404, 'not_found', `no action "${id}"`);
      return this.store.changeAction(current, changes, author);
    });

  idempotent: SourceStorage['idempotent'] = (key, fingerprint, retentionMs, perform) =>
    this.turn(async (): Promise<IdempotentOutcome> => {
      const stored = this.store.getIdempotent(key);
      if (stored) return { replayed: true, stored };
      const { db } = this.store;
      db.exec('BEGIN');
      try {
        const result = await perform(this.writer);
        const body = JSON.stringify(result.body);
        // Only successes are remembered: a refused request may be retried with the same key once fixed.
        if (result.status < 300) this.store.putIdempotent(key, fingerprint, result.status, body, retentionMs);
        db.exec('COMMIT');
        return { replayed: false, status: result.status, body };
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    });

  async ready(): Promise<void> {
    if (!this.store.db.open) throw new Error('the database is closed');
    this.store.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    await this.turn(async () => undefined);
    this.store.close();
  }
}
