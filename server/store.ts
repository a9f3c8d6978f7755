/**
 * The reference source's data: an SQLite database (better-sqlite3) holding what the project's CSV
 * import produces (`lib/import`), with the queries the API answers from. Synchronous, like the driver:
 * one request's reads and writes never interleave with another's.
 */
import Database from 'better-sqlite3';
import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import {
  ActionSchema,
  type Account, type AccountFacts, type Action, type SurveyResponse, type SurveySend, type WindowKey,
} from '../lib/model';
import { workEmailDomain } from '../lib/model/mail';
import { normaliseAccountName } from '../lib/model/names';
import { Invalid, parseDomain } from '../lib/import/values';
import { normaliseSalesforceId } from '../lib/crm/salesforce/ids';
import { windowRange } from '../lib/nps/windows';
import type {
  AccountContextBody, ChangesPage, CreateActionInput, LookupResult, UpdateActionInput,
  LookupQuery,
} from '../lib/wire/schemas';
import { LOOKUP_VIA } from '../lib/wire/schemas';
import { SCHEMA_SQL, SCHEMA_VERSION } from './schema';

type Kind = 'account' | 'response' | 'action' | 'send';
type KeyKind = 'alias' | 'salesforce' | 'zendesk' | 'hubspot' | 'domain';
type Via = (typeof LOOKUP_VIA)[number];

/** What one import batch (or a test hook) writes. */
export interface RecordBatch {
  accounts: readonly AccountFacts[];
  responses?: readonly SurveyResponse[];
  actions?: readonly Action[];
  sends?: readonly SurveySend[];
}

export interface StoreCounts {
  accounts: number;
  responses: number;
  actions: number;
  sends: number;
}

/** An error the API turns into a 4xx answer. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

interface DataRow {
  data: string;
  updated_at: number;
  seq: number;
}

const TABLES: Record<Kind, string> = { account: 'accounts', response: 'responses', action: 'actions', send: 'sends' };
const MAX_CANDIDATES = 20;
const CURSOR_PREFIX = 'c1';

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

function normaliseDomain(raw: string): string | null {
  const domain = parseDomain(raw);
  return domain instanceof Invalid ? null : domain;
}

function workDomainOf(email: string): string | null {
  const domain = workEmailDomain(email);
  return domain && normaliseDomain(domain);
}

/** JSON with the record's keys in a fixed order, so equal records give equal text. */
function canonical(value: Record<string, unknown>): string {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) if (value[key] !== undefined) sorted[key] = value[key];
  return JSON.stringify(sorted);
}

function withoutUpdatedAt<T extends { updatedAt?: number }>(record: T): Omit<T, 'updatedAt'> {
  const { updatedAt: _updatedAt, ...rest } = record;
  return rest;
}

