/**
 * The data-source engine against the reference server on loopback, writing and set-up: the outbox
 * delivering exactly once with conflicts left for the user, and the source's configuration.
 */
import 'fake-indexeddb/auto';
import type { Action } from '../model';
import { OUTBOX_ALARM, SYNC_ALARM, normaliseSourceUrl, outboxDelay } from './engine';
import { TOKEN_STORAGE_KEY } from './token';
import { type Harness, ACME_PAGE, engineFixture } from './testing/engine-fixture';

const { env, harness } = engineFixture();

describe('write-back', () => {
  async function cachedAcme(h: Harness) {
    await h.engine.panelRecords(ACME_PAGE);
  }
  const newAction = (id: string): Action => ({ id, accountId: 'acc-acme', title: 'Call the CFO about renewal', status: 'open', createdAt: Date.now(), updatedAt: Date.now() });

  test('an action created while the source fails is queued, then delivered exactly once', async () => {
    const h = await harness();
    await cachedAcme(h);
    env.server.injectFault({ path: '/v1/actions', method: 'POST', status: 503, retryAfter: 120, count: 50 });
    await h.engine.writeAction(newAction('act-offline'), 'create');
    await h.engine.deliverOutbox();
    const [queued] = await env.store.listOutbox();
    expect(queued).toMatchObject({ state: 'pending', attempts: 1, actionId: 'act-offline' });
    expect(queued!.nextAttemptAt - h.clock.now).toBe(120_000);
    expect(h.alarms.get(OUTBOX_ALARM)).toEqual({ when: queued!.nextAttemptAt });
    expect(env.server.store.getAction('act-offline')).toBeUndefined();
    // The local view shows it meanwhile.
    expect((await env.store.getAction('act-offline'))?.title).toBe('Call the CFO about renewal');

    env.server.clearFaults();
    h.clock.now += 121_000;
    await h.engine.onAlarm(OUTBOX_ALARM);
    expect(await env.store.listOutbox()).toEqual([]);
    expect(env.server.store.getAction('act-offline')?.title).toBe('Call the CFO about renewal');
    expect(env.server.counts().actions).toBe(env.server.store.context('acc-acme', 'all') ? env.server.counts().actions : 0);
  });

  test('a written action names its account as changed, and the account it left when it moved', async () => {
    const h = await harness();
    await cachedAcme(h);
    env.server.injectFault({ path: '/v1/actions', status: 503, count: 50 });
    // Deliveries failing meanwhile name the action's account too: the writes' own are looked for.
    await h.engine.writeAction(newAction('act-moved'), 'create');
    expect(h.named).toContainEqual(['acc-acme']);
    expect(h.named).not.toContainEqual(['acc-acme', 'acc-globex']);
    await h.engine.writeAction({ ...newAction('act-moved'), accountId: 'acc-globex' }, 'update');
    expect(h.named).toContainEqual(['acc-acme', 'acc-globex']);
  });

  test('notes, an edit and a close written offline arrive once, and the server’s stamps come back', async () => {
    const h = await harness();
    await cachedAcme(h);
    await h.engine.writeAction(newAction('act-notes'), 'create');
    await h.engine.deliverOutbox();
    const created = (await env.store.getAction('act-notes'))!;
    env.server.injectFault({ path: '/v1/actions', method: 'PATCH', status: 503, retryAfter: 60, count: 50 });
    const edited: Action = { ...created, owner: 'Alice', dueDate: '2026-03-01', status: 'done', notes: [{ id: 'n1', at: created.updatedAt, text: 'Called; fix ships Friday' }] };
    await h.engine.writeAction(edited, 'update');
    await h.engine.deliverOutbox();
    expect(env.server.store.getAction('act-notes')?.notes).toBeUndefined();
    env.server.clearFaults();
    h.clock.now += 61_000;
    await h.engine.onAlarm(OUTBOX_ALARM);
    expect(await env.store.listOutbox()).toEqual([]);
    const onServer = env.server.store.getAction('act-notes')!;
    expect(onServer).toMatchObject({ owner: 'Alice', dueDate: '2026-03-01', status: 'done', notes: [{ id: 'n1', text: 'Called; fix ships Friday' }] });
    expect(onServer.closedAt).toEqual(expect.any(Number));
    // The local copy is the server's answer: its close stamp and version.
    expect(await env.store.getAction('act-notes')).toEqual(onServer);
  });

  test('two changes queued for one action while the source fails both arrive when it answers, in one delivery', async () => {
    const h = await harness();
    await cachedAcme(h);
    await h.engine.writeAction(newAction('act-chain'), 'create');
    await h.engine.deliverOutbox();
    const created = (await env.store.getAction('act-chain'))!;
    env.server.injectFault({ path: '/v1/actions', method: 'PATCH', status: 503, retryAfter: 60, count: 50 });
    await h.engine.writeAction({ ...created, owner: 'Alice' }, 'update');
    await h.engine.deliverOutbox();
    await h.engine.writeAction({ ...created, owner: 'Alice', notes: [{ id: 'n1', at: created.updatedAt, text: 'Called' }] }, 'update');
    expect(await env.store.listOutbox()).toHaveLength(2);
    // The source answers again and a sync goes through: both go now, before the backoff ends.
    env.server.clearFaults();
    await h.engine.deliverOutbox({ soon: true });
    expect(await env.store.listOutbox()).toEqual([]);
    expect(env.server.store.getAction('act-chain')).toMatchObject({ owner: 'Alice', notes: [{ id: 'n1', text: 'Called' }] });
  });

  test('a write whose answer was lost is sent again with the same key and applied once', async () => {
    const keys: string[] = [];
    let lose = true;
    const losing: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === 'POST') {
        keys.push(new Headers(init.headers).get('idempotency-key')!);
        if (lose) {
          lose = false;
          throw new TypeError('network connection lost');
        }
      }
      return response;
    };
    const h = await harness({ fetch: losing });
    await cachedAcme(h);
    const before = env.server.counts().actions;
    await h.engine.writeAction(newAction('act-once'), 'create');
    await h.engine.deliverOutbox();
    // The fetcher retried at once with the same key; the server replayed its first answer.
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    expect(env.server.counts().actions).toBe(before + 1);
    expect(await env.store.listOutbox()).toEqual([]);
  });

  test('an update queued behind its create builds on the created version', async () => {
    const h = await harness();
    await cachedAcme(h);
    env.server.injectFault({ path: '/v1/actions', status: 503, count: 2 });
    await h.engine.writeAction(newAction('act-chain'), 'create');
    await h.engine.deliverOutbox();
    await h.engine.writeAction({ ...newAction('act-chain'), status: 'done' }, 'update');
    env.server.clearFaults();
    h.clock.now += 60 * 60_000;
    await h.engine.deliverOutbox();
    expect(await env.store.listOutbox()).toEqual([]);
    expect(env.server.store.getAction('act-chain')?.status).toBe('done');
  });

  test('a change made on the server too is a conflict the user resolves; nothing is dropped', async () => {
    const h = await harness();
    await cachedAcme(h);
    const action = (await env.store.getAccountRecords('acc-acme'))!.actions[0]!;
    env.server.injectFault({ path: '/v1/actions', status: 503, count: 2 });
    await h.engine.writeAction({ ...action, title: 'Mine: schedule QBR' }, 'update');
    await h.engine.deliverOutbox();
    env.server.store.changeAction(env.server.store.getAction(action.id)!, { title: 'Theirs: QBR moved' });
    env.server.clearFaults();
    h.clock.now += 60 * 60_000;
    await h.engine.deliverOutbox();

    const [conflict] = await h.engine.listConflicts();
    expect(conflict).toMatchObject({ kind: 'conflict', mine: { title: 'Mine: schedule QBR' }, theirs: { title: 'Theirs: QBR moved' } });
    // A refresh meanwhile does not overwrite the user's version.
    await h.engine.refresh('acc-acme');
    expect((await env.store.getAction(action.id))?.title).toBe('Mine: schedule QBR');

    await h.engine.resolveConflict(conflict!.seq, 'mine');
    await h.engine.deliverOutbox();
    expect(await h.engine.listConflicts()).toEqual([]);
    expect(env.server.store.getAction(action.id)?.title).toBe('Mine: schedule QBR');
  });

  test('“take theirs” stores the server’s version and drops the queued change', async () => {
    const h = await harness();
    await cachedAcme(h);
    const action = (await env.store.getAccountRecords('acc-acme'))!.actions[0]!;
    env.server.store.changeAction(env.server.store.getAction(action.id)!, { title: 'Theirs: renewal call done' });
    await h.engine.writeAction({ ...action, title: 'Mine' }, 'update');
    await h.engine.deliverOutbox();
    const [conflict] = await h.engine.listConflicts();
    await h.engine.resolveConflict(conflict!.seq, 'theirs');
    expect(await env.store.listOutbox()).toEqual([]);
    expect(await env.store.getAction(action.id)).toEqual(env.server.store.getAction(action.id));
  });

  test('backoff doubles from 30 s up to an hour, jittered', () => {
    expect(outboxDelay(1, () => 0)).toBe(15_000);
    expect(outboxDelay(2, () => 1)).toBe(60_000);
    expect(outboxDelay(20, () => 1)).toBe(3_600_000);
  });
});

