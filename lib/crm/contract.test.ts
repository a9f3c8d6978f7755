// @vitest-environment happy-dom
/**
 * The contract every adapter in the registry passes. A new adapter gets these checks by being added
 * to `CRM_ADAPTERS`, its URLs to the matrix and its pages to the fixture manifest.
 */
import { CRM_FIXTURE_PAGES } from '../../tests/fixtures/crm/pages';
import { fixtureDocument } from '../../tests/fixtures/crm/load';
import { CRM_URL_MATRIX, NEGATIVE_URLS } from '../../tests/fixtures/crm/urls';
import { CRM_HOST_PATTERNS } from './hosts';
import { CRM_ADAPTERS } from '.';
import type { AccountHints, CrmId } from './types';

/** Adapters whose app shows one record at a time, so there is no hidden tab to ignore (and why). */
const ONE_RECORD_AT_A_TIME: Partial<Record<CrmId, string>> = {
  hubspot: 'a record page replaces the previous one',
  freshdesk: 'a ticket page replaces the previous one',
  dynamics: 'a form replaces the previous one',
  intercom: 'reads the URL only',
};

const HINT_KEYS = new Set<string>([
  'salesforceAccountId', 'salesforceRecordId', 'zendeskOrganizationId', 'zendeskUserId', 'zendeskTicketId', 'hubspotCompanyId',
  'hubspotRecordId', 'freshdeskCompanyId', 'dynamicsAccountId', 'intercomConversationId', 'intercomUserId', 'intercomCompanyId', 'emails', 'domains', 'name',
] satisfies Array<keyof AccountHints>);

/** Whether a manifest match pattern (`https://*.example.com/*`) covers the URL. */
function patternCovers(pattern: string, url: URL): boolean {
  const [, scheme, host = '', path] = /^([a-z]+):\/\/([^/]+)(\/.*)$/.exec(pattern) ?? [];
  const hostOk = host.startsWith('*.') ? url.hostname.endsWith(host.slice(1)) : url.hostname === host;
  return url.protocol === `${scheme}:` && hostOk && path === '/*';
}

function expectWellFormed(hints: AccountHints): void {
  for (const [key, value] of Object.entries(hints)) {
    expect(HINT_KEYS, key).toContain(key);
    if (Array.isArray(value)) {
      expect(value.length).toBeGreaterThan(0);
      expect(value.length).toBeLessThanOrEqual(20);
      for (const item of value) expect(item).toBe(item.trim().toLowerCase());
    } else {
      expect(typeof value).toBe('string');
      expect((value as string).length).toBeGreaterThan(0);
      expect((value as string).length).toBeLessThanOrEqual(200);
    }
  }
}

const emptyDocument = () => new DOMParser().parseFromString('', 'text/html');
const fixtures = CRM_FIXTURE_PAGES.map((page) => ({ ...page, crm: page.expected.crm, doc: fixtureDocument(page.file) }));

describe.each(CRM_ADAPTERS.map((adapter) => ({ adapter, id: adapter.id })))('$id adapter', ({ adapter }) => {
  const own = CRM_URL_MATRIX[adapter.id].map(([href]) => href);
  const foreign = Object.entries(CRM_URL_MATRIX)
    .filter(([crm]) => crm !== adapter.id)
    .flatMap(([, rows]) => rows.map(([href]) => href));
  const ownFixtures = fixtures.filter((page) => page.crm === adapter.id);
  const foreignFixtures = fixtures.filter((page) => page.crm !== adapter.id);

  it('has a name, URLs in the matrix and at least one fixture page', () => {
    expect(adapter.name).not.toBe('');
    expect(own.length).toBeGreaterThan(0);
    expect(ownFixtures.length).toBeGreaterThan(0);
  });

  it('matches only its own hosts, all of them covered by the manifest host patterns', () => {
    for (const href of own) {
      expect(adapter.matches(new URL(href)), href).toBe(true);
      expect(CRM_HOST_PATTERNS.some((pattern) => patternCovers(pattern, new URL(href))), href).toBe(true);
    }
    for (const href of foreign) expect(adapter.matches(new URL(href)), href).toBe(false);
  });

  it('reads pageKind from the URL alone, the same on every call, without touching the URL', () => {
    for (const href of [...own, ...NEGATIVE_URLS]) {
      const url = new URL(href);
      const first = adapter.pageKind(url);
      vi.stubGlobal('document', undefined);
      vi.stubGlobal('location', undefined);
      try {
        expect(adapter.pageKind(url), href).toEqual(first);
        expect(adapter.pageKind(new URL(href)), href).toEqual(first);
      } finally {
        vi.unstubAllGlobals();
      }
      expect(url.href).toBe(new URL(href).href);
    }
  });

  it('gives each record a stable key prefixed with the CRM id', () => {
    for (const href of own) {
      const url = new URL(href);
      const record = adapter.pageKind(url)!;
      const key = adapter.recordKey(url, record);
      expect(key.startsWith(`${adapter.id}:`), key).toBe(true);
      expect(key).toContain(record.recordId);
      expect(key.length).toBeLessThanOrEqual(300);
      expect(adapter.recordKey(new URL(href), record)).toBe(key);
    }
  });

  it('never throws on an empty document or a foreign page, and takes nothing from a foreign page', () => {
    for (const href of own) {
      const url = new URL(href);
      const fromUrl = adapter.hints(url, emptyDocument());
      expectWellFormed(fromUrl);
      for (const page of foreignFixtures) expect(adapter.hints(url, page.doc), `${href} on ${page.file}`).toEqual(fromUrl);
    }
    for (const href of NEGATIVE_URLS) expect(() => adapter.hints(new URL(href), emptyDocument())).not.toThrow();
  });

  it('ignores hidden tabs and inactive panes', () => {
    const withHidden = ownFixtures.filter((page) => page.hidden?.length);
    if (ONE_RECORD_AT_A_TIME[adapter.id]) return;
    expect(withHidden.length, 'an app that keeps several records in the DOM needs a fixture with a hidden one').toBeGreaterThan(0);
    for (const page of withHidden) {
      const hints = JSON.stringify(adapter.hints(new URL(page.url), page.doc));
      for (const value of page.hidden ?? []) expect(hints, page.file).not.toContain(value);
    }
  });

  if (adapter.panelAnchor) it('anchors the panel on its own pages only, on the same element every time', () => {
    const anchor = adapter.panelAnchor!.bind(adapter);
    expect(anchor(emptyDocument())).toBeNull();
    for (const page of foreignFixtures) expect(anchor(page.doc), page.file).toBeNull();
    const anchors = ownFixtures.map((page) => anchor(page.doc));
    expect(anchors.some(Boolean)).toBe(true);
    ownFixtures.forEach((page, i) => expect(anchor(page.doc), page.file).toBe(anchors[i]));
  });
});

it('hands every URL, including the negatives, to at most one adapter', () => {
  const all = [...Object.values(CRM_URL_MATRIX).flatMap((rows) => rows.map(([href]) => href)), ...NEGATIVE_URLS];
  for (const href of all) expect(CRM_ADAPTERS.filter((adapter) => adapter.matches(new URL(href))).length, href).toBeLessThanOrEqual(1);
});

it('uses every manifest host pattern for some URL of the matrix', () => {
  const hrefs = Object.values(CRM_URL_MATRIX).flatMap((rows) => rows.map(([href]) => new URL(href)));
  for (const pattern of CRM_HOST_PATTERNS) expect(hrefs.some((url) => patternCovers(pattern, url)), pattern).toBe(true);
});
