/**
 * Zendesk's same-origin REST API, read-only: a parser that turns its responses into hints, and the merge
 * of those hints into a page's. Pure. The content script fetches the paths `./api-paths` names (with the
 * agent's session cookie; GET needs no CSRF token) and sends the raw bodies to the background, which
 * runs this module: it pulls in zod, which stays out of the content script.
 */
import { z } from 'zod';
import { compactHints } from '../dom';
import type { AccountHints, PageContext } from '../types';

export { zendeskApiPaths } from './api-paths';

/** At most this many API bodies are merged into one page (the content script asks for two at most). */
export const MAX_ZENDESK_API_BODIES = 4;

const Id = z.number().int().nonnegative();

const UserSchema = z.object({
  id: Id,
  email: z.string().nullish(),
  organization_id: Id.nullish(),
});

const OrganizationSchema = z.object({
  id: Id,
  name: z.string().nullish(),
  domain_names: z.array(z.string()).nullish(),
});

const TicketSchema = z.object({
  id: Id,
  requester_id: Id.nullish(),
  organization_id: Id.nullish(),
});

/** The responses of the paths `zendeskApiPaths` returns: one record, with users and organizations side-loaded. */
const ResponseSchema = z
  .object({
    ticket: TicketSchema.optional(),
    user: UserSchema.optional(),
    organization: OrganizationSchema.optional(),
    users: z.array(UserSchema).optional(),
    organizations: z.array(OrganizationSchema).optional(),
  })
  .refine((r) => r.ticket ?? r.user ?? r.organization, { message: 'expected a ticket, user or organization' });

/** The outcome of parsing one API response. */
export type ZendeskApiResult =
  /** `noOrganization`: the API says in so many words (`organization_id: null`) that the record has none. */
  | { ok: true; hints: AccountHints; noOrganization: boolean }
  | { ok: false; error: string };

/**
 * Hints from one response of `/api/v2/tickets/{id}.json?include=users,organizations`,
 * `/api/v2/users/{id}.json` or `/api/v2/organizations/{id}.json`: the organization's id, name and domains,
 * the requester's (or user's) id and email. A response of another shape is an error naming the field.
 */
export function hintsFromZendeskApi(json: unknown): ZendeskApiResult {
  const parsed = ResponseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `Zendesk API response: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  }
  const { ticket, users = [], organizations = [] } = parsed.data;
  const person = parsed.data.user ?? users.find((u) => u.id === ticket?.requester_id);
  const organizationId = parsed.data.organization?.id ?? ticket?.organization_id ?? person?.organization_id;
  const organization = parsed.data.organization ?? organizations.find((o) => o.id === organizationId);
  const hints: AccountHints = {
    zendeskTicketId: ticket ? String(ticket.id) : undefined,
    zendeskUserId: person ? String(person.id) : ticket?.requester_id != null ? String(ticket.requester_id) : undefined,
    zendeskOrganizationId: organizationId != null ? String(organizationId) : undefined,
    name: organization?.name ?? undefined,
    domains: organization?.domain_names ?? undefined,
    emails: person?.email ? [person.email] : undefined,
  };
  const subject = ticket ?? parsed.data.user;
  const noOrganization = !parsed.data.organization && subject?.organization_id === null && (person?.organization_id ?? null) === null;
  return { ok: true, hints: compactHints(hints), noOrganization };
}

/** A page whose hints include what Zendesk's API said, and the responses that could not be read. */
export interface ZendeskApiMerge<P> {
  page: P;
  errors: string[];
}

/** The part of a page the merge reads: `PageContext`, or the background's validated copy of one. */
type PageLike = Pick<PageContext, 'hints'> & { crm: string; kind: string };

/**
 * The page with the hints of Zendesk API responses merged in: the API's organization (id, name,
 * domains) and people win over what the DOM showed, and so does its saying the record has no organization;
 * emails from both are kept, API first. A response
 * about another record than the page's (a ticket the agent has left) is ignored, as is any response
 * on another CRM's page. The DOM's hints stay whenever the API says nothing.
 */
export function withZendeskApi<P extends PageLike>(page: P, bodies: readonly unknown[]): ZendeskApiMerge<P> {
  if (page.crm !== 'zendesk' || bodies.length === 0) return { page, errors: [] };
  const errors: string[] = [];
  const fromApi: AccountHints = {};
  let apiSaysNoOrganization = false;
  for (const body of bodies.slice(0, MAX_ZENDESK_API_BODIES)) {
    const result = hintsFromZendeskApi(body);
    if (!result.ok) {
      errors.push(result.error);
      continue;
    }
    const { hints } = result;
    const own = page.hints;
    const otherRecord =
      (hints.zendeskTicketId !== undefined && own.zendeskTicketId !== undefined && hints.zendeskTicketId !== own.zendeskTicketId) ||
      (page.kind === 'user' && hints.zendeskUserId !== undefined && hints.zendeskUserId !== own.zendeskUserId) ||
      (page.kind === 'organization' && hints.zendeskOrganizationId !== undefined && hints.zendeskOrganizationId !== own.zendeskOrganizationId);
    if (otherRecord) continue;
    apiSaysNoOrganization ||= result.noOrganization;
    fromApi.zendeskUserId ??= hints.zendeskUserId;
    fromApi.zendeskOrganizationId ??= hints.zendeskOrganizationId;
    fromApi.name ??= hints.name;
    fromApi.domains = [...(fromApi.domains ?? []), ...(hints.domains ?? [])];
    fromApi.emails = [...(fromApi.emails ?? []), ...(hints.emails ?? [])];
  }
  // The API's "no organization" wins over an organization the DOM seemed to show (and its name).
  const dom = apiSaysNoOrganization && !fromApi.zendeskOrganizationId ? { ...page.hints, zendeskOrganizationId: undefined, name: undefined } : page.hints;
  const hints = compactHints({
    ...dom,
    zendeskUserId: fromApi.zendeskUserId ?? dom.zendeskUserId,
    zendeskOrganizationId: fromApi.zendeskOrganizationId ?? dom.zendeskOrganizationId,
    // The DOM's name belongs to the organization it linked to: keep it only if the API found no other.
    name: fromApi.name ?? (fromApi.zendeskOrganizationId && fromApi.zendeskOrganizationId !== dom.zendeskOrganizationId ? undefined : dom.name),
    domains: [...(fromApi.domains ?? []), ...(dom.domains ?? [])],
    emails: [...(fromApi.emails ?? []), ...(dom.emails ?? [])],
  });
  return { page: { ...page, hints }, errors };
}