describe('configuration', () => {
  test('the token is stored encrypted and never reported', async () => {
    const h = await harness({ source: { kind: 'local', url: '' } });
    await h.engine.configure({ kind: 'http', url: `${env.server.url}`, name: 'Ref', ttlMinutes: 5, token: 'a-very-secret-token' });
    const stored = JSON.stringify(h.area.items.get(TOKEN_STORAGE_KEY));
    expect(stored).not.toContain('a-very-secret-token');
    const status = await h.engine.status();
    expect(JSON.stringify(status)).not.toContain('a-very-secret-token');
    expect(status).toMatchObject({ kind: 'http', url: `${env.server.url}/`, hasToken: true, ttlMinutes: 5 });
    expect(h.alarms.get(SYNC_ALARM)).toEqual({ periodInMinutes: 5, delayInMinutes: 5 });
  });

  test('the connection test says what is wrong', async () => {
    const h = await harness();
    await expect(h.engine.test({ url: env.server.url, token: 'wrong' })).rejects.toThrow(/refused the token \(401/);
    await expect(h.engine.test({ url: env.server.url })).resolves.toMatchObject({ capabilities: expect.arrayContaining(['changes']) });
  });

  test('URLs: https, or http to this computer only; never credentials', () => {
    expect(normaliseSourceUrl('https://nps.example.com/api')).toBe('https://nps.example.com/api/');
    expect(() => normaliseSourceUrl('http://nps.example.com')).toThrow(/https/);
    expect(() => normaliseSourceUrl('https://user:pw@nps.example.com')).toThrow(/Token field/);
    expect(() => normaliseSourceUrl('ftp://x')).toThrow(/https/);
  });

  test('changing source is refused while writes wait for the old one', async () => {
    const h = await harness();
    await cachedAcme(h);
    env.server.injectFault({ path: '/v1/actions', status: 503, count: 10 });
    await h.engine.writeAction({ id: 'a-wait', accountId: 'acc-acme', title: 'Waiting', status: 'open', createdAt: 1, updatedAt: 1 }, 'create');
    await h.engine.deliverOutbox();
    await expect(h.engine.configure({ kind: 'local', url: '', name: '', ttlMinutes: 15 })).rejects.toThrow(/have not reached/);
  });

  async function cachedAcme(h: Harness) {
    await h.engine.panelRecords(ACME_PAGE);
  }
});