export function encodeCursor(after: number, since: number | null): string {
  return Buffer.from(`${CURSOR_PREFIX}.${after}.${since ?? ''}`, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): { after: number; since: number | null } {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^c1\.(\d{1,16})\.(\d{0,16})$/.exec(text);
  if (!match) throw new ApiError(422, 'invalid_request', 'cursor is not one this server gave out', 'cursor');
  return { after: Number(match[1]), since: match[2] ? Number(match[2]) : null };
}

export class SourceStore {
  readonly db: SqliteDatabase;
  private seq: number;
  private readonly statements;

  constructor(path = ':memory:', private readonly clock: () => number = Date.now) {
    this.db = new Database(path);
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(SCHEMA_SQL);
    const version = this.db.prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'schema_version'").get();
    if (!version) {
      this.db.prepare("INSERT INTO meta (key, value) VALUES ('schema_version', ?)").run(String(SCHEMA_VERSION));
    } else if (Number(version.value) !== SCHEMA_VERSION) {
      throw new Error(`The database file has schema version ${version.value}; this server reads version ${SCHEMA_VERSION}.`);
    }
    this.seq = this.db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM change_log').get()?.seq ?? 0;
    const db = this.db;
    this.statements = {
      accountById: db.prepare<[string], DataRow & { id: string }>('SELECT id, data, updated_at, seq FROM accounts WHERE id = ?'),
      accountIdsByKey: db.prepare<[string, string], { account_id: string }>(
        'SELECT account_id FROM account_keys WHERE kind = ? AND value = ? ORDER BY account_id',
      ),
      accountIdsByNameKey: db.prepare<[string], { account_id: string }>('SELECT id AS account_id FROM accounts WHERE name_key = ? ORDER BY id'),
      accountIdsByRespondentDomain: db.prepare<[string], { account_id: string }>(
        'SELECT DISTINCT account_id FROM respondents WHERE email_domain = ? ORDER BY account_id',
      ),
      insertKey: db.prepare('INSERT OR IGNORE INTO account_keys (kind, value, account_id) VALUES (?, ?, ?)'),
      upsertAccount: db.prepare(
        `INSERT INTO accounts (id, name, name_key, data, updated_at, seq) VALUES (@id, @name, @nameKey, @data, @updatedAt, @seq)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, data = excluded.data,
           updated_at = excluded.updated_at, seq = excluded.seq`,
      ),
      upsertResponse: db.prepare(
        `INSERT INTO responses (id, account_id, responded_at, data, updated_at, seq) VALUES (@id, @accountId, @at, @data, @updatedAt, @seq)
         ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, responded_at = excluded.responded_at,
           data = excluded.data, updated_at = excluded.updated_at, seq = excluded.seq`,
      ),
      upsertAction: db.prepare(
        `INSERT INTO actions (id, account_id, created_at, data, updated_at, seq) VALUES (@id, @accountId, @at, @data, @updatedAt, @seq)
         ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, created_at = excluded.created_at,
           data = excluded.data, updated_at = excluded.updated_at, seq = excluded.seq`,
      ),
      upsertSend: db.prepare(
        `INSERT INTO sends (id, account_id, sent_at, data, updated_at, seq) VALUES (@id, @accountId, @at, @data, @updatedAt, @seq)
         ON CONFLICT (id) DO UPDATE SET account_id = excluded.account_id, sent_at = excluded.sent_at,
           data = excluded.data, updated_at = excluded.updated_at, seq = excluded.seq`,
      ),
      upsertRespondent: db.prepare(
        `INSERT INTO respondents (account_id, email, email_domain, name, role, title, last_responded_at)
         VALUES (@accountId, @email, @emailDomain, @name, @role, @title, @at)
         ON CONFLICT (account_id, email) DO UPDATE SET
           name = CASE WHEN excluded.last_responded_at >= last_responded_at THEN coalesce(excluded.name, name) ELSE coalesce(name, excluded.name) END,
           role = CASE WHEN excluded.last_responded_at >= last_responded_at THEN coalesce(excluded.role, role) ELSE coalesce(role, excluded.role) END,
           title = CASE WHEN excluded.last_responded_at >= last_responded_at THEN coalesce(excluded.title, title) ELSE coalesce(title, excluded.title) END,
           last_responded_at = max(last_responded_at, excluded.last_responded_at)`,
      ),
      rowById: Object.fromEntries(
        Object.entries(TABLES).map(([kind, table]) => [kind, db.prepare<[string], DataRow>(`SELECT data, updated_at, seq FROM ${table} WHERE id = ?`)]),
      ) as Record<Kind, Statement<[string], DataRow>>,
      deleteLog: db.prepare('DELETE FROM change_log WHERE seq = ?'),
      insertLog: db.prepare('INSERT INTO change_log (seq, kind, row_id, updated_at) VALUES (?, ?, ?, ?)'),
      responsesOf: db.prepare<[string, number], DataRow>(
        'SELECT data, updated_at, seq FROM responses WHERE account_id = ? AND responded_at >= ? ORDER BY responded_at, id',
      ),
      actionsOf: db.prepare<[string], DataRow>('SELECT data, updated_at, seq FROM actions WHERE account_id = ? ORDER BY created_at, id'),
      sendsOf: db.prepare<[string, number], DataRow>(
        'SELECT data, updated_at, seq FROM sends WHERE account_id = ? AND sent_at >= ? ORDER BY sent_at, id',
      ),
      changesAfter: db.prepare<[number, number, number], { seq: number; kind: Kind; row_id: string }>(
        'SELECT seq, kind, row_id FROM change_log WHERE seq > ? AND updated_at >= ? ORDER BY seq LIMIT ?',
      ),
      idempotencyGet: db.prepare<[string], { fingerprint: string; status: number; body: string }>(
        'SELECT fingerprint, status, body FROM idempotency_keys WHERE key = ?',
      ),
      idempotencyPut: db.prepare('INSERT INTO idempotency_keys (key, fingerprint, status, body, created_at) VALUES (?, ?, ?, ?, ?)'),
      idempotencyPrune: db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?'),
    };
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  now(): number {
    return this.clock();
  }

  counts(): StoreCounts {
    const count = (table: string) => (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { accounts: count('accounts'), responses: count('responses'), actions: count('actions'), sends: count('sends') };
  }

  // ─── rows ────────────────────────────────────────────────────────────────────────────────────────

  private nextSeq(): number {
    return ++this.seq;
  }

  private getRow(kind: Kind, id: string): DataRow | undefined {
    return this.statements.rowById[kind].get(id);
  }

  /** Moves the row's change-log entry to a new seq; returns it. */
  private logChange(kind: Kind, id: string, previousSeq: number | undefined, updatedAt: number): number {
    if (previousSeq !== undefined) this.statements.deleteLog.run(previousSeq);
    const seq = this.nextSeq();
    this.statements.insertLog.run(seq, kind, id, updatedAt);
    return seq;
  }

  private static toAccount(row: DataRow): Account {
    return { ...(JSON.parse(row.data) as Omit<Account, 'updatedAt'>), updatedAt: row.updated_at };
  }

  private static toResponse(row: DataRow): SurveyResponse {
    return { ...(JSON.parse(row.data) as Omit<SurveyResponse, 'updatedAt'>), updatedAt: row.updated_at };
  }

  private static toAction(row: DataRow): Action {
    return { ...(JSON.parse(row.data) as Omit<Action, 'updatedAt'>), updatedAt: row.updated_at };
  }

  private static toSend(row: DataRow): SurveySend {
    return JSON.parse(row.data) as SurveySend;
  }

  // ─── accounts ────────────────────────────────────────────────────────────────────────────────────

  /** An account by its id or by a key merged into it. */
  getAccount(idOrAlias: string): Account | undefined {
    const row = this.statements.accountById.get(idOrAlias);
    if (row) return SourceStore.toAccount(row);
    const alias = this.statements.accountIdsByKey.get('alias', idOrAlias);
    const aliased = alias && this.statements.accountById.get(alias.account_id);
    return aliased ? SourceStore.toAccount(aliased) : undefined;
  }

  private accountsByIds(ids: Iterable<string>): Account[] {
    const accounts: Account[] = [];
    for (const id of new Set(ids)) {
      const row = this.statements.accountById.get(id);
      if (row) accounts.push(SourceStore.toAccount(row));
    }
    return accounts;
  }

  private idsByKey(kind: KeyKind, values: readonly string[]): string[] {
    const ids = new Set<string>();
    for (const value of values) for (const row of this.statements.accountIdsByKey.all(kind, value)) ids.add(row.account_id);
    return [...ids];
  }

  /**
   * The stored account an import's facts belong to: the same key, a key merged into it before, exactly
   * one account with the same CRM id (tried in that order). A row that named its account without an id
   * (`name:…`) also joins exactly one account with the same domain, else the same normalised name. Two
   * accounts with their own ids that share a domain (a parent and its subsidiary) stay apart. Never a guess.
   */
  private findAccountId(facts: AccountFacts): string | undefined {
    if (this.statements.accountById.get(facts.id)) return facts.id;
    const alias = this.statements.accountIdsByKey.get('alias', facts.id);
    if (alias) return alias.account_id;
    const byName = facts.id.startsWith('name:');
    const levels: Array<[KeyKind, readonly string[]]> = [
      ['salesforce', facts.salesforceIds],
      ['zendesk', facts.zendeskOrganizationIds],
      ['hubspot', facts.hubspotCompanyIds],
      ...(byName ? [['domain', facts.domains] as [KeyKind, readonly string[]]] : []),
    ];
    for (const [kind, values] of levels) {
      const ids = this.idsByKey(kind, values);
      if (ids.length === 1) return ids[0];
      if (ids.length > 1) return undefined;
    }
    if (byName) {
      const ids = this.statements.accountIdsByNameKey.all(facts.id.slice('name:'.length));
      if (ids.length === 1) return ids[0]!.account_id;
    }
    return undefined;
  }

  /** Merges facts into the stored account (ids and domains accumulate; a newer name wins). Returns its id. */
  private mergeAccount(facts: AccountFacts, now: number): string {
    const id = this.findAccountId(facts) ?? facts.id;
    const row = this.statements.accountById.get(id);
    const stored = row ? SourceStore.toAccount(row) : undefined;
    const merged: Omit<Account, 'updatedAt'> = {
      id,
      // A file that names the account without its id (`name:…`) never renames an account that has one.
      name: (stored && facts.id !== id ? stored.name : facts.name) || stored?.name || facts.name || facts.id,
      domains: union(stored?.domains ?? [], facts.domains),
      salesforceIds: union(stored?.salesforceIds ?? [], facts.salesforceIds),
      zendeskOrganizationIds: union(stored?.zendeskOrganizationIds ?? [], facts.zendeskOrganizationIds),
      hubspotCompanyIds: union(stored?.hubspotCompanyIds ?? [], facts.hubspotCompanyIds),
    };
    const data = canonical(merged);
    if (!row || row.data !== data) {
      const updatedAt = Math.max(now, (row?.updated_at ?? -1) + 1);
      const seq = this.logChange('account', id, row?.seq, updatedAt);
      this.statements.upsertAccount.run({ id, name: merged.name, nameKey: normaliseAccountName(merged.name), data, updatedAt, seq });
    }
    if (facts.id !== id) this.statements.insertKey.run('alias', facts.id, id);
    for (const value of facts.salesforceIds) this.statements.insertKey.run('salesforce', value, id);
    for (const value of facts.zendeskOrganizationIds) this.statements.insertKey.run('zendesk', value, id);
    for (const value of facts.hubspotCompanyIds) this.statements.insertKey.run('hubspot', value, id);
    for (const value of facts.domains) this.statements.insertKey.run('domain', value.toLowerCase(), id);
    return id;
  }

  // ─── writes ──────────────────────────────────────────────────────────────────────────────────────

  /** Writes a row when it is new or differs from what is stored. */
  private putRow(
    kind: Exclude<Kind, 'account'>,
    record: { id: string; accountId: string },
    at: number,
    now: number,
  ): void {
    const data = canonical(withoutUpdatedAt(record as { updatedAt?: number }));
    const row = this.getRow(kind, record.id);
    if (row && row.data === data) return;
    // Strictly increasing per row, so `updatedAt` is a version the client can send back (actions).
    const updatedAt = Math.max(now, (row?.updated_at ?? -1) + 1);
    const seq = this.logChange(kind, record.id, row?.seq, updatedAt);
    const params = { id: record.id, accountId: record.accountId, at, data, updatedAt, seq };
    if (kind === 'response') this.statements.upsertResponse.run(params);
    else if (kind === 'action') this.statements.upsertAction.run(params);
    else this.statements.upsertSend.run(params);
  }

  private putRespondent(response: SurveyResponse): void {
    const email = response.respondentEmail?.trim().toLowerCase();
    if (!email) return;
    this.statements.upsertRespondent.run({
      accountId: response.accountId,
      email,
      emailDomain: workDomainOf(email),
      name: response.respondentName ?? null,
      role: response.respondentRole ?? null,
      title: response.respondentTitle ?? null,
      at: response.respondedAt,
    });
  }

  /**
   * Writes an import batch in one transaction: its accounts merged into the stored ones, then its
   * records under the account ids they were merged into. Rows equal to what is stored are left alone
   * (they do not show up in the changes feed again).
   */
  writeBatch(batch: RecordBatch): void {
    const now = this.clock();
    this.db.transaction(() => {
      const keyOf = new Map<string, string>();
      for (const facts of batch.accounts) keyOf.set(facts.id, this.mergeAccount(facts, now));
      const accountOf = (id: string): string => {
        const key = keyOf.get(id) ?? this.getAccount(id)?.id;
        if (!key) throw new ApiError(422, 'invalid_request', `no account "${id}"`, 'accountId');
        return key;
      };
      for (const response of batch.responses ?? []) {
        const record = { ...response, accountId: accountOf(response.accountId) };
        this.putRow('response', record, record.respondedAt, now);
        this.putRespondent(record);
      }
      for (const action of batch.actions ?? []) {
        const record = { ...action, accountId: accountOf(action.accountId) };
        this.putRow('action', record, record.createdAt, now);
      }
      for (const send of batch.sends ?? []) {
        const record = { ...send, accountId: accountOf(send.accountId) };
        this.putRow('send', record, record.sentAt, now);
      }
    })();
  }

  // ─── reads ───────────────────────────────────────────────────────────────────────────────────────

  /**
   * Page hints → accounts, in order of trust (the extension's own resolution order): CRM ids; an email's
   * work domain as an account's domain, then as the domain its respondents write from; the domains;
   * the normalised name. The first level that finds anything decides; several accounts there are
   * `ambiguous` unless the name singles out one of them.
   */
  lookup(query: LookupQuery): LookupResult {
    const salesforce = normaliseSalesforceId(query.salesforceAccountId);
    const emailDomains = [...new Set((query.emails ?? []).map(workDomainOf))].filter((d): d is string => !!d);
    const domains = [...new Set((query.domains ?? []).map(normaliseDomain))].filter((d): d is string => !!d);
    const nameKey = query.name ? normaliseAccountName(query.name) : '';
    const byName = () => (nameKey ? this.statements.accountIdsByNameKey.all(nameKey).map((r) => r.account_id) : []);
    const levels: Array<{ via: Via; find: () => string[] }> = [
      {
        via: 'crm_id',
        find: () => [
          ...(salesforce ? this.idsByKey('salesforce', [salesforce]) : []),
          ...(query.zendeskOrganizationId ? this.idsByKey('zendesk', [query.zendeskOrganizationId]) : []),
          ...(query.hubspotCompanyId ? this.idsByKey('hubspot', [query.hubspotCompanyId]) : []),
        ],
      },
      { via: 'email', find: () => this.idsByKey('domain', emailDomains) },
      {
        via: 'email',
        find: () => emailDomains.flatMap((d) => this.statements.accountIdsByRespondentDomain.all(d).map((r) => r.account_id)),
      },
      { via: 'domain', find: () => this.idsByKey('domain', domains) },
      { via: 'name', find: byName },
    ];
    for (const level of levels) {
      const ids = [...new Set(level.find())];
      if (ids.length === 0) continue;
      if (ids.length > 1 && nameKey) {
        const named = new Set(byName());
        const narrowed = ids.filter((id) => named.has(id));
        if (narrowed.length === 1) return { status: 'matched', via: level.via, matches: this.accountsByIds(narrowed) };
      }
      const matches = this.accountsByIds(ids.slice(0, MAX_CANDIDATES));
      return matches.length === 1
        ? { status: 'matched', via: level.via, matches }
        : { status: 'ambiguous', via: level.via, matches };
    }
    return { status: 'none', matches: [] };
  }

  /**
   * Accounts whose name or domain matches the query: exact name first, then names starting with it,
   * then names with a word starting with it, then domains starting with it, then names containing it.
   */
  search(q: string, limit: number): Account[] {
    const key = normaliseAccountName(q) || q.trim().toLowerCase();
    const like = key.replace(/[\\%_]/g, (c) => `\\${c}`);
    const domain = q.trim().toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
    const rows = this.db
      .prepare<[{ key: string; like: string; domain: string; id: string; limit: number }], DataRow & { rank: number }>(
        `SELECT data, updated_at, seq, rank FROM (
           SELECT a.data, a.updated_at, a.seq, a.name, a.id, CASE
             WHEN a.name_key = @key THEN 0
             WHEN a.name_key LIKE @like || '%' ESCAPE '\\' THEN 1
             WHEN a.name_key LIKE '% ' || @like || '%' ESCAPE '\\' THEN 2
             WHEN EXISTS (SELECT 1 FROM account_keys k WHERE k.account_id = a.id AND k.kind = 'domain' AND k.value LIKE @domain || '%' ESCAPE '\\') THEN 3
             WHEN a.name_key LIKE '%' || @like || '%' ESCAPE '\\' THEN 4
             WHEN lower(a.name) LIKE '%' || @domain || '%' ESCAPE '\\' THEN 5
             WHEN a.id = @id THEN 6
           END AS rank FROM accounts a
         ) WHERE rank IS NOT NULL ORDER BY rank, name, id LIMIT @limit`,
      )
      .all({ key, like, domain, id: q.trim(), limit });
    return rows.map((row) => SourceStore.toAccount(row));
  }

  context(accountId: string, window: WindowKey): AccountContextBody | undefined {
    const account = this.getAccount(accountId);
    if (!account) return undefined;
    const serverTime = this.clock();
    const since = windowRange(window, serverTime).start;
    const from = since ?? Number.MIN_SAFE_INTEGER;
    return {
      account,
      responses: this.statements.responsesOf.all(account.id, from).map((row) => SourceStore.toResponse(row)),
      actions: this.statements.actionsOf.all(account.id).map((row) => SourceStore.toAction(row)),
      sends: this.statements.sendsOf.all(account.id, from).map((row) => SourceStore.toSend(row)),
      window,
      since,
      serverTime,
    };
  }

  /** One page of the changes feed (see `ChangesPageSchema`). */
  changes(query: { updatedSince?: number; cursor?: string; limit: number }): ChangesPage {
    const serverTime = this.clock();
    const { after, since } = query.cursor ? decodeCursor(query.cursor) : { after: 0, since: query.updatedSince ?? null };
    const entries = this.statements.changesAfter.all(after, since ?? Number.MIN_SAFE_INTEGER, query.limit + 1);
    const hasMore = entries.length > query.limit;
    const page = hasMore ? entries.slice(0, query.limit) : entries;
    const result: ChangesPage = { accounts: [], responses: [], actions: [], sends: [], nextCursor: '', hasMore, serverTime };
    for (const entry of page) {
      const row = this.getRow(entry.kind, entry.row_id);
      if (!row) continue;
      if (entry.kind === 'account') result.accounts.push(SourceStore.toAccount(row));
      else if (entry.kind === 'response') result.responses.push(SourceStore.toResponse(row));
      else if (entry.kind === 'action') result.actions.push(SourceStore.toAction(row));
      else result.sends.push(SourceStore.toSend(row));
    }
    const last = page.length > 0 ? page[page.length - 1]!.seq : after;
    result.nextCursor = encodeCursor(last, since);
    return result;
  }

  getAction(id: string): Action | undefined {
    const row = this.getRow('action', id);
    return row ? SourceStore.toAction(row) : undefined;
  }

  getResponse(id: string): SurveyResponse | undefined {
    const row = this.getRow('response', id);
    return row ? SourceStore.toResponse(row) : undefined;
  }

  // ─── actions ─────────────────────────────────────────────────────────────────────────────────────

  createAction(input: CreateActionInput & { status: Action['status'] }): Action {
    const account = this.getAccount(input.accountId);
    if (!account) throw new ApiError(422, 'invalid_request', `accountId: no account "${input.accountId}"`, 'accountId');
    if (input.responseId) {
      const response = this.getResponse(input.responseId);
      if (!response) throw new ApiError(422, 'invalid_request', `responseId: no response "${input.responseId}"`, 'responseId');
      if (response.accountId !== account.id) {
        throw new ApiError(422, 'invalid_request', `responseId: response "${input.responseId}" belongs to another account`, 'responseId');
      }
    }
    const id = input.id ?? `act-${randomUUID()}`;
    const existing = this.getAction(id);
    if (existing) {
      throw new ApiError(409, 'conflict', `an action with id "${id}" already exists`, 'id', { current: existing });
    }
    const now = this.clock();
    const action: Action = ActionSchema.parse({
      id,
      accountId: account.id,
      title: input.title,
      status: input.status,
      ...(input.owner ? { owner: input.owner } : {}),
      ...(input.dueDate ? { dueDate: input.dueDate } : {}),
      ...(input.responseId ? { responseId: input.responseId } : {}),
      createdAt: now,
      updatedAt: now,
    });
    this.db.transaction(() => this.putRow('action', action, action.createdAt, now))();
    return this.getAction(id)!;
  }

  /** Applies changes when `baseUpdatedAt` is the stored version; else a 409 carrying the current action. */
  updateAction(id: string, input: UpdateActionInput): Action {
    const current = this.getAction(id);
    if (!current) throw new ApiError(404, 'not_found', `no action "${id}"`);
    if (current.updatedAt !== input.baseUpdatedAt) {
      throw new ApiError(
        409, 'conflict',
        `the action changed on the server (updatedAt ${current.updatedAt}, request based on ${input.baseUpdatedAt})`,
        'baseUpdatedAt', { current },
      );
    }
    return this.changeAction(current, input.changes);
  }

  /** Applies changes whatever the version (also the test hook that plays another user). */
  changeAction(current: Action, changes: UpdateActionInput['changes']): Action {
    const next: Action = { ...current };
    if (changes.title !== undefined) next.title = changes.title;
    if (changes.status !== undefined) next.status = changes.status;
    if (changes.owner === null) delete next.owner;
    else if (changes.owner !== undefined) next.owner = changes.owner;
    if (changes.dueDate === null) delete next.dueDate;
    else if (changes.dueDate !== undefined) next.dueDate = changes.dueDate;
    const now = this.clock();
    this.db.transaction(() => this.putRow('action', next, next.createdAt, now))();
    return this.getAction(current.id)!;
  }

  // ─── idempotency ─────────────────────────────────────────────────────────────────────────────────

  getIdempotent(key: string): { fingerprint: string; status: number; body: string } | undefined {
    return this.statements.idempotencyGet.get(key);
  }

  putIdempotent(key: string, fingerprint: string, status: number, body: string, retentionMs: number): void {
    const now = this.clock();
    this.statements.idempotencyPrune.run(now - retentionMs);
    this.statements.idempotencyPut.run(key, fingerprint, status, body, now);
  }
}
