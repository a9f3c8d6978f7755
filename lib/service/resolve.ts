/**
 * Page hints → account, in order of trust: a link made by hand; a CRM id; an email's or a page's
 * domain; the normalised name. More than one candidate at a level is ambiguous, never a guess.
 */
import type { Account } from '../model';
import type { NpsStore } from '../store';
import type { PageContextInput, Resolution } from './protocol';

type Lookup = Pick<
  NpsStore,
  | 'getLink'
  | 'getAccount'
  | 'accountsBySalesforceId'
  | 'accountsByZendeskOrganization'
  | 'accountsByHubspotCompany'
  | 'accountsByDomain'
  | 'accountsByName'
>;

/** Mail providers' domains say nothing about which customer a person works for. */
const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'icloud.com',
  'me.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'web.de', 'yandex.ru', 'mail.ru', 'qq.com',
]);

function distinct(accounts: Account[]): Account[] {
  return [...new Map(accounts.map((a) => [a.id, a])).values()];
}

function domainOfEmail(email: string): string | null {
  const at = email.lastIndexOf('@');
  return at > 0 ? email.slice(at + 1).toLowerCase().trim() : null;
}

export async function resolveAccount(store: Lookup, page: PageContextInput): Promise<Resolution> {
  const link = await store.getLink(page.recordKey);
  if (link && (await store.getAccount(link.accountId))) {
    return { status: 'matched', accountId: link.accountId, via: 'link' };
  }
  const { hints } = page;
  const levels: Array<{ via: 'crm_id' | 'email' | 'domain' | 'name'; find: () => Promise<Account[]> }> = [
    {
      via: 'crm_id',
      find: async () => {
        const found: Account[] = [];
        if (hints.salesforceAccountId) found.push(...(await store.accountsBySalesforceId(hints.salesforceAccountId)));
        if (hints.zendeskOrganizationId) found.push(...(await store.accountsByZendeskOrganization(hints.zendeskOrganizationId)));
        if (hints.hubspotCompanyId) found.push(...(await store.accountsByHubspotCompany(hints.hubspotCompanyId)));
        return found;
      },
    },
    {
      via: 'email',
      find: async () => {
        const domains = (hints.emails ?? []).map(domainOfEmail).filter((d): d is string => !!d && !PUBLIC_MAIL_DOMAINS.has(d));
        return (await Promise.all([...new Set(domains)].map((d) => store.accountsByDomain(d)))).flat();
      },
    },
    {
      via: 'domain',
      find: async () => (await Promise.all((hints.domains ?? []).map((d) => store.accountsByDomain(d)))).flat(),
    },
    { via: 'name', find: async () => (hints.name ? store.accountsByName(hints.name) : []) },
  ];
  for (const level of levels) {
    const found = distinct(await level.find());
    if (found.length === 1) return { status: 'matched', accountId: found[0]!.id, via: level.via };
    if (found.length > 1) return { status: 'ambiguous', candidates: found.slice(0, 20) };
  }
  return { status: 'none' };
}
