import { createPortCaller, type PortCall, type ServicePort } from './port-client';
import { ServiceError } from './client';
import type { Caller } from './port-client';

/** A port whose other end the test plays: it sees what was posted and answers or closes. */
function fakePort() {
  const posted: PortCall[] = [];
  const onMessage: Array<(m: unknown) => void> = [];
  const onDisconnect: Array<() => void> = [];
  let closed = false;
  const port: ServicePort = {
    postMessage(message) {
      if (closed) throw new Error('Attempting to use a disconnected port object');
      posted.push(message);
    },
    onMessage: { addListener: (l) => void onMessage.push(l) },
    onDisconnect: { addListener: (l) => void onDisconnect.push(l) },
  };
  return {
    port,
    posted,
    answer: (id: number, reply: unknown) => onMessage.forEach((l) => l({ id, reply })),
    close: () => {
      closed = true;
      onDisconnect.forEach((l) => l());
    },
  };
}

const search = (query: string) => ({ query, limit: 10 });

describe('createPortCaller', () => {
  test('one port for every call; each answer goes to its own call, whatever the order', async () => {
    const end = fakePort();
    const connect = vi.fn(() => end.port);
    const oneOff = vi.fn() as unknown as Caller;
    const callOver = createPortCaller(connect, oneOff);
    const first = callOver('searchAccounts', search('ac'));
    const second = callOver('searchAccounts', search('acm'));
    expect(connect).toHaveBeenCalledTimes(1);
    expect(end.posted.map((p) => [p.message.method, p.message.input])).toEqual([
      ['searchAccounts', search('ac')],
      ['searchAccounts', search('acm')],
    ]);
    end.answer(end.posted[1]!.id, { ok: true, value: ['acm'] });
    end.answer(end.posted[0]!.id, { ok: true, value: ['ac'] });
    await expect(first).resolves.toEqual(['ac']);
    await expect(second).resolves.toEqual(['acm']);
    expect(oneOff).not.toHaveBeenCalled();
  });

  test('connect opens the port ahead of the first call, which then goes over it', async () => {
    const end = fakePort();
    const connect = vi.fn(() => end.port);
    const callOver = createPortCaller(connect, vi.fn() as unknown as Caller);
    callOver.connect();
    callOver.connect();
    expect(connect).toHaveBeenCalledTimes(1);
    expect(end.posted).toEqual([]);
    const reply = callOver('searchAccounts', search('ac'));
    expect(connect).toHaveBeenCalledTimes(1);
    end.answer(end.posted[0]!.id, { ok: true, value: ['ac'] });
    await expect(reply).resolves.toEqual(['ac']);
  });

  test('a failure keeps its code; an answer to nobody is ignored', async () => {
    const end = fakePort();
    const callOver = createPortCaller(() => end.port, vi.fn() as unknown as Caller);
    const failing = callOver('searchAccounts', search('x'));
    end.answer(999, { ok: true, value: [] });
    end.answer(end.posted[0]!.id, { ok: false, code: 'validation', field: 'query', error: 'searchAccounts: query — too long' });
    const error = await failing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: 'validation', message: 'searchAccounts: query — too long' });
  });

  test('calls cut off by a stopped worker are asked again as one-off messages; the next call opens a new port', async () => {
    const ends = [fakePort(), fakePort()];
    let opened = 0;
    const oneOff = vi.fn(async (_method: string, input: unknown) => [`again:${(input as { query: string }).query}`]) as unknown as Caller;
    const callOver = createPortCaller(() => ends[opened++]!.port, oneOff);
    const cut = callOver('searchAccounts', search('glob'));
    ends[0]!.close();
    await expect(cut).resolves.toEqual(['again:glob']);
    const next = callOver('searchAccounts', search('globe'));
    expect(opened).toBe(2);
    ends[1]!.answer(ends[1]!.posted[0]!.id, { ok: true, value: ['globe'] });
    await expect(next).resolves.toEqual(['globe']);
  });

  test('a port that cannot be opened, or closed before its disconnect is heard, leaves one-off messages', async () => {
    const oneOff = vi.fn(async () => ['one-off']) as unknown as Caller;
    const refused = createPortCaller(() => {
      throw new Error('Could not establish connection');
    }, oneOff);
    await expect(refused('searchAccounts', search('a'))).resolves.toEqual(['one-off']);

    const end = fakePort();
    const callOver = createPortCaller(() => end.port, oneOff);
    const first = callOver('searchAccounts', search('b'));
    end.answer(end.posted[0]!.id, { ok: true, value: ['b'] });
    await first;
    // The browser closed the port, but its disconnect event has not run yet.
    (end.port as { postMessage: ServicePort['postMessage'] }).postMessage = () => {
      throw new Error('Attempting to use a disconnected port object');
    };
    await expect(callOver('searchAccounts', search('c'))).resolves.toEqual(['one-off']);
  });
});
