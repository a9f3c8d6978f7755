/**
 * The API's seven routes (`docs/api/openapi.yaml`): which route a path names, and what each answers.
 * Requests reach `answerRoute` authorised and with the route's method; writes go through `idempotency.ts`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import {
  ChangesParamsSchema, ContextParamsSchema, CreateActionSchema, LIMITS, LookupParamsSchema, SearchParamsSchema,
  UpdateActionSchema, API_VERSION, CAPABILITIES, ROUTES, type RouteName,
} from '../lib/wire/schemas';
import { ApiError } from './values';
import type { ActionWriter, Author, SourceStorage } from './storage';
import { parseWith, queryObject, readJson, send } from './http-io';
import type { Idempotency } from './idempotency';

export interface Matched {
  name: RouteName;
  template: string;
  id?: string;
}

const ROUTE_PATTERNS: Array<{ name: RouteName; pattern: RegExp }> = [
  { name: 'source', pattern: /^\/v1\/source$/ },
  { name: 'lookup', pattern: /^\/v1\/accounts\/lookup$/ },
  { name: 'search', pattern: /^\/v1\/accounts\/search$/ },
  { name: 'context', pattern: /^\/v1\/accounts\/([^/]+)\/context$/ },
  { name: 'changes', pattern: /^\/v1\/changes$/ },
  { name: 'createAction', pattern: /^\/v1\/actions$/ },
  { name: 'updateAction', pattern: /^\/v1\/actions\/([^/]+)$/ },
];

/** The routes this server answers, as `METHOD /path/{param}` (the OpenAPI test checks them both ways). */
export const IMPLEMENTED_ROUTES: string[] = ROUTE_PATTERNS.map(({ name }) => `${ROUTES[name].method} ${ROUTES[name].path}`);

/** The route a path names, with its id decoded; a path whose id does not decode is no route (404). */
export function matchRoute(pathname: string): Matched | undefined {
  for (const { name, pattern } of ROUTE_PATTERNS) {
    const found = pattern.exec(pathname);
    if (!found) continue;
    let id: string | undefined;
    if (found[1] !== undefined) {
      try {
        id = decodeURIComponent(found[1]);
      } catch {
        throw new ApiError(404, 'not_found', `no such path: ${pathname}`);
      }
    }
    return { name, template: ROUTES[name].path, ...(id !== undefined ? { id } : {}) };
  }
  return undefined;
}

export interface RouteDeps {
  storage: SourceStorage;
  idempotency: Idempotency;
  name: string;
  version: string;
}

const noParameters = (url: URL) => parseWith(z.strictObject({}), queryObject(url.searchParams), 'parameter');

/** A write: no parameters, a JSON body, run once per Idempotency-Key (`required`: the key must be sent). */
async function write(
  deps: RouteDeps, req: IncomingMessage, res: ServerResponse, url: URL, required: boolean,
  perform: (writer: ActionWriter, body: unknown) => Promise<{ status: number; body: unknown }>,
): Promise<void> {
  noParameters(url);
  const body = await readJson(req);
  await deps.idempotency.run(req, res, url.pathname, body, required, (writer) => perform(writer, body));
}

/** Answers an authorised request with the route's method; `author` is the token's user, recorded on writes. */
export async function answerRoute(
  deps: RouteDeps, req: IncomingMessage, res: ServerResponse, url: URL, route: Matched, author: Author,
): Promise<void> {
  const { storage: store } = deps;
  switch (route.name) {
    case 'source':
      noParameters(url);
      send(res, 200, {
        name: deps.name, version: deps.version, apiVersion: API_VERSION, capabilities: [...CAPABILITIES], serverTime: store.now(),
      });
      return;
    case 'lookup': {
      const q = parseWith(LookupParamsSchema, queryObject(url.searchParams), 'parameter');
      send(res, 200, await store.lookup({
        salesforceAccountId: q.salesforce_account_id,
        zendeskOrganizationId: q.zendesk_organization_id,
        hubspotCompanyId: q.hubspot_company_id,
        domains: q.domain,
        emails: q.email,
        name: q.name,
      }));
      return;
    }
    case 'search': {
      const q = parseWith(SearchParamsSchema, queryObject(url.searchParams), 'parameter');
      send(res, 200, { accounts: await store.search(q.q, q.limit ?? LIMITS.defaultSearchLimit) });
      return;
    }
    case 'context': {
      const q = parseWith(ContextParamsSchema, queryObject(url.searchParams), 'parameter');
      const context = await store.context(route.id!, q.window ?? 'all');
      if (!context) throw new ApiError(404, 'not_found', `no account "${route.id}"`);
      send(res, 200, context);
      return;
    }
    case 'changes': {
      const q = parseWith(ChangesParamsSchema, queryObject(url.searchParams), 'parameter');
      send(res, 200, await store.changes({ updatedSince: q.updated_since, cursor: q.cursor, limit: q.limit ?? LIMITS.defaultChangesLimit }));
      return;
    }
    case 'createAction':
      return write(deps, req, res, url, true, async (writer, body) => {
        const input = parseWith(CreateActionSchema, body, 'field');
        return { status: 201, body: { action: await writer.createAction(input, author) } };
      });
    case 'updateAction':
      return write(deps, req, res, url, false, async (writer, body) => {
        const input = parseWith(UpdateActionSchema, body, 'field');
        return { status: 200, body: { action: await writer.updateAction(route.id!, input, author) } };
      });
    default:
      throw new ApiError(405, 'method_not_allowed', `${req.method ?? 'GET'} is not allowed here`);
  }
}
