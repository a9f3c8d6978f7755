/**
 * What the reference source keeps, as one interface with two implementations: SQLite
 * (`sqlite-storage.ts`, one process per file) and Postgres (`pg-storage.ts`, any number of processes on
 * one database). The HTTP layer speaks only to this interface, so every API behaviour is the same on both.
 */
import type { Account, AccountFacts, Action, SurveyResponse, SurveySend, WindowKey } from '../lib/model';
import type {
  AccountContextBody, ChangesPage, CreateActionInput, LookupQuery, LookupResult, UpdateActionInput,
} from '../lib/wire/schemas';
import type { TokenStore } from './tokens';

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

/** Who writes: recorded on actions as `createdBy` / `updatedBy`. */
export type Author = string | undefined;

export type CreateActionRequest = CreateActionInput & { status: Action['status'] };

/** The writes an idempotent request may make, inside the key's hold. */
export interface ActionWriter {
  createAction(input: CreateActionRequest, author?: Author): Promise<Action>;
  /** Applies changes when `baseUpdatedAt` is the stored version; else a 409 carrying the current action. */
  updateAction(id: string, input: UpdateActionInput, author?: Author): Promise<Action>;
}

/** An answer stored under an Idempotency-Key. */
export interface StoredAnswer {
  fingerprint: string;
  status: number;
  body: string;
}

export type IdempotentOutcome =
  | { replayed: true; stored: StoredAnswer }
  | { replayed: false; status: number; body: string };

/** Writes one file's batches inside one transaction (`load.ts`). */
export type BulkWriter = (batch: RecordBatch) => Promise<void>;

export interface SourceStorage extends ActionWriter {
  readonly backend: 'sqlite' | 'postgres';
  /** The server's clock (epoch ms). */
  now(): number;
  counts(): Promise<StoreCounts>;
  /**
   * Writes a batch in one transaction: its accounts merged into the stored ones (`lib/model/account-match.ts`),
   * then its records under the ids they were merged into. Rows equal to what is stored are left alone.
   */
  writeBatch(batch: RecordBatch): Promise<void>;
  /** Runs `load` in one transaction: every batch it writes is kept, or none (a file is all or nothing). */
  bulk<T>(load: (write: BulkWriter) => Promise<T>): Promise<T>;

  getAccount(idOrAlias: string): Promise<Account | undefined>;
  lookup(query: LookupQuery): Promise<LookupResult>;
  search(q: string, limit: number): Promise<Account[]>;
  context(accountId: string, window: WindowKey): Promise<AccountContextBody | undefined>;
  /** One page of the changes feed: every row version once, in an order no later commit can go before. */
  changes(query: { updatedSince?: number; cursor?: string; limit: number }): Promise<ChangesPage>;
  getAction(id: string): Promise<Action | undefined>;
  getResponse(id: string): Promise<SurveyResponse | undefined>;
  /** Applies changes whatever the version (the test hook that plays another user). */
  changeAction(id: string, changes: UpdateActionInput['changes'], author?: Author): Promise<Action>;

  /**
   * Runs `perform` at most once per key, across every process on the storage: while it runs, the key is
   * held and a second request with it waits, then gets the stored answer. Only answers under 300 are kept.
   */
  idempotent(
    key: string, fingerprint: string, retentionMs: number,
    perform: (writer: ActionWriter) => Promise<{ status: number; body: unknown }>,
  ): Promise<IdempotentOutcome>;

  readonly tokens: TokenStore;
  /** Throws unless the database answers and its migrations are done (`GET /readyz`). */
  ready(): Promise<void>;
  close(): Promise<void>;
}
