/**
 * The comment-reading pass over the stored responses: every comment gets a result under the current key,
 * once; a result made by another analyser or taxonomy is made again; a comment changed while it was read
 * keeps no stale result; progress ends at every block; cancelling stops it; a failing host is reported.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { analyseComments, DEFAULT_TAXONOMY, insightsKey, type Taxonomy } from '../insights';
import { insightOf, type StoredInsight, type SurveyResponse } from '../model';
import type { AnalysisStatus } from '../model/events';
import { NpsStore } from '../store';
import { account, importResponses, response } from '../store/testing/store-fixtures';
import { createInsightsPass, type AnalysisHost } from './insights-pass';

const log = { warn: () => undefined, info: () => undefined, error: () => undefined, failed: () => () => undefined };
let store: NpsStore;

const commented = (id: string, accountId: string, score: number, comment: string) => ({ ...response(id, accountId, score), comment });

async function seed(rows: SurveyResponse[], importId = 'imp') {
  const accounts = [...new Set(rows.map((r) => r.accountId))].map((id) => account(id, id));
  await importResponses(store, importId, [{ accounts, responses: rows }]);
  await store.commitImport(importId, { imported: rows.length, rejected: 0 });
}

function realHost(calls: string[][] = []): AnalysisHost {
  return {
    analyse: async (texts, taxonomy) => {
      calls.push(texts);
      return analyseComments(texts, { taxonomy });
    },
    release: async () => undefined,
  };
}

async function insightsOf(): Promise<Map<string, StoredInsight | undefined>> {
  const records = await Promise.all(['acme', 'globex'].map((id) => store.getAccountRecords(id)));
  return new Map(records.flatMap((r) => r?.responses ?? []).map((r) => [r.id, insightOf(r)]));
}

const TAXONOMIES: Record<string, Taxonomy> = {
  k1: DEFAULT_TAXONOMY,
  k2: { ...DEFAULT_TAXONOMY, version: 'edited', themes: [...DEFAULT_TAXONOMY.themes, { id: 'mobile', label: 'Mobile app', words: ['mobile app', 'iphone'] }] },
};
const keyOf = (name: string) => insightsKey(TAXONOMIES[name]);

type ReadThrough = NonNullable<Parameters<typeof createInsightsPass>[0]['readThrough']>;

function pass(host: AnalysisHost | null, key = 'k1', statuses: AnalysisStatus[] = [], batch = 400, readThrough?: ReadThrough) {
  const stored: string[][] = [];
  const taxonomy = TAXONOMIES[key]!;
  const p = createInsightsPass({ store: async () => store, host: () => host, taxonomy: async () => taxonomy, onStatus: (s) => statuses.push(s), stored: (ids) => stored.push([...ids].sort()), log, batch, readThrough });
  return { p, stored: () => stored.length, storedFor: () => stored };
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  store = await NpsStore.open();
});

test('every comment is read once, under the current key; responses without a comment are left alone', async () => {
  await seed([
    commented('r1', 'acme', 2, 'Support took a week to answer and the app keeps crashing.'),
    commented('r2', 'acme', 10, 'Love the new dashboards, reporting is so much easier.'),
    { ...response('r3', 'globex', 7) },
    commented('r4', 'globex', 8, 'Ça marche bien, mais le support est lent.'),
  ]);
  const calls: string[][] = [];
  const statuses: AnalysisStatus[] = [];
  const { p, stored, storedFor } = pass(realHost(calls), 'k1', statuses);
  p.schedule();
  await p.idle();
  // The accounts whose comments were read are named (their panels' figures are computed again).
  expect(storedFor()).toEqual([['acme', 'globex']]);
  const insights = await insightsOf();
  expect(insights.get('r1')).toMatchObject({ key: keyOf('k1'), analysed: true, sentiment: { label: 'negative' } });
  expect(insights.get('r1')!.themes.map((t) => t.id)).toEqual(expect.arrayContaining(['support', 'reliability']));
  expect(insights.get('r2')!.themes.map((t) => t.id)).toContain('reporting');
  expect(insights.get('r3')).toBeUndefined();
  expect(insights.get('r4')).toMatchObject({ key: keyOf('k1'), analysed: false, language: 'fr', sentiment: null, themes: [] });
  expect(calls.flat()).toHaveLength(3);
  expect(stored()).toBe(1);
  expect(statuses.at(-1)).toMatchObject({ state: 'idle', analysed: 3 });
  expect(statuses.at(-1)!.blocksDone).toBe(statuses.at(-1)!.blocksTotal);

  // Nothing new: the next pass reads nothing.
  p.schedule();
  await p.idle();
  expect(calls).toHaveLength(1);

  // Another taxonomy or analyser version: every comment is read again.
  const again = pass(realHost(calls), 'k2');
  again.p.schedule();
  await again.p.idle();
  expect(calls.flat()).toHaveLength(6);
  expect((await insightsOf()).get('r1')?.key).toBe(keyOf('k2'));
});

test('a comment changed while it was read keeps no result made from its old text', async () => {
  await seed([commented('r1', 'acme', 3, 'Too slow.')]);
  const host: AnalysisHost = {
    analyse: async (texts) => {
      // A sync replaces the comment while the host is reading the old one.
      await seed([commented('r1', 'acme', 3, 'Fast now, thanks to the support team!')], 'imp-2');
      return analyseComments(texts);
    },
    release: async () => undefined,
  };
  const { p } = pass(host);
  p.schedule();
  await p.idle();
  expect((await insightsOf()).get('r1')).toBeUndefined();
});

test('pages of comments: batches of the given size, all read, in several round trips', async () => {
  const rows = Array.from({ length: 45 }, (_, i) => commented(`r${i}`, i % 2 ? 'acme' : 'globex', i % 11, `The reporting dashboard is slow, take ${i}.`));
  await seed(rows);
  const calls: string[][] = [];
  const { p } = pass(realHost(calls), 'k1', [], 10);
  p.schedule();
  await p.idle();
  expect(calls.length).toBeGreaterThan(1);
  expect(calls.flat()).toHaveLength(45);
  expect([...(await insightsOf()).values()].every((i) => i?.key === keyOf('k1'))).toBe(true);
});

test('cancelling stops the pass; a failing host and a missing one are reported, nothing half-stored', async () => {
  await seed(Array.from({ length: 30 }, (_, i) => commented(`r${i}`, 'acme', 5, `Billing is confusing ${i}`)));
  const statuses: AnalysisStatus[] = [];
  const slow = pass(
    {
      analyse: async (texts) => {
        slow.p.cancel();
        return analyseComments(texts);
      },
      release: async () => undefined,
    },
    'k1',
    statuses,
    5,
  );
  slow.p.schedule();
  await slow.p.idle();
  expect(statuses.at(-1)?.state).toBe('cancelled');
  expect([...(await insightsOf()).values()].filter(Boolean)).toHaveLength(0);

  const failed: AnalysisStatus[] = [];
  const failing = pass({ analyse: async () => Promise.reject(new Error('host went away')), release: async () => undefined }, 'k1', failed);
  failing.p.schedule();
  await failing.p.idle();
  expect(failed.at(-1)).toMatchObject({ state: 'failed', lastError: 'host went away' });

  const none: AnalysisStatus[] = [];
  const missing = pass(null, 'k1', none);
  missing.p.schedule();
  await missing.p.idle();
  expect(none.at(-1)?.state).toBe('unavailable');
});

test('after a pass that read every block under a key, the next under that key reads only the blocks marked unread; another key reads every block again', async () => {
  await seed([
    commented('r1', 'acme', 2, 'Support took a week to answer.'),
    commented('r2', 'globex', 10, 'Love the new dashboards.'),
    { ...response('r3', 'initech', 7) },
  ]);
  let through: string | null = null;
  const readThrough: ReadThrough = { get: async () => through, set: async (key) => void (through = key) };
  const calls: string[][] = [];
  const run = async (key: string, host = realHost(calls)) => {
    const statuses: AnalysisStatus[] = [];
    const p = pass(host, key, statuses, 400, readThrough).p;
    p.schedule();
    await p.idle();
    return statuses.at(-1)!;
  };

  // The first pass reads every block (blocks written before marks existed have none) and says so.
  expect(await run('k1')).toMatchObject({ state: 'idle', blocksTotal: 3, analysed: 2 });
  expect(through).toBe(keyOf('k1'));

  // A new comment in a new block and a changed one in an old block: only their two blocks are read.
  await seed([commented('n1', 'newco', 4, 'Pricing went up again.'), commented('r2', 'globex', 9, 'Dashboards are great, exports are slow.')], 'imp-2');
  calls.length = 0;
  expect(await run('k1')).toMatchObject({ state: 'idle', blocksTotal: 2, blocksDone: 2, analysed: 2 });
  expect(calls.flat().sort()).toEqual(['Dashboards are great, exports are slow.', 'Pricing went up again.']);
  expect(await store.countUnreadBlocks()).toBe(0);

  // A pass over every block that fails records nothing: the next one reads every block again.
  expect(await run('k2', { analyse: async () => Promise.reject(new Error('host went away')), release: async () => undefined })).toMatchObject({ state: 'failed' });
  expect(through).toBe(keyOf('k1'));
  calls.length = 0;
  expect(await run('k2')).toMatchObject({ state: 'idle', blocksTotal: 4, analysed: 3 });
  expect(calls.flat()).toHaveLength(3);
  expect(through).toBe(keyOf('k2'));
  expect([...(await insightsOf()).values()].filter(Boolean).every((i) => i!.key === keyOf('k2'))).toBe(true);
});
