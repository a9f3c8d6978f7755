/**
 * The IndexedDB schema of the current version: the stores, their keys and indexes, and the records
 * they hold. Migrations to it are in `migrations.ts`; `db.ts` opens the database.
 */
import type { DBSchema, IDBPDatabase } from 'idb';
import type { Account, AccountFacts, Action, SurveyResponse, SurveySend } from '../model';
import type { StoredBlock } from './block-columns';
import type { ErrorWords } from '../core/errors';

export const DB_NAME = 'nps-context';
export const DB_VERSION = 7;

/**
 * A stored account carries what makes it findable: its normalised name, the other keys it was imported
 * under (merged into it by CRM id or domain), and the work email domains of its respondents.
 */
export interface StoredAccount extends Account {
  nameKey: string;
  aliases: string[];
  emailDomains: string[];
}

/** A person who answered for an account, as last seen in the responses. */
export interface Respondent {
  accountId: string;
  /** Lower-case email, else `name:<lower-case name>`. */
  key: string;
  email?: string;
  name?: string;
  role?: string;
  title?: string;
  lastRespondedAt: number;
}

/** An account's respondents, in key order. */
export interface RespondentList {
  accountId: string;
  people: Respondent[];
}

/**
 * `list` with `incoming` merged in: per person (key) the newest answer wins; an equally new one
 * replaces the stored one (a re-import brings the person's current name and role). In key order.
 */
