/**
 * Accounts from respondents' email domains, for exports that name no account: `ann@acme.com` answers
 * for acme.com. A free-mail or ISP address (gmail.com, web.de, comcast.net) says nothing about the
 * company, so its respondent stays unassigned rather than becoming an account called gmail.com.
 */
import commonProviders from 'email-providers/common.json' with { type: 'json' };
import { PUBLIC_MAIL_DOMAINS } from '../model/mail';

/**
 * Free-mail and ISP domains: the maintained list's common ones (some 360: too many for the content
 * script, whose own short list `PUBLIC_MAIL_DOMAINS` is included), and a few it lacks.
 */
const FREE_MAIL = new Set<string>([...(commonProviders as string[]), ...PUBLIC_MAIL_DOMAINS, 'fastmail.com', 'pm.me', 'hey.com']);

/** Whether addresses at `domain` belong to people rather than to one company. */
export function isFreeMailDomain(domain: string): boolean {
  const lower = domain.toLowerCase();
  if (FREE_MAIL.has(lower)) return true;
  // Regional variants of the big providers: yahoo.co.uk, hotmail.fr, outlook.com.br…
  return /^(yahoo|ymail|hotmail|outlook|live|msn|gmx|aol)\.[a-z.]{2,7}$/.test(lower);
}
