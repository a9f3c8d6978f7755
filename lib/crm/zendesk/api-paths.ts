/**
 * Which read-only, same-origin Zendesk API paths resolve a page's organization, step by step. Free of
 * zod on purpose: the content script imports this module. It fetches the paths, and hands the raw
 * bodies to the background, which validates them (`./api`) before any hint from them is trusted.
 */
import type { PageContext } from '../types';

/** Only these paths are ever requested: a record of one kind by its numeric id. */
const API_PATH = /^\/api\/v2\/[a-z]+\/\d+\.json(\?|$)/;

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
    if (!domains?.length) paths.push(organizationApiPath(organization));
  } else if (ticket) {
    paths.push(`/api/v2/tickets/${ticket}.json?include=users,organizations`);
  } else if (user) {
    paths.push(`/api/v2/users/${user}.json`);
  }
  return paths.filter((path) => API_PATH.test(path) && !fetched.has(path));
}

/** The path of one organization's record. */
export function organizationApiPath(organizationId: string): string {
  return `/api/v2/organizations/${organizationId}.json`;
}

/** What one response tells the next step: the organization's id, and whether its record came along. */
export interface ZendeskNextStep {
  zendeskOrganizationId?: string;
  /** The organization's record (with its domains) was in the response: no need to ask for it. */
  organizationLoaded: boolean;
}

const idOf = (value: unknown): string | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;

const recordOf = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;

/**
 * What one response says about the next step, and nothing more. Used only to choose the next path (a
 * numeric id, same origin, GET); the hints the panel relies on come from the background's validated
 * parse of the same bodies.
 */
export function nextStep(json: unknown): ZendeskNextStep {
  const body = recordOf(json);
  const organization = recordOf(body?.organization);
  const zendeskOrganizationId =
    idOf(organization?.id) ?? idOf(recordOf(body?.ticket)?.organization_id) ?? idOf(recordOf(body?.user)?.organization_id);
  if (!body || !zendeskOrganizationId) return { organizationLoaded: false };
  const sideLoaded = [organization, ...(Array.isArray(body.organizations) ? body.organizations.map(recordOf) : [])].find(
    (o) => idOf(o?.id) === zendeskOrganizationId,
  );
  return { zendeskOrganizationId, organizationLoaded: !!sideLoaded && Array.isArray(sideLoaded.domain_names) };
}