export function mergePeople(list: readonly Respondent[], incoming: Iterable<Respondent>): Respondent[] {
  const byKey = new Map(list.map((person) => [person.key, person]));
  for (const person of incoming) {
    const known = byKey.get(person.key);
    if (!known || known.lastRespondedAt <= person.lastRespondedAt) byKey.set(person.key, person);
  }
  return [...byKey.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * One batch of parsed rows waiting in staging until its import is committed. An import of responses or
 * sends keeps its rows in staged blocks instead (`staged-blocks.ts`): its staged batch then holds the
 * accounts, the actions and the respondents the rows name, and no rows.
 */
export interface StagedBatch {
  importId: string;
  seq: number;
  accounts: AccountFacts[];
  responses: SurveyResponse[];
  actions: Action[];
  sends: SurveySend[];
  /** The respondents of the batch's responses (newest answer per person), when the rows are in staged blocks. */
  people?: Respondent[];
  /** The account keys of the staged blocks written with this batch (where the import's rows are). */
  stagedUnder?: string[];
}

export type ImportState = 'staging' | 'committing' | 'committed' | 'cancelled' | 'failed';

/** An import's own record: its progress survives the service worker being stopped. */
export interface ImportRecord {
  id: string;
  fileName: string;
  kind: 'responses' | 'actions' | 'sends';
  state: ImportState;
  startedAt: number;
  /** Last time a batch arrived: a staging import left untouched for long was abandoned. */
  touchedAt: number;
  finishedAt?: number;
  batches: number;
  /** Batches already applied to the live stores (commit resumes from here). */
  committedBatches: number;
  imported: number;
  rejected: number;
  error?: string;
  /** `error` as words, for the options page to say in its language. */
  errorWords?: ErrorWords;
  /** Commits redone at start-up after one was cut off (`recoverImports`); none before the first. */
  recoveryAttempts?: number;
  /**
   * The first number of the import's staged blocks (`staged-blocks.ts`); absent for an import whose rows
   * wait in staged batches (actions, and imports begun by an earlier version).
   */
  blockBase?: number;
  /** Rows written to staged blocks so far, per store (the store's counts leave them out until the commit). */
  stagedRows?: { responses: number; sends: number };
  /** Blocks written to staged blocks so far: the commit finds them all, or fails (one was dropped meanwhile). */
  stagedBlocks?: number;
  /** Rows waiting in the service worker's memory for their block (lost if it stops). */
  heldRows?: number;
  /**
   * An id may be in two of its staged blocks (the service worker restarted while it staged, and what it
   * remembered of the ids went with it): the commit looks for such ids.
   */
  repeats?: boolean;
}

/** A link made by hand between a CRM record and an account; it wins over automatic matching. */
export interface ManualLink {
  recordKey: string;
  accountId: string;
  createdAt: number;
}

// ---- v3: data sources — sync state, the write-back outbox, per-account fetch metadata ----

/**
 * The incremental sync's position, one record per source (keyed by the source's URL). Written in the
 * same transaction as the page of changes it follows, so a worker stopped at any moment resumes from
 * exactly the first page it had not stored: nothing is applied twice and nothing is skipped.
 */
export interface SyncState {
  sourceKey: string;
  /**
   * The source's cursor for the next page; null before the first sync. A pass ends with the cursor the
   * next one starts from, so each pass fetches only what changed since.
   */
  cursor: string | null;
  state: 'idle' | 'running' | 'cancelled' | 'failed';
  startedAt: number | null;
  finishedAt: number | null;
  /** Pages and rows stored by the pass under way (or the last one). */
  pages: number;
  rows: number;
  lastError: string | null;
  /** `lastError` as words, for the pages to say in their language (absent in records stored before). */
  lastErrorWords?: ErrorWords | null;
  lastSuccessAt: number | null;
}

/** One write waiting to reach the source, in the order it was made. */
export interface OutboxEntry {
  /** Assigned by the store, increasing: entries are delivered in this order. */
  seq?: number;
  actionId: string;
  op: 'create' | 'update';
  /** The action as the user saved it. */
  action: Action;
  /**
   * The source's version of the action this change was made on (its `updatedAt`), for conflict
   * detection; null for a create, or for an update queued behind its action's create (filled in when
   * that one is delivered).
   */
  base: number | null;
  /** Sent with every attempt, so the source applies the write once however often it is retried. */
  idempotencyKey: string;
  enqueuedAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** `conflict`: changed on the source too; `rejected`: refused for good (the user decides either way). */
  state: 'pending' | 'conflict' | 'rejected';
  lastError: string | null;
  lastErrorWords?: ErrorWords | null;
  /** For a conflict: the source's current version. */
  theirs?: Action;
}

/** When an account last came from the source, and why its last refresh failed (if it did). */
export interface FetchMeta {
  accountId: string;
  sourceKey: string;
  fetchedAt: number | null;
  lastError: string | null;
  lastErrorWords?: ErrorWords | null;
  lastErrorAt: number | null;
}

/** The source's answer to a page's hints, so a page the source does not know is not asked again at once. */
export interface LookupRecord {
  /** Source key + the hints, canonical. */
  key: string;
  accountId: string | null;
  /** How the source matched it. */
  via?: 'crm_id' | 'email' | 'domain' | 'name';
  at: number;
}

/** Secrets the background keeps: the key that encrypts the source's token at rest. */
export interface SecretRecord {
  id: string;
  key: CryptoKey;
}

export interface NpsDB extends DBSchema {
  syncState: {
    key: string;
    value: SyncState;
  };
  outbox: {
    key: number;
    value: OutboxEntry;
    indexes: { byAction: string; byState: string };
  };
  fetchMeta: {
    key: string;
    value: FetchMeta;
  };
  lookups: {
    key: string;
    value: LookupRecord;
  };
  secrets: {
    key: string;
    value: SecretRecord;
  };
  accounts: {
    key: string;
    value: StoredAccount;
    indexes: {
      byNameKey: string;
      byAlias: string;
      byEmailDomain: string;
      bySalesforceId: string;
      byZendeskOrganizationId: string;
      byHubspotCompanyId: string;
      byDomain: string;
    };
  };
  /** Each account's respondents, one record per account (v5: one write per account, not per person). */
  respondentLists: {
    key: string;
    value: RespondentList;
  };
  /**
   * Responses in blocks of one account's rows (v5; see blocks.ts), keyed [accountId, n]; `byId` finds
   * the block that holds a response (multi-entry over the block's ids). The writer keeps each id in one
   * block; the index is not declared unique, which would cost a read per id on every write (2.4×).
   * `bySize` (v6) indexes each block by its number of rows, to count rows (`countRows` in blocks.ts).
   * `byUnread` (v7) lists the blocks marked as holding a comment not read yet (`markUnread`).
   */
  responseBlocks: {
    key: [string, number];
    value: StoredBlock<SurveyResponse>;
    indexes: { byId: string; bySize: number; byUnread: number };
  };
  actions: {
    key: string;
    value: Action;
    indexes: { byAccount: string };
  };
  /** Survey sends, blocked like responses (v5). */
  sendBlocks: {
    key: [string, number];
    value: StoredBlock<SurveySend>;
    indexes: { byId: string; bySize: number };
  };
  staging: {
    key: [string, number];
    value: StagedBatch;
    indexes: { byImport: string };
  };
  imports: {
    key: string;
    value: ImportRecord;
  };
  links: {
    key: string;
    value: ManualLink;
  };
}

export type NpsDatabase = IDBPDatabase<NpsDB>;

/** The respondent a response was given by; null for anonymous responses. */
export function respondentOf(response: SurveyResponse): Respondent | null {
  const email = response.respondentEmail?.trim().toLowerCase() || undefined;
  const name = response.respondentName?.trim() || undefined;
  const key = email ?? (name ? `name:${name.toLowerCase()}` : null);
  if (!key) return null;
  return {
    accountId: response.accountId,
    key,
    email,
    name,
    role: response.respondentRole,
    title: response.respondentTitle,
    lastRespondedAt: response.respondedAt,
  };
}
