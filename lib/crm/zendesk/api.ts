/**
 * Zendesk's same-origin REST API, read-only: which paths resolve a page's organization, and a parser
 * that turns their responses into hints. Pure: the content script does the fetching (with the agent's
 * session cookie; GET needs no CSRF token) and imports this module lazily, as it pulls in zod.
 */
import { z } from 'zod';
import { compactHints } from '../dom';
import type { AccountHints, PageContext } from '../types';

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
export type ZendeskApiResult = { ok: true; hints: AccountHints } | { ok: false; error: string };

/**
 * The same-origin, read-only API paths that would resolve the organization of a Zendesk page, given the
 * hints gathered so far: the organization itself once its id is known, else the ticket (with its users
 * and organization side-loaded) or the user. Call again after merging each response's hints; paths in
 * `fetched` are never returned twice, so the exchange ends. Empty for other CRMs.
 */
export function zendeskApiPaths(page: PageContext, fetched: ReadonlySet<string> = new Set()): string[] {
  if (page.crm !== 'zendesk') return [];
  const { zendeskOrganizationId: organization, zendeskTicketId: ticket, zendeskUserId: user, domains } = page.hints;
  const paths: string[] = [];
  if (organization) {
    if (!domains?.length) paths.push(`/api/v2/organizations/${organization}.json`);
  } else if (ticket) {
    paths.push(`/api/v2/tickets/${ticket}.json?include=users,organizations`);
  } else if (user) {
    paths.push(`/api/v2/users/${user}.json`);
  }
  return paths.filter((path) => /^\/api\/v2\/[a-z]+\/\d+\.json(\?|$)/.test(path) && !fetched.has(path));
}

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
  return { ok: true, hints: compactHints(hints) };
}
