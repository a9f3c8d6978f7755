/**
 * A data source: where an account's responses, actions and survey sends come from, and where follow-up
 * actions are written back. The local source is what was imported from CSV into this browser; the HTTP
 * source is a team's survey tool or warehouse speaking the API in `docs/api/openapi.yaml`.
 *
 * Only the background service worker holds a DataSource (it owns the store and, for HTTP, the token).
 */
import { AppError } from '../core/errors';
import { englishOf, words } from '../i18n/words';
import type { Account, AccountRecords, Action, SurveyResponse, SurveySend } from '../model';
import type { AccountHintsInput } from '../model/page';

export type SourceKind = 'local' | 'http';

/** Which account the source says a page's hints name. */
export type SourceLookup =
  | { status: 'matched'; account: Account; via: 'crm_id' | 'email' | 'domain' | 'name' | 'link' }
  | { status: 'ambiguous'; candidates: Account[] }
  | { status: 'none' };

/** One page of rows changed since a position, and the position after them. */
export interface ChangesBatch {
  accounts: Account[];
  responses: SurveyResponse[];
  actions: Action[];
  sends: SurveySend[];
  /** Pass it back to get what changed after this page (also once `hasMore` is false). */
  nextCursor: string;
  hasMore: boolean;
}

/** What a source says about itself (`Test connection`). */
export interface SourceDescription {
  name: string;
  version: string;
  capabilities: string[];
}

/** A write refused because the action changed on the source since the base it was made on. */
export class ActionConflictError extends AppError {
  override name = 'ActionConflictError';
  constructor(readonly theirs: Action) {
    const said = words('error.changedOnSource', { title: theirs.title });
    super('conflict', englishOf(said), { words: said });
  }
}

export interface DataSource {
  readonly kind: SourceKind;
  /** Identifies whose data is stored (the HTTP source's URL): sync state belongs to one source. */
  readonly key: string;
  describe(signal?: AbortSignal): Promise<SourceDescription>;
  /** The account a page's hints name (CRM ids first, then emails, domains, name). */
  lookupAccount(hints: AccountHintsInput, recordKey: string, signal?: AbortSignal): Promise<SourceLookup>;
  /** Everything about one account (all its responses, actions and sends); null when the source has no such account. */
  accountContext(accountId: string, signal?: AbortSignal): Promise<AccountRecords | null>;
  searchAccounts(query: string, limit: number, signal?: AbortSignal): Promise<Account[]>;
  /** Rows changed after `cursor` (null: from the beginning). */
  changes(cursor: string | null, signal?: AbortSignal): Promise<ChangesBatch>;
  /** Creates an action; the same idempotency key never creates it twice. Returns the source's version. */
  createAction(action: Action, idempotencyKey: string, signal?: AbortSignal): Promise<Action>;
  /**
   * Changes an action made on the source's version `baseUpdatedAt`; throws ActionConflictError when the
   * source's version is another. Returns the source's new version.
   */
  updateAction(action: Action, baseUpdatedAt: number, idempotencyKey: string, signal?: AbortSignal): Promise<Action>;
}
