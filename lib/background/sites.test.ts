import { CUSTOM_SITES_KEY } from '../crm/hosts';
import { builtInCrmOf, normaliseHost } from '../settings/custom-sites';
import { createSiteRegistry, type SitesBrowser } from './sites';

function fakeBrowser(granted: string[] = []) {
  const storage: Record<string, unknown> = {};
  const origins = new Set(granted);
  const scripts = new Map<string, { id: string; matches: string[]; excludeMatches?: string[]; js: string[]; persistAcrossSessions: boolean }>();
  const api: SitesBrowser = {
    storage: {
      local: {
        get: async (key) => (key in storage ? { [key]: structuredClone(storage[key]) } : {}),
        set: async (items) => void Object.assign(storage, structuredClone(items)),
      },
    },
    permissions: {
      contains: async ({ origins: o }) => o.every((x) => origins.has(x)),
      remove: async ({ origins: o }) => o.map((x) => origins.delete(x)).every(Boolean),
    },
    scripting: {
      registerContentScripts: async (list) => {
        for (const s of list) {
          if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          scripts.set(s.id, s);
        }
      },
      unregisterContentScripts: async ({ ids }) => void ids.forEach((id) => scripts.delete(id)),
      getRegisteredContentScripts: async (filter) => [...scripts.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)),
    },
  };
  return { api, storage, origins, scripts };
}

test('a host is read from what a user types, or refused', () => {
  expect(normaliseHost(' https://Support.Acme.com/agent/tickets/1 ')).toBe('support.acme.com');
  expect(normaliseHost('acme.my.salesforce-setup.com')).toBe('acme.my.salesforce-setup.com');
  expect(normaliseHost('support.acme.com:8443')).toBe('support.acme.com');
  for (const bad of ['', 'localhost', '*.acme.com', 'not a host', 'http://', '1.2.3.4']) expect(normaliseHost(bad)).toBeNull();
});

test("the CRMs' own hosts need no custom site", () => {
  expect(builtInCrmOf('acme.zendesk.com')).toBe('zendesk');
  expect(builtInCrmOf('app.hubspot.com')).toBe('hubspot');
  expect(builtInCrmOf('support.acme.com')).toBeNull();
});

test("adding a granted host registers that CRM's built content script on its record pages, persistently, and stores the site", async () => {
  const fake = fakeBrowser(['https://support.acme.com/*']);
  const sites = createSiteRegistry(fake.api, () => 42);
  expect(await sites.add('https://support.acme.com/', 'zendesk')).toEqual({ host: 'support.acme.com', crm: 'zendesk', addedAt: 42 });
  expect([...fake.scripts.values()]).toEqual([
    expect.objectContaining({
      id: 'custom-site:support.acme.com',
      matches: ['https://support.acme.com/agent/tickets/*', 'https://support.acme.com/agent/users/*', 'https://support.acme.com/agent/organizations/*'],
      js: ['content-scripts/zendesk.js'],
      persistAcrossSessions: true,
    }),
  ]);
  expect(await sites.list()).toEqual([{ host: 'support.acme.com', crm: 'zendesk', addedAt: 42 }]);
  // Re-assigning the host to another CRM replaces its registration.
  await sites.add('support.acme.com', 'freshdesk');
  expect([...fake.scripts.values()].map((s) => [s.js, s.excludeMatches])).toEqual([[['content-scripts/freshdesk.js'], ['https://support.acme.com/a/tickets/filters/*']]]);
  expect((await sites.list()).map((s) => s.crm)).toEqual(['freshdesk']);
});

test('a host whose permission was not granted, or a built-in host, is refused and nothing is registered', async () => {
  const fake = fakeBrowser();
  const sites = createSiteRegistry(fake.api);
  await expect(sites.add('support.acme.com', 'zendesk')).rejects.toThrow(/not granted/);
  await expect(sites.add('acme.zendesk.com', 'zendesk')).rejects.toThrow(/already covered/);
  expect(fake.scripts.size).toBe(0);
  expect(await sites.list()).toEqual([]);
});

test('removing a host unregisters its script, forgets it and gives the permission back', async () => {
  const fake = fakeBrowser(['https://support.acme.com/*']);
  const sites = createSiteRegistry(fake.api);
  await sites.add('support.acme.com', 'zendesk');
  await sites.remove('support.acme.com');
  expect(fake.scripts.size).toBe(0);
  expect(await sites.list()).toEqual([]);
  expect(fake.origins.size).toBe(0);
});

test('stored sites are validated when read; sync registers what is granted and missing, and drops the rest', async () => {
  const fake = fakeBrowser(['https://support.acme.com/*']);
  fake.storage[CUSTOM_SITES_KEY] = [
    { host: 'support.acme.com', crm: 'zendesk', addedAt: 1 },
    { host: 'revoked.example.com', crm: 'salesforce', addedAt: 1 },
    { host: '<script>', crm: 'zendesk', addedAt: 1 },
    { host: 'x.example.com', crm: 'unknown-crm', addedAt: 1 },
  ];
  await fake.api.scripting.registerContentScripts([
    { id: 'custom-site:revoked.example.com', matches: ['https://revoked.example.com/*'], js: ['content-scripts/salesforce.js'], runAt: 'document_idle', persistAcrossSessions: true, allFrames: false },
  ]);
  const sites = createSiteRegistry(fake.api);
  expect((await sites.list()).map((s) => s.host)).toEqual(['support.acme.com', 'revoked.example.com']);
  await sites.sync();
  expect([...fake.scripts.keys()]).toEqual(['custom-site:support.acme.com']);
  await sites.sync(); // idempotent: nothing registered twice
  expect(fake.scripts.size).toBe(1);
});

test('sync replaces a registration made for every page of the host (an earlier version) with the record pages', async () => {
  const fake = fakeBrowser(['https://support.acme.com/*']);
  fake.storage[CUSTOM_SITES_KEY] = [{ host: 'support.acme.com', crm: 'salesforce', addedAt: 1 }];
  await fake.api.scripting.registerContentScripts([
    { id: 'custom-site:support.acme.com', matches: ['https://support.acme.com/*'], js: ['content-scripts/salesforce.js'], runAt: 'document_idle', persistAcrossSessions: true, allFrames: false },
  ]);
  await createSiteRegistry(fake.api).sync();
  const [script] = fake.scripts.values();
  // Lightning records, and Classic's `/{id}` of the objects that lead to an account.
  expect(script?.matches).toEqual(['/lightning/r/*', '/001*', '/003*', '/006*', '/500*', '/00Q*'].map((p) => `https://support.acme.com${p}`));
  expect(script?.excludeMatches).toContain('https://support.acme.com/001/*');
});
