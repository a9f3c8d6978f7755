/**
 * The HTTP data source's wire format (API v1): paths, query parameters and JSON bodies, as zod schemas
 * shared by the extension's client (which validates every response with them) and the reference server
 * in `server/` (which validates every request with them). `docs/api/openapi.yaml` documents the same
 * contract for other implementations.
 *
 * Conventions: JSON bodies are camelCase and use the model's shapes (`lib/model`) unchanged; instants are
 * epoch milliseconds (UTC); query parameters are snake_case. Every request carries
 * `Authorization: Bearer <token>`. Errors are `{ error: { code, message, field? } }`.
 *
 * Free of Node-only imports: this runs in the extension's service worker.
 */
import { z } from 'zod';
import {
  AccountSchema, ActionSchema, ActionStatusSchema, IsoDateSchema, ResponseSchema, SurveySendSchema, WindowKeySchema,
} from '../model';

export const API_VERSION = 'v1';
export const API_PREFIX = '/v1';

/** Path templates as the OpenAPI file writes them (`{id}` for path parameters). */
export const ROUTES = {
  source: { method: 'GET', path: '/v1/source' },
  lookup: { method: 'GET', path: '/v1/accounts/lookup' },
  search: { method: 'GET', path: '/v1/accounts/search' },
  context: { method: 'GET', path: '/v1/accounts/{id}/context' },
  changes: { method: 'GET', path: '/v1/changes' },
  createAction: { method: 'POST', path: '/v1/actions' },
  updateAction: { method: 'PATCH', path: '/v1/actions/{id}' },
} as const;
export type RouteName = keyof typeof ROUTES;

/** Concrete paths (path parameters percent-encoded). */
export const paths = {
  source: (): string => '/v1/source',
  lookup: (): string => '/v1/accounts/lookup',
  search: (): string => '/v1/accounts/search',
  context: (accountId: string): string => `/v1/accounts/${encodeURIComponent(accountId)}/context`,
  changes: (): string => '/v1/changes',
  actions: (): string => '/v1/actions',
  action: (actionId: string): string => `/v1/actions/${encodeURIComponent(actionId)}`,
};

/**
 * The full URL of an API path under a source's base URL. The base may carry a path prefix (a source
 * behind a reverse proxy at `https://host/nps/`); `/v1/...` is appended to it, never replacing it.
 */
export function apiUrl(baseUrl: string, path: string, query?: URLSearchParams): string {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  base.pathname = `${prefix}${path}`;
  base.search = query && [...query.keys()].length > 0 ? `?${query.toString()}` : '';
  base.hash = '';
  return base.toString();
}

/** Request headers. */
export const HEADERS = {
  authorization: 'Authorization',
  idempotencyKey: 'Idempotency-Key',
  /** On a response: `true` when it is the stored result of an earlier request with the same key. */
  idempotentReplayed: 'Idempotent-Replayed',
  retryAfter: 'Retry-After',
} as const;

export const LIMITS = {
  /** Request bodies larger than this are refused with 413. */
  maxBodyBytes: 64 * 1024,
  maxSearchLimit: 50,
  defaultSearchLimit: 20,
  maxChangesLimit: 1000,
  defaultChangesLimit: 500,
  maxIdempotencyKeyLength: 200,
  /** Repeated `domain` / `email` lookup parameters. */
  maxLookupValues: 20,
} as const;

// ─── errors ───────────────────────────────────────────────────────────────────────────────────────────

