/**
 * The HTTP source: the API of `docs/api/openapi.yaml` (schemas in lib/wire/schemas.ts), over SourceFetcher's
 * timeouts, retries, concurrency limit and shared requests. Every body is validated before it is used.
 */
import { normaliseSalesforceId } from '../../crm/salesforce/ids';
import { actionFields } from '../../model/action-fields';
import type { AccountRecords, Action } from '../../model';
import type { AccountHintsInput } from '../../model/page';
import { ActionConflictError, type ChangesBatch, type DataSource, type SourceDescription, type SourceLookup } from '../types';
import {
  AccountContextSchema,
  ActionBodySchema,
  ChangesPageSchema,
  ConflictBodySchema,
  HEADERS,
  LIMITS,
  LookupResultSchema,
  SearchResultSchema,
  SourceInfoSchema,
  changesParams,
  contextParams,
  lookupParams,
  paths,
  searchParams,
  type CreateActionInput,
  type LookupQuery,
  type UpdateActionInput,
} from '../../wire/schemas';
import { SourceError, SourceFetcher, type FetcherOptions } from './fetcher';
import { words } from '../../i18n/words';

/** The lookup query a page's hints make: only what the API can match on, normalised, bounded. */
export function lookupQueryOf(hints: AccountHintsInput): LookupQuery {
  const salesforceIds = [hints.salesforceAccountId, hints.salesforceRecordId]
    .map((id) => normaliseSalesforceId(id))
    .filter((id): id is string => !!id && id.startsWith('001'));
  const digits = (v: string | undefined) => (v && /^\d{1,30}$/.test(v) ? v : undefined);
  const bounded = (values: string[] | undefined) =>
    [...new Set((values ?? []).map((v) => v.trim()).filter(Boolean))].slice(0, LIMITS.maxLookupValues);
  const name = hints.name?.trim().slice(0, 300);
  return {
    salesforceAccountId: salesforceIds[0],
    zendeskOrganizationId: digits(hints.zendeskOrganizationId),
    hubspotCompanyId: digits(hints.hubspotCompanyId),
    domains: bounded(hints.domains),
    emails: bounded(hints.emails),
    name: name || undefined,
  };
}

export function hasLookupHints(query: LookupQuery): boolean {
  return lookupParams(query).size > 0;
}

export interface HttpSourceOptions extends Omit<FetcherOptions, 'baseUrl'> {
  url: string;
  /** Rows per page of changes. */
  changesLimit?: number;
}

export class HttpSource implements DataSource {
  readonly kind = 'http' as const;
  readonly key: string;
  readonly fetcher: SourceFetcher;
  private readonly changesLimit: number;

  constructor(options: HttpSourceOptions) {
    this.key = new URL(options.url).href;
    this.fetcher = new SourceFetcher({ ...options, baseUrl: options.url });
    this.changesLimit = options.changesLimit ?? LIMITS.defaultChangesLimit;
  }

  async describe(signal?: AbortSignal): Promise<SourceDescription> {
    const info = await this.fetcher.request({ method: 'GET', path: paths.source(), schema: SourceInfoSchema, signal });
    return { name: info.name, version: info.version, capabilities: info.capabilities };
  }

  async lookupAccount(hints: AccountHintsInput, _recordKey: string, signal?: AbortSignal): Promise<SourceLookup> {
    const query = lookupQueryOf(hints);
    if (!hasLookupHints(query)) return { status: 'none' };
    const result = await this.fetcher.request({
      method: 'GET',
      path: paths.lookup(),
      query: lookupParams(query),
      schema: LookupResultSchema,
      signal,
    });
    if (result.status === 'matched') return { status: 'matched', account: result.matches[0]!, via: result.via };
    if (result.status === 'ambiguous') return { status: 'ambiguous', candidates: result.matches };
    return { status: 'none' };
  }

  async accountContext(accountId: string, signal?: AbortSignal): Promise<AccountRecords | null> {
    const body = await this.fetcher.request({
      method: 'GET',
      path: paths.context(accountId),
      query: contextParams({ window: 'all' }),
      schema: AccountContextSchema,
      notFoundIsNull: true,
      signal,
    });
    if (!body) return null;
    const foreign = [...body.responses, ...body.actions, ...body.sends].findIndex((row) => row.accountId !== body.account.id);
    if (foreign >= 0) {
      throw new SourceError(words('error.source.otherAccount', { path: paths.context(accountId) }), 'invalid');
    }
    return { account: body.account, responses: body.responses, actions: body.actions, sends: body.sends };
  }

  async searchAccounts(query: string, limit: number, signal?: AbortSignal) {
    const q = query.trim();
    if (!q) return [];
    const body = await this.fetcher.request({
      method: 'GET',
      path: paths.search(),
      query: searchParams({ q: q.slice(0, 200), limit: Math.min(limit, LIMITS.maxSearchLimit) }),
      schema: SearchResultSchema,
      signal,
    });
    return body.accounts;
  }

  async changes(cursor: string | null, signal?: AbortSignal): Promise<ChangesBatch> {
    const page = await this.fetcher.request({
      method: 'GET',
      path: paths.changes(),
      query: changesParams({ cursor: cursor ?? undefined, limit: this.changesLimit }),
      schema: ChangesPageSchema,
      signal,
    });
    const { accounts, responses, actions, sends, nextCursor, hasMore } = page;
    return { accounts, responses, actions, sends, nextCursor, hasMore };
  }

  async createAction(action: Action, idempotencyKey: string, signal?: AbortSignal): Promise<Action> {
    const body: CreateActionInput = {
      id: action.id,
      accountId: action.accountId,
      ...actionFields(action),
      ...(action.notes?.length ? { notes: action.notes } : {}),
    };
    return this.writeAction('POST', paths.actions(), body, idempotencyKey, signal);
  }

  async updateAction(action: Action, baseUpdatedAt: number, idempotencyKey: string, signal?: AbortSignal): Promise<Action> {
    const body: UpdateActionInput = {
      baseUpdatedAt,
      changes: {
        title: action.title,
        status: action.status,
        owner: action.owner ?? null,
        dueDate: action.dueDate ?? null,
        ...(action.notes !== undefined ? { notes: action.notes } : {}),
      },
    };
    return this.writeAction('PATCH', paths.action(action.id), body, idempotencyKey, signal);
  }

  /** One action write; a 409 (someone else changed it, or made one with this id) is for the user to decide. */
  private async writeAction(
    method: 'POST' | 'PATCH',
    path: string,
    body: unknown,
    idempotencyKey: string,
    signal: AbortSignal | undefined,
  ): Promise<Action> {
    try {
      const result = await this.fetcher.request({
        method,
        path,
        body,
        headers: { [HEADERS.idempotencyKey]: idempotencyKey },
        schema: ActionBodySchema,
        conflictSchema: ConflictBodySchema,
        signal,
      });
      return result.action;
    } catch (error) {
      if (error instanceof SourceError && error.kind === 'conflict') {
        throw new ActionConflictError((error.details.body as { current: Action }).current);
      }
      throw error;
    }
  }
}
