import { classifySender, dispatch, servePort, type Handlers } from './dispatch';

const OWN = 'ownextensionid';

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const fail = () => {
    throw new Error('not expected');
  };
  return new Proxy(overrides as Handlers, { get: (t, k) => (t as Record<string | symbol, unknown>)[k] ?? fail });
}

const content = { id: OWN, url: 'https://acme.lightning.force.com/lightning/r/Account/001M000000qfPySIAU/view', tab: { id: 7 }, frameId: 0 };
const panel = { id: OWN, url: 'chrome-extension://0b5d3f1e-dynamic/panel.html', tab: { id: 7 }, frameId: 3 };

describe('classifySender', () => {
  test('tells our pages from content scripts, and refuses everyone else', () => {
    expect(classifySender(panel, OWN)?.caller).toBe('extension');
    expect(classifySender(content, OWN)?.caller).toBe('content');
    expect(classifySender({ ...content, id: 'another-extension' }, OWN)).toBeNull();
    expect(classifySender({ ...content, tab: undefined }, OWN)).toBeNull();
    expect(classifySender({ id: OWN, url: 'not a url' }, OWN)).toBeNull();
  });
});

describe('dispatch', () => {
  test('ignores messages that are not service calls', async () => {
    expect(await dispatch(handlers(), { hello: 1 }, panel, OWN)).toBeUndefined();
  });

  test('a content script may not call what only our pages may', async () => {
    const reply = await dispatch(handlers(), { channel: 'nps-service', method: 'clearData', input: {} }, content, OWN);
    expect(reply).toEqual({ ok: false, code: 'permission', error: 'clearData may not be called from here' });
  });

  test('invalid input is refused with the field that is wrong, before the handler runs', async () => {
    const reply = await dispatch(
      handlers(),
      { channel: 'nps-service', method: 'setActionStatus', input: { actionId: 'a1', status: 'finished' } },
      panel,
      OWN,
    );
    expect(reply?.ok).toBe(false);
    expect(reply && !reply.ok && reply.error).toMatch(/^setActionStatus: status — /);
  });

  test('unknown methods, including inherited property names, are refused', async () => {
    for (const method of ['dropDatabase', 'toString', '__proto__']) {
      const reply = await dispatch(handlers(), { channel: 'nps-service', method, input: {} }, panel, OWN);
      expect(reply).toEqual({ ok: false, code: 'not_found', error: `Unknown method ${method}` });
    }
  });

  test('a valid call reaches its handler with who called, and errors become replies', async () => {
    const seen: unknown[] = [];
    const h = handlers({
      getStats: (_input, from) => {
        seen.push(from);
        return { accounts: 1, responses: 2, actions: 3, sends: 4 };
      },
      clearData: () => {
        throw new Error('disk on fire');
      },
    });
    expect(await dispatch(h, { channel: 'nps-service', method: 'getStats', input: {} }, panel, OWN)).toEqual({
      ok: true,
      value: { accounts: 1, responses: 2, actions: 3, sends: 4 },
    });
    expect(seen).toEqual([{ caller: 'extension', tabId: 7, frameId: 3, url: panel.url }]);
    expect(await dispatch(h, { channel: 'nps-service', method: 'clearData', input: {} }, panel, OWN)).toEqual({
      ok: false,
      code: 'internal',
      error: 'disk on fire',
    });
  });
});

describe('servePort', () => {
  function port(name: string, sender: object) {
    const posted: unknown[] = [];
    let listener: ((m: unknown) => void) | undefined;
    return {
      posted,
      send: (m: unknown) => listener?.(m),
      port: { name, sender, postMessage: (m: unknown) => void posted.push(m), onMessage: { addListener: (l: (m: unknown) => void) => void (listener = l) } },
    };
  }

  test('answers each call with its number, after the same sender and input checks as a message', async () => {
    const end = port('nps-service', panel);
    const searchAccounts = vi.fn(async ({ query }: { query: string }) => [query]);
    expect(servePort(handlers({ searchAccounts } as unknown as Partial<Handlers>), end.port, OWN, 'nps-service')).toBe(true);
    end.send({ id: 4, message: { channel: 'nps-service', method: 'searchAccounts', input: { query: 'acme', limit: 10 } } });
    end.send({ id: 5, message: { channel: 'nps-service', method: 'searchAccounts', input: { query: 7 } } });
    end.send({ id: 'six', message: { channel: 'nps-service', method: 'searchAccounts', input: { query: 'x' } } });
    await vi.waitFor(() => expect(end.posted).toHaveLength(2));
    const byId = (id: number) => end.posted.find((p) => (p as { id: number }).id === id);
    expect(byId(4)).toEqual({ id: 4, reply: { ok: true, value: ['acme'] } });
    expect(byId(5)).toMatchObject({ id: 5, reply: { ok: false, code: 'validation', field: 'query' } });
    expect(searchAccounts).toHaveBeenCalledTimes(1);
  });

  test('a content script on a port may call only what it may by message; other ports are not ours', async () => {
    const end = port('nps-service', content);
    servePort(handlers(), end.port, OWN, 'nps-service');
    end.send({ id: 1, message: { channel: 'nps-service', method: 'clearData', input: {} } });
    await vi.waitFor(() => expect(end.posted).toEqual([{ id: 1, reply: { ok: false, code: 'permission', error: 'clearData may not be called from here' } }]));
    expect(servePort(handlers(), port('something-else', panel).port, OWN, 'nps-service')).toBe(false);
  });
});
