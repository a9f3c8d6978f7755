/**
 * The reference source's data in SQLite (better-sqlite3): what the project's CSV import produces
 * (`lib/import`), with the queries the API answers from. Synchronous, like the driver: one request's
 * reads and writes never interleave with another's. The server reaches it through `sqlite-storage.ts`
 * (the `SourceStorage` interface); in-process tests may call it directly.
 */
import type { Database as SqliteDatabase } from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import {
  ActionSchema,
  type Account, type AccountFacts, type Action, type SurveyResponse, type WindowKey,
} from '../lib/model';
import { actionFields, closeStamp, stampNotes } from '../lib/model/action-fields';
import { normaliseAccountName } from '../lib/model/names';
import { findAccountSync, mergeAccountFacts } from '../lib/model/account-match';
import { windowRange } from '../lib/nps/windows';
import type {
  AccountContextBody, ChangesPage, UpdateActionInput,
} from '../lib/wire/schemas';
import { ApiError, applyActionChanges, canonical, decodeCursor, encodeCursor, withoutUpdatedAt, workDomainOf } from './values';
import type { KeyKind } from './lookup';
import { openSqlite, prepareStatements, decodeRow as decode, decodeToken, type DataRow, type Kind, type Statements } from './sql';
import type { Author, CreateActionRequest, RecordBatch, StoreCounts } from './storage';
import type { TokenRecord } from './tokens';


export { ApiError, decodeCursor, encodeCursor } from './values';
export type { RecordBatch, StoreCounts } from './storage';

export class SourceStore {
  readonly db: SqliteDatabase;
  private seq: number;
  readonly statements: Statements;

  constructor(path = ':memory:', private readonly clock: () => number = Date.now) {
    this.db = openSqlite(path);
    this.seq = this.db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM change_log').get()?.seq ?? 0;
    this.statements = prepareStatements(this.db);
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

  // ─── accounts ────────────────────────────────────────────────────────────────────────────────────

  /** An account by its id or by a key merged into it. */
  getAccount(idOrAlias: string): Account | undefined {
    const row = this.statements.accountById.get(idOrAlias);
    if (row) return decode.account(row);
    const alias = this.statements.accountIdsByKey.get('alias', idOrAlias);
    const aliased = alias && this.statements.accountById.get(alias.account_id);
    return aliased ? decode.account(aliased) : undefined;
  }

  /** @internal for `sqlite-storage.ts` (`lookup.ts`) */
  accountsByIds(ids: Iterable<string>): Account[] {
    const accounts: Account[] = [];
    for (const id of new Set(ids)) {
      const row = this.statements.accountById.get(id);
      if (row) accounts.push(decode.account(row));
    }
    return accounts;
  }

  /** @internal for `sqlite-storage.ts` (`lookup.ts`) */
  idsByKey(kind: KeyKind, values: readonly string[]): string[] {
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
  /** The stored account `facts` belong to, by the one rule (`lib/model/account-match.ts`). */
  private findAccountId(facts: AccountFacts): string | undefined {
    return findAccountSync(facts, ({ kind, values }) => {
      if (kind === 'id') return this.statements.accountById.get(values[0]!) ? [values[0]!] : [];
      if (kind === 'name') return this.statements.accountIdsByNameKey.all(values[0]!).map((r) => r.account_id);
      return this.idsByKey(kind, values);
    });
  }

  /** Merges facts into the stored account by the one rule (`lib/model/account-match.ts`). Returns its id. */
  private mergeAccount(facts: AccountFacts, now: number): string {
    const id = this.findAccountId(facts) ?? facts.id;
    const row = this.statements.accountById.get(id);
    const stored = row ? decode.account(row) : undefined;
    const merged = mergeAccountFacts(stored, facts, id);
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

  context(accountId: string, window: WindowKey): AccountContextBody | undefined {
    const account = this.getAccount(accountId);
    if (!account) return undefined;
    const serverTime = this.clock();
    const since = windowRange(window, serverTime).start;
    const from = since ?? Number.MIN_SAFE_INTEGER;
    return {
      account,
      responses: this.statements.responsesOf.all(account.id, from).map((row) => decode.response(row)),
      actions: this.statements.actionsOf.all(account.id).map((row) => decode.action(row)),
      sends: this.statements.sendsOf.all(account.id, from).map((row) => decode.send(row)),
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
      if (entry.kind === 'account') result.accounts.push(decode.account(row));
      else if (entry.kind === 'response') result.responses.push(decode.response(row));
      else if (entry.kind === 'action') result.actions.push(decode.action(row));
      else result.sends.push(decode.send(row));
    }
    const last = page.length > 0 ? page[page.length - 1]!.seq : after;
    result.nextCursor = encodeCursor(last, since);
    return result;
  }

  getAction(id: string): Action | undefined {
    const row = this.getRow('action', id);
    return row ? decode.action(row) : undefined;
  }

  getResponse(id: string): SurveyResponse | undefined {
    const row = this.getRow('response', id);
    return row ? decode.response(row) : undefined;
  }

  // ─── actions ─────────────────────────────────────────────────────────────────────────────────────

  createAction(input: CreateActionRequest, author?: Author): Action {
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
      ...actionFields(input),
      ...closeStamp(null, input.status ?? 'open', now, author),
      ...(input.notes?.length ? { notes: stampNotes(input.notes, [], author) } : {}),
      createdAt: now,
      updatedAt: now,
      ...(author ? { createdBy: author, updatedBy: author } : {}),
    });
    this.db.transaction(() => this.putRow('action', action, action.createdAt, now))();
    return this.getAction(id)!;
  }

  /** Applies changes when `baseUpdatedAt` is the stored version; else a 409 carrying the current action. */
  updateAction(id: string, input: UpdateActionInput, author?: Author): Action {
    const current = this.getAction(id);
    if (!current) throw new ApiError(404, 'not_found', `no action "${id}"`);
    if (current.updatedAt !== input.baseUpdatedAt) {
      throw new ApiError(
        409, 'conflict',
        `the action changed on the server (updatedAt ${current.updatedAt}, request based on ${input.baseUpdatedAt})`,
        'baseUpdatedAt', { current },
      );
    }
    return this.changeAction(current, input.changes, author);
  }

  /** Applies changes whatever the version (also the test hook that plays another user). */
  changeAction(current: Action, changes: UpdateActionInput['changes'], author?: Author): Action {
    const now = this.clock();
    const next: Action = applyActionChanges(current, changes, author, now);
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

  // ─── tokens ──────────────────────────────────────────────────────────────────────────────────────

  createToken(record: TokenRecord & { hash: string }): void {
    this.statements.tokenInsert.run({ id: record.id, user: record.user, hash: record.hash, readOnly: record.readOnly ? 1 : 0, createdAt: record.createdAt });
  }

  listTokens(): TokenRecord[] {
    return this.statements.tokenList.all().map(decodeToken);
  }

  revokeTokens(idOrUser: string, at: number): number {
    return this.statements.tokenRevoke.run({ who: idOrUser, at }).changes;
  }

  findLiveToken(hash: string): TokenRecord | undefined {
    const row = this.statements.tokenFindLive.get(hash);
    return row ? decodeToken(row) : undefined;
  }
}

