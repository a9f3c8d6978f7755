/**
 * Where the content scripts are declared: on every record page a load can open on (path routes), on
 * none of the usual pages without a record (lists, home, dashboards), and only on the CRM's own hosts.
 */
import { CRM_URL_MATRIX, NEGATIVE_URLS } from '../../tests/fixtures/crm/urls';
import { CRM_HOSTS } from './hosts';
import { customRecordPages, declaredRecordPages, patternCovers, scriptCovers } from './record-pages';
import type { CrmId } from './types';

const CRMS = Object.keys(CRM_URL_MATRIX) as CrmId[];

/** Routes in the URL's hash: no match pattern sees them; the background injects the script there. */
const HASH_ROUTED = (url: URL) => url.hash !== '' && ['/one/one.app', '/agent', '/agent/'].includes(url.pathname);

/** Negatives the patterns may cover: malformed or unfinished record URLs under a record prefix (the script then finds no record). */
const COVERED_NEAR_MISSES = new Set([
  'https://acme.lightning.force.com/lightning/r/Account/001M000000qfPySIAU',
  'https://acme.lightning.force.com/lightning/r/Account/001M000000qfPySIAU/viewer',
  'https://acme.lightning.force.com/lightning/r/Account/001M00000/view',
  'https://acme.lightning.force.com/lightning/r/Account/001M000000qfPyS-IAU/view',
  // `*.lightning.force.com` covers the bare domain too, as browsers match it; the adapter wants a My Domain.
  'https://lightning.force.com/lightning/r/Account/001M000000qfPySIAU/view',
  'https://acme.zendesk.com/agent/tickets/new/1',
  'https://acme.zendesk.com/agent/organizations/acme',
  'https://acme.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=account',
  'https://acme.crm4.dynamics.com/main.aspx?pagetype=entityrecord&etn=account&id=%7Bnot-a-guid%7D',
]);

test('a match pattern covers scheme, host (with its bare domain for *.), and path with query, never the hash', () => {
  const covers = (pattern: string, href: string) => patternCovers(pattern, new URL(href));
  expect(covers('https://*.zendesk.com/agent/tickets/*', 'https://acme.zendesk.com/agent/tickets/1')).toBe(true);
  expect(covers('https://*.zendesk.com/agent/tickets/*', 'https://zendesk.com/agent/tickets/1')).toBe(true);
  expect(covers('https://*.zendesk.com/agent/tickets/*', 'http://acme.zendesk.com/agent/tickets/1')).toBe(false);
  expect(covers('https://*.zendesk.com/agent/tickets/*', 'https://acme.zendesk.com.evil.example/agent/tickets/1')).toBe(false);
  expect(covers('https://*.zendesk.com/agent/tickets/*', 'https://acme.zendesk.com/agent/#/tickets/1')).toBe(false);
  expect(covers('https://app.hubspot.com/contacts/*/company/*', 'https://app.hubspot.com/contacts/1/company/2')).toBe(true);
  expect(covers('https://*.dynamics.com/*main.aspx?*pagetype=entityrecord*', 'https://a.crm.dynamics.com/main.aspx?etn=account&pagetype=entityrecord&id=1')).toBe(true);
  expect(covers('https://*.dynamics.com/*main.aspx?*pagetype=entityrecord*', 'https://a.crm.dynamics.com/main.aspx?pagetype=entitylist&etn=account')).toBe(false);
  // Literal characters stay literal: `.` and `?` are no wildcards.
  expect(covers('https://*.dynamics.com/*main.aspx?*pagetype=entityrecord*', 'https://a.crm.dynamics.com/mainXaspx?pagetype=entityrecord')).toBe(false);
});

describe.each(CRMS)('%s', (crm) => {
  const declared = declaredRecordPages(crm);

  it("is declared on its own hosts only, under each of them", () => {
    expect(declared.matches.length).toBeGreaterThan(0);
    for (const pattern of [...declared.matches, ...declared.excludeMatches]) {
      const origin = /^https:\/\/[^/]+/.exec(pattern)?.[0];
      expect(CRM_HOSTS[crm].map((host) => host.replace(/\/\*$/, '')), pattern).toContain(origin);
      expect(pattern.slice(origin!.length)).not.toBe('/*');
    }
  });

  it('covers every record URL of the matrix a load can open on', () => {
    for (const [href] of CRM_URL_MATRIX[crm]) {
      const url = new URL(href);
      expect(scriptCovers(declared, url), href).toBe(!HASH_ROUTED(url));
    }
  });

  it('covers no list view, home page or dashboard, and no URL of another CRM', () => {
    for (const href of NEGATIVE_URLS) {
      if (COVERED_NEAR_MISSES.has(href)) continue;
      expect(scriptCovers(declared, new URL(href)), href).toBe(false);
    }
    for (const other of CRMS.filter((c) => c !== crm)) {
      for (const [href] of CRM_URL_MATRIX[other]) expect(scriptCovers(declared, new URL(href)), href).toBe(false);
    }
  });

  it('is registered on a custom host with the same paths, on that host only', () => {
    const custom = customRecordPages('support.example.org', crm);
    expect(custom.matches).toEqual([...new Set(declared.matches.map((p) => p.replace(/^https:\/\/[^/]+/, 'https://support.example.org')))]);
    for (const pattern of custom.matches) expect(pattern.startsWith('https://support.example.org/')).toBe(true);
  });
});

test('the near misses the patterns cover are under a record prefix of their CRM, and are few', () => {
  expect(COVERED_NEAR_MISSES.size).toBeLessThanOrEqual(9);
  for (const href of COVERED_NEAR_MISSES) {
    expect(NEGATIVE_URLS).toContain(href);
    expect(CRMS.some((crm) => scriptCovers(declaredRecordPages(crm), new URL(href))), href).toBe(true);
  }
});