export const ERROR_CODES = [
  'unauthorized', // 401: missing or wrong bearer token
  'not_found', // 404: no such route, account or action
  'method_not_allowed', // 405
  'conflict', // 409: the action changed on the server since the client's baseUpdatedAt (body has `current`)
  'payload_too_large', // 413
  'unsupported_media_type', // 415: a body that is not application/json
  'invalid_request', // 422: a parameter or body field is invalid (`field` names it)
  'idempotency_key_reused', // 422: the same Idempotency-Key with a different request
  'rate_limited', // 429 (with Retry-After)
  'internal', // 500
  'unavailable', // 503 (may carry Retry-After)
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorBodySchema = z.object({
  error: z.object({
    /** Unknown codes from newer servers are kept as strings. */
    code: z.string(),
    message: z.string(),
    /** The parameter, header or body field at fault, as a dotted path (`changes.dueDate`, `limit`). */
    field: z.string().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** 409 on PATCH /v1/actions/{id}: the server's current action, for the client to reconcile. */
export const ConflictBodySchema = ErrorBodySchema.extend({ current: ActionSchema });
export type ConflictBody = z.infer<typeof ConflictBodySchema>;

// ─── query-string helpers (the server parses strings; the client builds them) ───────────────────────

const DIGITS = /^\d+$/;
/** A non-negative integer written in decimal in a query string. */
function intParam(min: number, max: number) {
  return z
    .string()
    .regex(DIGITS, 'expected a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

// ─── GET /v1/source ───────────────────────────────────────────────────────────────────────────────────

export const CAPABILITIES = ['lookup', 'search', 'context', 'changes', 'actions.create', 'actions.update', 'actions.notes'] as const;
export const SourceInfoSchema = z.object({
  name: z.string(),
  /** The server's software version. */
  version: z.string(),
  apiVersion: z.literal(API_VERSION),
  /** Unknown capabilities from newer servers are kept as strings. */
  capabilities: z.array(z.string()),
  serverTime: z.number().int().nonnegative(),
});
export type SourceInfo = z.infer<typeof SourceInfoSchema>;

// ─── GET /v1/accounts/lookup ──────────────────────────────────────────────────────────────────────────

/** What the client knows about the page's account. At least one hint is required. */
export interface LookupQuery {
  salesforceAccountId?: string;
  zendeskOrganizationId?: string;
  hubspotCompanyId?: string;
  /** Repeated `domain=` parameters. */
  domains?: string[];
  /** Repeated `email=` parameters. */
  emails?: string[];
  name?: string;
}

export const LOOKUP_PARAMS = [
  'salesforce_account_id', 'zendesk_organization_id', 'hubspot_company_id', 'domain', 'email', 'name',
] as const;

export function lookupParams(query: LookupQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.salesforceAccountId) params.set('salesforce_account_id', query.salesforceAccountId);
  if (query.zendeskOrganizationId) params.set('zendesk_organization_id', query.zendeskOrganizationId);
  if (query.hubspotCompanyId) params.set('hubspot_company_id', query.hubspotCompanyId);
  for (const domain of query.domains ?? []) params.append('domain', domain);
  for (const email of query.emails ?? []) params.append('email', email);
  if (query.name) params.set('name', query.name);
  return params;
}

/** The server's view of the query string (single values as strings, repeatable ones as arrays). */
export const LookupParamsSchema = z
  .strictObject({
    salesforce_account_id: z.string().trim().regex(/^[A-Za-z0-9]{15}([A-Za-z0-9]{3})?$/, 'expected a 15- or 18-character Salesforce id').optional(),
    zendesk_organization_id: z.string().trim().regex(DIGITS, 'expected a whole number').max(30).optional(),
    hubspot_company_id: z.string().trim().regex(DIGITS, 'expected a whole number').max(30).optional(),
    domain: z.array(text(253)).max(LIMITS.maxLookupValues).optional(),
    email: z.array(text(320)).max(LIMITS.maxLookupValues).optional(),
    name: text(300).optional(),
  })
  .refine((q) => Object.values(q).some((v) => v !== undefined && (!Array.isArray(v) || v.length > 0)), {
    message: `at least one of ${LOOKUP_PARAMS.join(', ')} is required`,
  });

export const LOOKUP_VIA = ['crm_id', 'email', 'domain', 'name'] as const;
/**
 * `matched`: exactly one account (in `matches[0]`). `ambiguous`: several accounts at the most trusted level
 * that found any (the client asks the user; never a guess). `none`: nothing.
 */
export const LookupResultSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('matched'), via: z.enum(LOOKUP_VIA), matches: z.array(AccountSchema).length(1) }),
  z.object({ status: z.literal('ambiguous'), via: z.enum(LOOKUP_VIA), matches: z.array(AccountSchema).min(2) }),
  z.object({ status: z.literal('none'), matches: z.array(AccountSchema).length(0) }),
]);
export type LookupResult = z.infer<typeof LookupResultSchema>;

// ─── GET /v1/accounts/search ──────────────────────────────────────────────────────────────────────────

export function searchParams(query: { q: string; limit?: number }): URLSearchParams {
  const params = new URLSearchParams({ q: query.q });
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  return params;
}

export const SearchParamsSchema = z.strictObject({
  q: text(200),
  limit: intParam(1, LIMITS.maxSearchLimit).optional(),
});

export const SearchResultSchema = z.object({
  /** Best match first. */
  accounts: z.array(AccountSchema),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;

// ─── GET /v1/accounts/{id}/context ────────────────────────────────────────────────────────────────────

export function contextParams(query: { window?: z.infer<typeof WindowKeySchema> }): URLSearchParams {
  const params = new URLSearchParams();
  if (query.window) params.set('window', query.window);
  return params;
}

export const ContextParamsSchema = z.strictObject({
  /** Responses and sends in the trailing window; default `all`. Actions are always all of them. */
  window: WindowKeySchema.optional(),
});

/**
 * A response as the wire carries it: what was read from its comment (`insight`) is computed on each
 * person's machine and never travels; a source that sends one has it dropped.
 */
export const WireResponseSchema = ResponseSchema.omit({ insight: true });

export const AccountContextSchema = z.object({
  account: AccountSchema,
  responses: z.array(WireResponseSchema),
  actions: z.array(ActionSchema),
  sends: z.array(SurveySendSchema),
  window: WindowKeySchema,
  /** The start of the window (epoch ms), null for `all`. */
  since: z.number().int().nonnegative().nullable(),
  serverTime: z.number().int().nonnegative(),
});
export type AccountContextBody = z.infer<typeof AccountContextSchema>;

// ─── GET /v1/changes ──────────────────────────────────────────────────────────────────────────────────

export function changesParams(query: { updatedSince?: number; cursor?: string; limit?: number }): URLSearchParams {
  const params = new URLSearchParams();
  if (query.cursor) params.set('cursor', query.cursor);
  else if (query.updatedSince !== undefined) params.set('updated_since', String(query.updatedSince));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  return params;
}

export const ChangesParamsSchema = z.strictObject({
  /** Epoch ms: rows changed at or after it. Ignored when `cursor` is given (the cursor carries it). */
  updated_since: intParam(0, Number.MAX_SAFE_INTEGER).optional(),
  /** `nextCursor` of an earlier page, as given. */
  cursor: z.string().min(1).max(500).optional(),
  limit: intParam(1, LIMITS.maxChangesLimit).optional(),
});

/**
 * One page of changed rows, in the order they changed (a server-side sequence, so rows with equal
 * timestamps are never skipped or repeated across pages). A row changed again later shows up again on a
 * later page with its new state. `nextCursor` is always given: keep it and pass it next time, even when
 * `hasMore` is false, to get only what changed since.
 */
export const ChangesPageSchema = z.object({
  accounts: z.array(AccountSchema),
  responses: z.array(WireResponseSchema),
  actions: z.array(ActionSchema),
  sends: z.array(SurveySendSchema),
  nextCursor: z.string().min(1),
  hasMore: z.boolean(),
  serverTime: z.number().int().nonnegative(),
});
export type ChangesPage = z.infer<typeof ChangesPageSchema>;

// ─── POST /v1/actions ─────────────────────────────────────────────────────────────────────────────────

const IsoDate = IsoDateSchema;
const Title = z.string().trim().min(1, 'must not be empty').max(500);
const Owner = z.string().trim().min(1, 'must not be empty').max(200);

export const IdempotencyKeySchema = z
  .string()
  .min(1, 'must not be empty')
  .max(LIMITS.maxIdempotencyKeyLength)
  .regex(/^[\x21-\x7e]+$/, 'expected printable ASCII without spaces');

/** Requires the `Idempotency-Key` header. */
/** A note as a client sends it: its id, when it was written, its text; the server names its author. */
const NoteInput = z.strictObject({
  id: z.string().trim().min(1).max(200),
  at: z.number().int().nonnegative(),
  text: z.string().trim().min(1, 'must not be empty').max(5_000),
  by: z.string().max(200).optional(),
});

export const CreateActionSchema = z.strictObject({
  /** The client's id for the action; the server makes one when absent. */
  id: z.string().trim().min(1).max(200).optional(),
  accountId: z.string().min(1).max(500),
  title: Title,
  status: ActionStatusSchema.default('open'),
  owner: Owner.optional(),
  dueDate: IsoDate.optional(),
  responseId: z.string().min(1).max(500).optional(),
  /** Notes, oldest first (new ones are stamped with the token's user). */
  notes: z.array(NoteInput).max(500).optional(),
});
export type CreateActionInput = z.input<typeof CreateActionSchema>;

/** 201 (and the same body, with `Idempotent-Replayed: true`, for a repeat of the same request). */
export const ActionBodySchema = z.object({ action: ActionSchema });
export type ActionBody = z.infer<typeof ActionBodySchema>;

// ─── PATCH /v1/actions/{id} ───────────────────────────────────────────────────────────────────────────

/**
 * `baseUpdatedAt` is the `updatedAt` of the action as the client last saw it: when the server's differs
 * (someone else changed it), the answer is 409 with the server's `current` action and nothing changes.
 * The server makes `updatedAt` strictly increase on every change, so it serves as the action's version.
 * `null` clears an optional field. `Idempotency-Key` is optional here (a repeat returns the first answer).
 */
export const UpdateActionSchema = z.strictObject({
  baseUpdatedAt: z.number().int().nonnegative(),
  changes: z
    .strictObject({
      title: Title.optional(),
      status: ActionStatusSchema.optional(),
      owner: Owner.nullable().optional(),
      dueDate: IsoDate.nullable().optional(),
      /** The whole list of notes after the change (notes the server has keep their author and time). */
      notes: z.array(NoteInput).max(500).optional(),
    })
    .refine((c) => Object.keys(c).length > 0, { message: 'at least one change is required' }),
});
export type UpdateActionInput = z.input<typeof UpdateActionSchema>;

// ─── test hooks (reference server started with testHooks: true only) ─────────────────────────────────

export const TEST_PREFIX = '/__test';

/** POST /__test/faults: the next `count` matching /v1 requests fail (or are delayed) as described. */
export const FaultSchema = z.strictObject({
  /** HTTP status to answer with; omit with `delayMs` alone for a slow but correct answer. */
  status: z.number().int().min(400).max(599).optional(),
  /** Seconds, sent as `Retry-After` (with 429 or 503). */
  retryAfter: z.number().int().min(0).max(86_400).optional(),
  /** Delay before answering (the fault or the real answer). */
  delayMs: z.number().int().min(0).max(60_000).optional(),
  /** Only requests whose route template (`/v1/accounts/{id}/context`) or path starts with this. */
  path: z.string().min(1).optional(),
  /** Only this method. */
  method: z.enum(['GET', 'POST', 'PATCH']).optional(),
  count: z.number().int().min(1).max(10_000).default(1),
});
export type Fault = z.input<typeof FaultSchema>;

/** GET /__test/counts: requests per route (`GET /v1/accounts/{id}/context`), faulted ones included. */
export const RequestCountsSchema = z.object({
  counts: z.record(z.string(), z.number().int().nonnegative()),
  total: z.number().int().nonnegative(),
});
export type RequestCounts = z.infer<typeof RequestCountsSchema>;

/** POST /__test/actions/{id}: change an action as another user would (for conflicts). */
export const TestActionChangeSchema = UpdateActionSchema.shape.changes;

/** POST /__test/responses: add (or replace, by id) responses as if a new file had been loaded. */
export const TestResponsesSchema = z.strictObject({
  responses: z
    .array(WireResponseSchema.omit({ updatedAt: true }).extend({ updatedAt: z.number().int().nonnegative().optional() }))
    .min(1)
    .max(10_000),
});
export type TestResponsesInput = z.input<typeof TestResponsesSchema>;
