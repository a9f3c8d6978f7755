/**
 * Custom sites: a CRM on a host of the customer's own. What a stored site is, and the pure rules about
 * hosts that the options page and the background share (the background's registry is
 * `lib/background/sites.ts`).
 */
import { z } from 'zod';
import { CRM_HOSTS, CRM_IDS } from '../crm/hosts';
import type { CrmId } from '../crm/types';

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

export const CustomSiteSchema = z.object({
  host: z.string().regex(HOST),
  crm: z.enum(CRM_IDS),
  addedAt: z.number().int().nonnegative(),
});
export type CustomSite = z.infer<typeof CustomSiteSchema>;

/**
 * The host a user typed, lower case, without scheme, path or port; null when it is not a host name.
 * `https://Support.Acme.com/agent/` → `support.acme.com`.
 */
export function normaliseHost(input: string): string | null {
  const text = input.trim().toLowerCase();
  if (!text) return null;
  let host: string;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `https://${text}`).hostname;
  } catch {
    return null;
  }
  return HOST.test(host) ? host : null;
}

/** The match patterns, and the optional host permission, of one custom host: HTTPS only. */
export function siteOrigins(host: string): string[] {
  return [`https://${host}/*`];
}

/** The CRM whose built-in hosts already cover `host` (adding it would change nothing), else null. */
export function builtInCrmOf(host: string): CrmId | null {
  for (const crm of CRM_IDS) {
    for (const pattern of CRM_HOSTS[crm]) {
      const patternHost = /^https:\/\/([^/]+)\/\*$/.exec(pattern)?.[1] ?? '';
      const covered = patternHost.startsWith('*.') ? host.endsWith(patternHost.slice(1)) : host === patternHost;
      if (covered) return crm;
    }
  }
  return null;
}
