/**
 * What a CRM page says about its record (the hints the content script read), which account they name,
 * and how fresh the data shown for it is. Domain types shared by the store, the sources, the messaging
 * contract and the UIs.
 */
import { z } from 'zod';
import type { Account } from './index';
import type { ErrorWords } from '../core/errors';

const Id = z.string().min(1).max(200);
const Short = z.string().max(500);

export const AccountHintsSchema = z
  .object({
    salesforceAccountId: Id,
    salesforceRecordId: Id,
    zendeskOrganizationId: Id,
    zendeskUserId: Id,
    zendeskTicketId: Id,
    hubspotCompanyId: Id,
    hubspotRecordId: Id,
    freshdeskCompanyId: Id,
    dynamicsAccountId: Id,
    intercomConversationId: Id,
    intercomUserId: Id,
    intercomCompanyId: Id,
    emails: z.array(Short).max(50),
    domains: z.array(Short).max(50),
    name: Short,
  })
  .partial();
export type AccountHintsInput = z.infer<typeof AccountHintsSchema>;

export const PageContextSchema = z.object({
  crm: z.string().min(1).max(40),
  kind: z.string().min(1).max(40),
  recordKey: z.string().min(1).max(300),
  hints: AccountHintsSchema,
});
export type PageContextInput = z.infer<typeof PageContextSchema>;

/** How the page's account was found, or why it was not. */
export type Resolution =
  | { status: 'matched'; accountId: string; via: 'link' | 'crm_id' | 'email' | 'domain' | 'name' }
  | { status: 'ambiguous'; candidates: Account[] }
  | { status: 'none' };

/**
 * How fresh the shown data is (stale-while-revalidate): cached records are shown at once with
 * their age while a refresh runs; a failed refresh keeps them and says why.
 */
export interface Freshness {
  /** When this account's data last came from its source (epoch ms); null when it never has. */
  fetchedAt: number | null;
  /** Older than the source's TTL: a refresh has been asked for. */
  stale: boolean;
  /** A refresh is running; a `dataChanged` event follows when it lands. */
  refreshing: boolean;
  /** Why the last refresh failed, kept until one succeeds. */
  lastError: string | null;
  /** The same as words, for the panel to say in its language. */
  lastErrorWords?: ErrorWords | null;
}
