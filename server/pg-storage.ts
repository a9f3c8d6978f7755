/**
 * `SourceStorage` over Postgres (node-postgres, a pool): any number of server processes on one
 * database. What makes that correct: batch writes take a transaction-scoped advisory lock (account
 * merging is one at a time); an action's version check and write hold its row lock (`FOR UPDATE`), so of
 * two racing PATCHes one wins and one gets 409; an Idempotency-Key is held by an advisory lock for the
 * request's whole transaction; and the changes feed reads only below the oldest transaction in flight
 * (`pg-schema.ts`), with each page in one statement, so in one snapshot.
 */
import pg from 'pg';
import type { Pool, PoolClient } from 'pg';
import { randomUUID } from 'node:crypto';
import { ActionSchema, type Action, type WindowKey } from '../lib/model';
import { actionFields, closeStamp, stampNotes } from '../lib/model/action-fields';
import { windowRange } from '../lib/nps/windows';
import type { ChangesPage, LookupQuery, UpdateActionInput } from '../lib/wire/schemas';
import { lookupAccounts, searchAccounts, searchRankSql, type AccountIndex, type SearchTerms } from './lookup';
import { createCopyUpsert } from './pg-copy';
import { checkReady, migratePostgres } from './pg-migrate';
import { logChanges, type Queryable } from './pg-change-log';
import { AccountSnapshot } from './pg-accounts';
import { RespondentBuffer } from './pg-respondents';
import { BATCH_LOCK, accountIdsByKey, accountIn, changedRows, upsertRows, writeBatchIn } from './pg-writes';
import { decodeRow, decodeToken, type DataRow, type Kind, type TokenRow } from './sql';
import type { ActionWriter, Author, BulkWriter, CreateActionRequest, IdempotentOutcome, RecordBatch, SourceStorage, StoreCounts } from './storage';
import type { TokenStore } from './tokens';
import { ApiError, applyActionChanges, canonical, decodeXidCursor, encodeXidCursor, withoutUpdatedAt } from './values';

/** bigint columns (epoch ms, seq) as numbers: they stay far below 2^53. */
const TYPES = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

type Row = DataRow;
const asRow = (row: { data: string; updated_at: number }): Row => ({ ...row, seq: 0 });

export interface PostgresOptions {
  url: string;
  clock?: () => number;
  /** Connections in this process's pool; default 10. */
  poolSize?: number;
}

export class PostgresStorage implements SourceStorage {
  readonly backend = 'postgres' as const;
  readonly pool: Pool;
  readonly tokens: TokenStore;
  private readonly clock: () => number;
  private readonly index: AccountIndex;

