/**
 * Email domains as evidence of which customer a person works for. Kept free of dependencies: the
 * content scripts may import it.
 */

/** Mail providers' domains say nothing about which customer a person works for. */
export const PUBLIC_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  'gmail.com', 'googlemail.com', 'outlook.com', 'hotmail.com', 'live.com', 'msn.com', 'yahoo.com', 'icloud.com',
  'me.com', 'aol.com', 'proton.me', 'protonmail.com', 'gmx.com', 'gmx.de', 'web.de', 'yandex.ru', 'mail.ru', 'qq.com',
]);

/** The lower-case domain of an email address, or null when it has none. */
export function domainOfEmail(email: string): string | null {
  const at = email.lastIndexOf('@');
  const domain = at > 0 ? email.slice(at + 1).trim().toLowerCase() : '';
  return domain.includes('.') ? domain : null;
}

/** The domain of a work email address; null for public mail providers and malformed addresses. */
export function workEmailDomain(email: string): string | null {
  const domain = domainOfEmail(email);
  return domain && !PUBLIC_MAIL_DOMAINS.has(domain) ? domain : null;
}
