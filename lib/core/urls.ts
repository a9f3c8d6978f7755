/** URLs read from tabs and senders, which may be anything: only an https URL is a CRM record's. */

/** The URL when `href` parses and is https, else null (never throws). */
export function httpsUrl(href: string | undefined): URL | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}