  private constructor(options: PostgresOptions) {
    this.clock = options.clock ?? Date.now;
    this.pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, types: TYPES, application_name: 'nps-source' });
    // An idle connection that breaks (the database restarted) is dropped from the pool, not fatal.
    this.pool.on('error', () => undefined);
    const pool = this.pool;
    this.tokens = {
      async create(record) {
        await pool.query('INSERT INTO tokens (id, user_name, hash, read_only, created_at) VALUES ($1, $2, $3, $4, $5)', [
          record.id, record.user, record.hash, record.readOnly, record.createdAt,
        ]);
      },
      async list() {
        const { rows } = await pool.query<TokenRow>('SELECT id, user_name, read_only, created_at, revoked_at FROM tokens ORDER BY created_at, id');
        return rows.map(decodeToken);
      },
      async revoke(idOrUser, at) {
        const result = await pool.query('UPDATE tokens SET revoked_at = $2 WHERE (id = $1 OR user_name = $1) AND revoked_at IS NULL', [idOrUser, at]);
        return result.rowCount ?? 0;
      },
      async findLive(hash) {
        const { rows } = await pool.query<TokenRow>(
          'SELECT id, user_name, read_only, created_at, revoked_at FROM tokens WHERE hash = $1 AND revoked_at IS NULL', [hash],
        );
        return rows[0] ? decodeToken(rows[0]) : undefined;
      },
    };
    const ids = async (sql: string, params: unknown[]) => (await pool.query<{ account_id: string }>(sql, params)).rows.map((r) => r.account_id);
    const terms = ['key', 'like', 'domain', 'id'] as const;
    const searchSql = `SELECT data, updated_at FROM (
        SELECT a.data, a.updated_at, a.name, a.id, ${searchRankSql((name) => `$${terms.indexOf(name) + 1}::text`)} AS rank FROM accounts a
      ) ranked WHERE rank IS NOT NULL ORDER BY rank, name COLLATE "C", id COLLATE "C" LIMIT $5`;
    this.index = {
      idsByKey: (kind, values) => accountIdsByKey(pool, kind, values),
      idsByNameKey: (nameKey) => ids('SELECT id AS account_id FROM accounts WHERE name_key = $1 ORDER BY id COLLATE "C"', [nameKey]),
      idsByRespondentDomain: (domain) =>
        ids('SELECT DISTINCT account_id COLLATE "C" AS account_id FROM respondents WHERE email_domain = $1 ORDER BY 1', [domain]),
      accountsByIds: async (wanted) => {
        const list = [...new Set(wanted)];
        const { rows } = await pool.query<{ id: string; data: string; updated_at: number }>(
          'SELECT id, data, updated_at FROM accounts WHERE id = ANY($1::text[])', [list],
        );
        const byId = new Map(rows.map((r) => [r.id, decodeRow.account(asRow(r))]));
        return list.flatMap((id) => (byId.has(id) ? [byId.get(id)!] : []));
      },
      searchRanked: async (t: SearchTerms, limit) =>
        (await pool.query<Row>(searchSql, [t.key, t.like, t.domain, t.id, limit])).rows.map((r) => decodeRow.account(asRow(r))),
    };
  }

  /** Connects, runs the migrations this database has not had (one process at a time), and checks it answers. */
  static async open(options: PostgresOptions): Promise<PostgresStorage> {
    const storage = new PostgresStorage(options);
    try {
      await migratePostgres(storage.pool);
      return storage;
    } catch (error) {
      await storage.pool.end();
      throw error;
    }
  }

  now(): number {
    return this.clock();
  }

  private async tx<T>(run: (c: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await run(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async counts(): Promise<StoreCounts> {
    const { rows } = await this.pool.query<StoreCounts>(
      `SELECT (SELECT count(*) FROM accounts)::int AS accounts, (SELECT count(*) FROM responses)::int AS responses,
              (SELECT count(*) FROM actions)::int AS actions, (SELECT count(*) FROM sends)::int AS sends`,
    );
    return rows[0]!;
  }

  writeBatch(batch: RecordBatch): Promise<void> {
    return this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [BATCH_LOCK]);
      await writeBatchIn(c, batch, this.clock());
    });
  }

  bulk<T>(load: (write: BulkWriter) => Promise<T>): Promise<T> {
    return this.tx(async (c) => {
      await c.query('SELECT pg_advisory_xact_lock($1)', [BATCH_LOCK]);
      const now = this.clock();
      const context = {
        upsert: createCopyUpsert(c), merged: new Map<string, string>(), accounts: new AccountSnapshot(),
        respondents: new RespondentBuffer(),
      };
      // The file's next batch is read while this one is written (one in flight): parsing and the
      // database's work overlap. A failed write fails the next call, or the end of the load.
      let inFlight: Promise<void> = Promise.resolve();
      let result: T;
      try {
        result = await load(async (batch) => {
          await inFlight;
          inFlight = writeBatchIn(c, batch, now, context);
          inFlight.catch(() => undefined);
        });
      } finally {
        // The transaction is rolled back only once the write in flight has stopped issuing statements.
        await inFlight.catch(() => undefined);
      }
      await inFlight;
      await context.respondents.flush(c);
      return result;
    });
  }

  // ─── reads ───────────────────────────────────────────────────────────────────────────────────────

  getAccount = (idOrAlias: string) => accountIn(this.pool, idOrAlias);
  lookup = (query: LookupQuery) => lookupAccounts(this.index, query);
  search = (q: string, limit: number) => searchAccounts(this.index, q, limit);

  async context(accountId: string, window: WindowKey) {
    const account = await this.getAccount(accountId);
    if (!account) return undefined;
    const serverTime = this.clock();
    const since = windowRange(window, serverTime).start;
    const from = since ?? Number.MIN_SAFE_INTEGER;
    const [responses, actions, sends] = await Promise.all([
      this.pool.query<Row>('SELECT data, updated_at FROM responses WHERE account_id = $1 AND responded_at >= $2 ORDER BY responded_at, id COLLATE "C"', [account.id, from]),
      this.pool.query<Row>('SELECT data, updated_at FROM actions WHERE account_id = $1 ORDER BY created_at, id COLLATE "C"', [account.id]),
      this.pool.query<Row>('SELECT data, updated_at FROM sends WHERE account_id = $1 AND sent_at >= $2 ORDER BY sent_at, id COLLATE "C"', [account.id, from]),
    ]);
    return {
      account,
      responses: responses.rows.map((r) => decodeRow.response(asRow(r))),
      actions: actions.rows.map((r) => decodeRow.action(asRow(r))),
      sends: sends.rows.map((r) => decodeRow.send(asRow(r))),
      window,
      since,
      serverTime,
    };
  }

  /**
   * One page in (xid, seq) order, below the oldest transaction still in flight: every transaction whose
   * rows could still appear there has ended, so a cursor past a row never passes one that commits later.
   * The log and the rows are read in one statement, so each entry comes with the version it logged.
   */
  async changes(query: { updatedSince?: number; cursor?: string; limit: number }): Promise<ChangesPage> {
    const serverTime = this.clock();
    const { xid, seq, since } = query.cursor ? decodeXidCursor(query.cursor) : { xid: '0', seq: 0, since: query.updatedSince ?? null };
    const { rows } = await this.pool.query<{ kind: Kind; xid: string; seq: number; data: string; updated_at: number }>(
      `SELECT l.kind, l.xid::text AS xid, l.seq, coalesce(a.data, r.data, c.data, s.data) AS data,
              coalesce(a.updated_at, r.updated_at, c.updated_at, s.updated_at) AS updated_at
       FROM change_log l
       LEFT JOIN accounts a ON l.kind = 'account' AND a.id = l.row_id
       LEFT JOIN responses r ON l.kind = 'response' AND r.id = l.row_id
       LEFT JOIN actions c ON l.kind = 'action' AND c.id = l.row_id
       LEFT JOIN sends s ON l.kind = 'send' AND s.id = l.row_id
       WHERE l.xid < pg_snapshot_xmin(pg_current_snapshot()) AND (l.xid, l.seq) > ($1::xid8, $2::bigint) AND l.updated_at >= $3
       ORDER BY l.xid, l.seq LIMIT $4`,
      [xid, seq, since ?? Number.MIN_SAFE_INTEGER, query.limit + 1],
    );
    const hasMore = rows.length > query.limit;
    const page = hasMore ? rows.slice(0, query.limit) : rows;
    const result: ChangesPage = { accounts: [], responses: [], actions: [], sends: [], nextCursor: '', hasMore, serverTime };
    for (const entry of page) {
      if (entry.data === null) continue;
      const row = asRow(entry);
      if (entry.kind === 'account') result.accounts.push(decodeRow.account(row));
      else if (entry.kind === 'response') result.responses.push(decodeRow.response(row));
      else if (entry.kind === 'action') result.actions.push(decodeRow.action(row));
      else result.sends.push(decodeRow.send(row));
    }
    const last = page[page.length - 1];
    result.nextCursor = last ? encodeXidCursor(last.xid, last.seq, since) : encodeXidCursor(xid, seq, since);
    return result;
  }

  private async rowIn(c: Queryable, table: 'actions' | 'responses', id: string, lock = false): Promise<Row | undefined> {
    const { rows } = await c.query<Row>(`SELECT data, updated_at FROM ${table} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ? asRow(rows[0]) : undefined;
  }

  async getAction(id: string) {
    const row = await this.rowIn(this.pool, 'actions', id);
    return row ? decodeRow.action(row) : undefined;
  }

  async getResponse(id: string) {
    const row = await this.rowIn(this.pool, 'responses', id);
    return row ? decodeRow.response(row) : undefined;
  }

  // ─── actions ─────────────────────────────────────────────────────────────────────────────────────

  private async writeAction(c: Queryable, action: Action): Promise<Action> {
    const now = this.clock();
    await upsertRows(c, 'action', await changedRows(c, 'action', [{ record: action, at: action.createdAt }], now));
    return decodeRow.action((await this.rowIn(c, 'actions', action.id))!);
  }

  private async createActionIn(c: Queryable, input: CreateActionRequest, author: Author): Promise<Action> {
    const account = await accountIn(c, input.accountId);
    if (!account) throw new ApiError(422, 'invalid_request', `accountId: no account "${input.accountId}"`, 'accountId');
    if (input.responseId) {
      const row = await this.rowIn(c, 'responses', input.responseId);
      if (!row) throw new ApiError(422, 'invalid_request', `responseId: no response "${input.responseId}"`, 'responseId');
      if (decodeRow.response(row).accountId !== account.id) {
        throw new ApiError(422, 'invalid_request', `responseId: response "${input.responseId}" belongs to another account`, 'responseId');
      }
    }
    const id = input.id ?? `act-${randomUUID()}`;
    const now = this.clock();
    const action: Action = ActionSchema.parse({
      id, accountId: account.id, ...actionFields(input), createdAt: now, updatedAt: now,
      ...closeStamp(null, input.status ?? 'open', now, author),
      ...(input.notes?.length ? { notes: stampNotes(input.notes, [], author) } : {}),
      ...(author ? { createdBy: author, updatedBy: author } : {}),
    });
    // Claims the id: a second creation with it (in any process) waits for this one, then finds it taken.
    const claimed = await c.query(
      'INSERT INTO actions (id, account_id, created_at, data, updated_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO NOTHING',
      [id, account.id, action.createdAt, canonical(withoutUpdatedAt(action)), action.updatedAt],
    );
    if (claimed.rowCount === 0) {
      const existing = await this.rowIn(c, 'actions', id);
      throw new ApiError(409, 'conflict', `an action with id "${id}" already exists`, 'id', existing ? { current: decodeRow.action(existing) } : {});
    }
    await logChanges(c, 'action', [id], [action.updatedAt]);
    return decodeRow.action((await this.rowIn(c, 'actions', id))!);
  }

  private async updateActionIn(c: Queryable, id: string, input: UpdateActionInput | { changes: UpdateActionInput['changes'] }, author: Author) {
    const row = await this.rowIn(c, 'actions', id, true);
    if (!row) throw new ApiError(404, 'not_found', `no action "${id}"`);
    const current = decodeRow.action(row);
    if ('baseUpdatedAt' in input && current.updatedAt !== input.baseUpdatedAt) {
      throw new ApiError(
        409, 'conflict',
        `the action changed on the server (updatedAt ${current.updatedAt}, request based on ${input.baseUpdatedAt})`,
        'baseUpdatedAt', { current },
      );
    }
    return this.writeAction(c, applyActionChanges(current, input.changes, author, this.clock()));
  }

  private writerIn(c: Queryable): ActionWriter {
    return {
      createAction: (input, author) => this.createActionIn(c, input, author),
      updateAction: (id, input, author) => this.updateActionIn(c, id, input, author),
    };
  }

  createAction: SourceStorage['createAction'] = (input, author) => this.tx((c) => this.createActionIn(c, input, author));
  updateAction: SourceStorage['updateAction'] = (id, input, author) => this.tx((c) => this.updateActionIn(c, id, input, author));
  changeAction: SourceStorage['changeAction'] = (id, changes, author) => this.tx((c) => this.updateActionIn(c, id, { changes }, author));

  // ─── idempotency ─────────────────────────────────────────────────────────────────────────────────

  idempotent: SourceStorage['idempotent'] = (key, fingerprint, retentionMs, perform) =>
    this.tx(async (c): Promise<IdempotentOutcome> => {
      // Held until this transaction ends: the same key in any process waits here, then finds the answer.
      await c.query("SELECT pg_advisory_xact_lock(hashtextextended('idempotency:' || $1, 0))", [key]);
      const { rows } = await c.query<{ fingerprint: string; status: number; body: string }>(
        'SELECT fingerprint, status, body FROM idempotency_keys WHERE key = $1', [key],
      );
      if (rows[0]) return { replayed: true, stored: rows[0] };
      const result = await perform(this.writerIn(c));
      const body = JSON.stringify(result.body);
      if (result.status < 300) {
        const now = this.clock();
        await c.query('DELETE FROM idempotency_keys WHERE created_at < $1', [now - retentionMs]);
        await c.query('INSERT INTO idempotency_keys (key, fingerprint, status, body, created_at) VALUES ($1, $2, $3, $4, $5)', [
          key, fingerprint, result.status, body, now,
        ]);
      }
      return { replayed: false, status: result.status, body };
    });

  ready(): Promise<void> {
    return checkReady(this.pool);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
