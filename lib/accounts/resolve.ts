/**
 * Page hints → account, in order of trust: a link made by hand; a CRM id; an email's domain (an
 * account's own domain, then the work domain its respondents write from); the page's domains; the
 * normalised name. More than one candidate at a level is ambiguous, never a
 * guess — unless the page's name singles out exactly one of them.
 *
 * Which hints can match imported data (the responses CSV has `salesforce_account_id`,
 * `zendesk_organization_id`, `hubspot_company_id`, `account_domain` and `account_name`):
 * - `salesforceAccountId` (15 or 18 characters; compared on the 18-character form), `zendeskOrganizationId`,
 *   `hubspotCompanyId`: CRM ids.
 * - `salesforceRecordId`: only when it is itself an Account id (key prefix 001); a Contact's or a Case's
 *   id cannot match an account, its Account lookup (in `salesforceAccountId`) does.
 * - `zendeskUserId`, `zendeskTicketId`, `hubspotRecordId`, `freshdeskCompanyId`, `dynamicsAccountId`,
 *   `intercomConversationId`, `intercomUserId`, `intercomCompanyId`: no column holds them today, so they cannot match; those
 *   pages resolve through their emails, domains and name (Zendesk's API turns a ticket or user into its
 *   organization's id, domains and the requester's email before this runs).
 */
import { Invalid, parseDomain } from '../import/values';
import { normaliseSalesforceId } from '../crm/salesforce/ids';
import type { Account } from '../model';
import { workEmailDomain } from '../model/mail';
import type { NpsStore } from '../store';
import type { PageContextInput, Resolution } from '../model/page';

type Lookup = Pick<
  NpsStore,
  | 'getLink'
  | 'getAccount'
  | 'accountsBySalesforceId'
  | 'accountsByZendeskOrganization'
  | 'accountsByHubspotCompany'
  | 'accountsByDomain'
  | 'accountsByEmailDomain'
  | 'accountsByName'
>;

type Via = 'crm_id' | 'email' | 'domain' | 'name';

const MAX_CANDIDATES = 20;

function distinct(accounts: Account[]): Account[] {
  return [...new Map(accounts.map((a) => [a.id, a])).values()];
}

/** `https://www.Acme.com/about` → `acme.com`: the same normalisation imports store domains with. */
export function normaliseDomain(raw: string): string | null {
  const domain = parseDomain(raw);
  return domain instanceof Invalid ? null : domain;
}

/** The work domain of an email address (never a mail provider's), as domains are stored. */
function workDomainOf(email: string): string | null {
  const domain = workEmailDomain(email);
  return domain && normaliseDomain(domain);
}

/** The Account ids a page names: its Account (lookup) and, if it is one, the record itself. */
function salesforceAccountIds(hints: PageContextInput['hints']): string[] {
  const ids = new Set<string>();
  const account = normaliseSalesforceId(hints.salesforceAccountId);
  if (account) ids.add(account);
  const record = normaliseSalesforceId(hints.salesforceRecordId);
  if (record?.startsWith('001')) ids.add(record);
  return [...ids];
}

async function all(lookups: Array<Promise<Account[]>>): Promise<Account[]> {
  return (await Promise.all(lookups)).flat();
}

export async function resolveAccount(store: Lookup, page: PageContextInput): Promise<Resolution> {
  const link = await store.getLink(page.recordKey);
  if (link && (await store.getAccount(link.accountId))) {
    return { status: 'matched', accountId: link.accountId, via: 'link' };
  }
  const { hints } = page;
  const emailDomains = [...new Set((hints.emails ?? []).map(workDomainOf))].filter((d): d is string => !!d);
  const domains = [...new Set((hints.domains ?? []).map(normaliseDomain))].filter((d): d is string => !!d);
  const levels: Array<{ via: Via; find: () => Promise<Account[]> }> = [
    {
      via: 'crm_id',
      find: () =>
        all([
          ...salesforceAccountIds(hints).map((id) => store.accountsBySalesforceId(id)),
          ...(hints.zendeskOrganizationId ? [store.accountsByZendeskOrganization(hints.zendeskOrganizationId)] : []),
          ...(hints.hubspotCompanyId ? [store.accountsByHubspotCompany(hints.hubspotCompanyId)] : []),
        ]),
    },
    // An email's domain: an account's own domain first, then the domain its respondents write from.
    { via: 'email', find: () => all(emailDomains.map((d) => store.accountsByDomain(d))) },
    { via: 'email', find: () => all(emailDomains.map((d) => store.accountsByEmailDomain(d))) },
    { via: 'domain', find: () => all(domains.map((d) => store.accountsByDomain(d))) },
    { via: 'name', find: async () => (hints.name ? store.accountsByName(hints.name) : []) },
  ];
  let named: Set<string> | undefined;
  for (const level of levels) {
    const found = distinct(await level.find());
    if (found.length === 1) return { status: 'matched', accountId: found[0]!.id, via: level.via };
    if (found.length > 1) {
      // Two accounts share a domain (a parent and its subsidiary, say): the page's name may tell them apart.
      named ??= new Set(hints.name ? (await store.accountsByName(hints.name)).map((a) => a.id) : []);
      const narrowed = found.filter((a) => named!.has(a.id));
      if (narrowed.length === 1) return { status: 'matched', accountId: narrowed[0]!.id, via: level.via };
      return { status: 'ambiguous', candidates: found.slice(0, MAX_CANDIDATES) };
    }
  }
  return { status: 'none' };
}
