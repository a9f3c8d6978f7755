/**
 * The data-source engine's test fixture: a fresh IndexedDB and a reference server on loopback for each
 * test, and engines built on them with an in-memory token area, alarms, permission and clock.
 */
import { DEFAULT_TAXONOMY } from '../../insights/taxonomy';
import { beforeEach, afterEach } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { startReferenceServer, type ReferenceServer } from '../../../server';
import { DEFAULT_DISPLAY, DEFAULT_FOLLOW_UP, type EffectiveSettings, type SourceSettings } from '../../settings';
import { DEFAULT_ROLE_MAPPING } from '../../nps';
import type { PageContextInput } from '../../model/page';
import type { ServiceEvent } from '../../model/events';
import { NpsStore } from '../../store';
import { SourceEngine } from '../engine';
import { TokenVault, type TokenArea } from '../token';

export const CONTEXT = 'GET /v1/accounts/{id}/context';

export const TOKEN = 'test-token-0123456789';
export const ACME_PAGE: PageContextInput = {
  crm: 'salesforce',
  kind: 'account',
  recordKey: 'salesforce:001Dn00000AcmeC',
  hints: { salesforceAccountId: '001Dn00000AcmeC', name: 'Acme Corporation' },
};

/** A token area in memory (the vault's `storage.local` in the extension). */
export function mapArea(): TokenArea & { items: Map<string, unknown> } {
  const items = new Map<string, unknown>();
  return {
    items,
    get: async (key) => (items.has(key) ? { [key]: items.get(key) } : {}),
    set: async (values) => void Object.entries(values).forEach(([k, v]) => items.set(k, v)),
    remove: async (key) => void items.delete(key),
  };
}

export interface Harness {
  engine: SourceEngine;
  events: ServiceEvent[];
  changed: () => number;
  /** The accounts each change named, sorted (null: the change named none). */
  named: Array<string[] | null>;
  alarms: Map<string, unknown>;
  clock: { now: number };
  area: ReturnType<typeof mapArea>;
  permission: { granted: boolean };
  /** Writes the stored source settings behind the engine's back (as anything that can write `storage.local` could). */
  overwriteSource: (source: Partial<SourceSettings>) => void;
}

function settingsFor(source: SourceSettings): EffectiveSettings {
  return {
    display: DEFAULT_DISPLAY,
    roleMapping: DEFAULT_ROLE_MAPPING,
    sites: { disabledCrms: [] },
    source,
    taxonomy: DEFAULT_TAXONOMY,
    followUp: DEFAULT_FOLLOW_UP,
    locked: { defaultWindow: false, sourceUrl: false, sites: false, taxonomy: false, followUpRule: false },
  };
}

/** Registers the per-test set-up; `env` holds this test's store and server. */
export function engineFixture() {
  const env = {} as { server: ReferenceServer; store: NpsStore };
  const engines: SourceEngine[] = [];

  async function harness(options: { fetch?: typeof fetch; source?: Partial<SourceSettings>; area?: ReturnType<typeof mapArea> } = {}): Promise<Harness> {
    let settings = settingsFor({ kind: 'http', url: `${env.server.url}/`, name: 'Reference', ttlMinutes: 15, ...options.source });
    const events: ServiceEvent[] = [];
    let changed = 0;
    // The accounts each change named (null: anywhere).
    const named: Array<string[] | null> = [];
    const alarms = new Map<string, unknown>();
    const clock = { now: Date.now() };
    const permission = { granted: true };
    const area = options.area ?? mapArea();
    const vault = new TokenVault(async () => env.store, area);
    if (!options.area) await vault.save(TOKEN, new URL(env.server.url).origin);
    const engine = new SourceEngine({
      store: async () => env.store,
      now: () => clock.now,
      emit: (event) => events.push(event),
      dataChanged: (accountIds) => {
        changed++;
        named.push(accountIds === undefined ? null : [...accountIds].sort());
      },
      loadSettings: async () => settings,
      saveSourceSettings: async (source) => {
        settings = settingsFor(source);
      },
      vault,
      permissions: { contains: async () => permission.granted },
      alarms: { create: (name, info) => void alarms.set(name, info), clear: (name) => void alarms.delete(name) },
      http: { random: () => 0.5, sleep: async () => undefined, retries: 1, timeoutMs: 3000, changesLimit: 500, ...(options.fetch ? { fetch: options.fetch } : {}) },
    });
    engines.push(engine);
    const overwriteSource = (source: Partial<SourceSettings>) => {
      settings = settingsFor({ ...settings.source, ...source });
    };
    return { engine, events, changed: () => changed, named, alarms, clock, area, permission, overwriteSource };
  }

  const count = (route: string) => env.server.requestCounts()[route] ?? 0;

  /** Rows one uninterrupted pass over the server's changes feed delivers (what a sync must store, once each). */
  function feedRows(): number {
    let rows = 0;
    for (let cursor: string | undefined; ; ) {
      const page = env.server.store.changes({ cursor, limit: 500 });
      rows += page.accounts.length + page.responses.length + page.actions.length + page.sends.length;
      cursor = page.nextCursor;
      if (!page.hasMore) return rows;
    }
  }

  beforeEach(async () => {
    globalThis.indexedDB = new IDBFactory();
    env.store = await NpsStore.open();
    env.server = await startReferenceServer({ token: TOKEN, testHooks: true, sample: { seed: 11, accounts: 20 } });
  });
  afterEach(async () => {
    await Promise.all(engines.splice(0).map((engine) => engine.settle()));
    env.store.close();
    await env.server.close();
  });
  /** An engine whose worker is gone: the test will not wait for it to settle. */
  const abandon = (engine: SourceEngine) => void engines.splice(engines.indexOf(engine), 1);
  return { env, harness, count, feedRows, abandon };
}
