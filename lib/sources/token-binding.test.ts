/**
 * The token goes only where it was saved for: it is sealed with its origin, a source moved elsewhere
 * needs its token typed again, and every request checks the URL rules and the browser's permission
 * again (the stored URL is not trusted: anything that can write `storage.local` can change it).
 */
import 'fake-indexeddb/auto';
import { startReferenceServer, type ReferenceServer } from '../../server';
import { TOKEN_STORAGE_KEY, TokenVault } from './token';
import { ACME_PAGE, TOKEN, engineFixture, mapArea } from './testing/engine-fixture';

const { env, harness } = engineFixture();

let other: ReferenceServer;
beforeEach(async () => {
  other = await startReferenceServer({ token: 'other-token-0123456789', testHooks: true, sample: { seed: 3, accounts: 3 } });
});
afterEach(async () => {
  await other.close();
});

/** Requests that reached the other server, whatever their route. */
const reachedOther = () => Object.values(other.requestCounts()).reduce((n, c) => n + c, 0);

/** A fetch that records every URL it is asked for (with the token it carried, if any) before passing it on. */
function recordingFetch(seen: string[]): typeof fetch {
  return (input, init) => {
    const auth = new Headers(init?.headers).get('authorization');
    seen.push(auth ? `${String(input)} ${auth}` : String(input));
    return fetch(input, init);
  };
}

describe('a token bound to its origin', () => {
  test('saving the source at another origin with no token typed is refused, naming both; nothing is sent there', async () => {
    const h = await harness();
    const from = new URL(env.server.url).origin;
    const to = new URL(other.url).origin;
    await h.engine.panelRecords(ACME_PAGE);
    const cached = await env.store.counts();
    expect(cached.responses).toBeGreaterThan(0);
    await expect(h.engine.configure({ kind: 'http', url: other.url, name: 'Other', ttlMinutes: 15 })).rejects.toMatchObject({
      code: 'validation',
      where: { field: 'token' },
      message: `The saved token is for ${from} only: type the token for ${to}.`,
    });
    expect(reachedOther()).toBe(0);
    // Refused before anything changed: the cached data of the current source is still there.
    expect(await env.store.counts()).toEqual(cached);
    // With its own token typed, the new source is saved and the old token is gone.
    await h.engine.configure({ kind: 'http', url: other.url, name: 'Other', ttlMinutes: 15, token: 'other-token-0123456789' });
    expect((await h.engine.status()).hasToken).toBe(true);
    const vault = new TokenVault(async () => env.store, h.area);
    expect(await vault.read(from)).toBeNull();
    expect(await vault.read(to)).toBe('other-token-0123456789');
  });

  test('Test at another origin with no token typed sends nothing there', async () => {
    const h = await harness();
    await expect(h.engine.test({ url: other.url })).rejects.toMatchObject({ where: { field: 'token' } });
    expect(reachedOther()).toBe(0);
    await expect(h.engine.test({ url: other.url, token: 'other-token-0123456789' })).resolves.toMatchObject({ capabilities: expect.any(Array) });
  });

  test('a stored URL changed behind the engine’s back gets no token: its requests go out without one', async () => {
    const seen: string[] = [];
    const h = await harness({ fetch: recordingFetch(seen) });
    h.overwriteSource({ url: `${other.url}/` });
    h.clock.now += 10_000;
    const shown = await h.engine.panelRecords(ACME_PAGE);
    expect(shown.records).toBeNull();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((line) => line.startsWith(other.url) && !line.includes('Bearer'))).toBe(true);
  });

  test('the origin cannot be swapped in storage: the token is sealed with it', async () => {
    const area = mapArea();
    const vault = new TokenVault(async () => env.store, area);
    await vault.save(TOKEN, 'https://nps.example.com');
    const sealed = area.items.get(TOKEN_STORAGE_KEY) as { origin: string };
    area.items.set(TOKEN_STORAGE_KEY, { ...sealed, origin: 'https://evil.example' });
    expect(await vault.read('https://evil.example')).toBeNull();
    expect(await vault.origin()).toBeNull();
  });

  test('a token saved before the binding names no origin and is given to none', async () => {
    const area = mapArea();
    const vault = new TokenVault(async () => env.store, area);
    await vault.save(TOKEN, 'https://nps.example.com');
    const { origin: _origin, ...rest } = area.items.get(TOKEN_STORAGE_KEY) as { origin: string };
    area.items.set(TOKEN_STORAGE_KEY, { ...rest, v: 1 });
    expect(await vault.read('https://nps.example.com')).toBeNull();
  });
});

describe('every request checks where it goes', () => {
  test('a stored URL that breaks the rules (plain http to another computer) sends no request at all', async () => {
    const seen: string[] = [];
    const h = await harness({ fetch: recordingFetch(seen) });
    h.overwriteSource({ url: 'http://nps.example.com/' });
    h.clock.now += 10_000;
    await h.engine.panelRecords(ACME_PAGE);
    expect(await h.engine.searchIds('acme', 5, [])).toEqual([]);
    expect(seen).toEqual([]);
  });

  test('with the permission withdrawn, lookup and search send nothing', async () => {
    const seen: string[] = [];
    const h = await harness({ fetch: recordingFetch(seen) });
    h.permission.granted = false;
    const shown = await h.engine.panelRecords(ACME_PAGE);
    expect(shown.records).toBeNull();
    await h.engine.searchIds('acme', 5, []);
    expect(seen).toEqual([]);
    h.permission.granted = true;
    expect((await h.engine.panelRecords(ACME_PAGE)).records?.account.id).toBe('acc-acme');
    expect(seen.length).toBeGreaterThan(0);
  });
});
