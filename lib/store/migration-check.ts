/**
 * Migrations checked from every older version with data in it: for each version v below the current
 * one, a database is built with the migrations up to v, filled with records in v's shape, closed, and
 * opened by the extension's own code, which upgrades it. Then the upgraded schema must equal a fresh
 * one, every record must still be there and valid, and the store's queries must find them.
 *
 * Generic over `MIGRATIONS`: a new version is checked from every older one with no change here. A seed
 * (records in a version's shape) serves every version from its `since` until the next seed; add one
 * when a migration changes the shape of what is stored. Runs in Node with fake-indexeddb (unit test)
 * and in a real Chromium (tests/e2e/store-migrations.spec.ts), on the same code.
 */
import { deleteDB, openDB, type IDBPDatabase } from 'idb';
import { AccountSchema, ActionSchema, ResponseSchema, SurveySendSchema } from '../model';
import { DB_VERSION, MIGRATIONS, openNpsDatabase } from './db';
import { NpsStore } from './index';

type AnyDatabase = IDBPDatabase<unknown>;

export interface MigrationSeed {
  /** The oldest version whose schema these records fit. */
  since: number;
  /** Store name → records, in that version's shape. */
  records: Record<string, Array<Record<string, unknown>>>;
  /** What the upgrade should have derived from the records, beyond the generic checks; returns problems. */
  check?(store: NpsStore): Promise<string[]>;
}

const T = Date.UTC(2025, 10, 3, 9, 30);
const DAY = 86_400_000;
const plainAccount = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id, name, domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: T, ...extra,
});
const response = (id: string, accountId: string, score: number, daysAgo: number, extra: Record<string, unknown> = {}) => ({
  id, accountId, score, respondedAt: T - daysAgo * DAY, tags: [], excluded: false, updatedAt: T, ...extra,
});

/** A block of one account's rows, as stored since v5 (blocks.ts). */
const rowBlock = (accountId: string, n: number, rows: Array<Record<string, unknown>>) => ({ accountId, n, ids: rows.map((r) => r.id), rows });

/** The rows a seed holds, whether as rows (before v5) or in blocks, leaving out blocks of imports not committed. */
function seededRows(seed: MigrationSeed, rows: 'responses' | 'sends'): Array<Record<string, unknown>> {
  const committed = new Set((seed.records.imports ?? []).filter((i) => i.state === 'committed').map((i) => i.id));
  const blocks = (seed.records[rows === 'responses' ? 'responseBlocks' : 'sendBlocks'] ?? []) as Array<{ importId?: string; rows: Array<Record<string, unknown>> }>;
  return [...(seed.records[rows] ?? []), ...blocks.filter((b) => b.importId === undefined || committed.has(b.importId)).flatMap((b) => b.rows)];
}

export const SEEDS: MigrationSeed[] = [
  {
    since: 1,
    records: {
      accounts: [
        { ...plainAccount('A', 'Acme Corporation', { domains: ['acme.com'], salesforceIds: ['001M000000qfPySIAU'] }), nameKey: 'acme' },
        { ...plainAccount('G', 'Globex', { zendeskOrganizationIds: ['42'] }), nameKey: 'globex' },
      ],
      responses: [
        response('r1', 'A', 9, 10, { respondentEmail: 'ann@acme.io', respondentRole: 'Exec', comment: 'Great' }),
        response('r2', 'A', 4, 40, { respondentEmail: 'ann@acme.io', respondentRole: 'User' }),
        response('r3', 'A', 7, 5, { respondentName: 'Bo', channel: 'web', tags: ['beta'] }),
        response('r4', 'G', 2, 3, { respondentEmail: 'cy@gmail.com', excluded: true }),
      ],
      actions: [{ id: 'a1', accountId: 'A', title: 'Call Ann', status: 'open', createdAt: T, updatedAt: T, dueDate: '2025-11-20', responseId: 'r2' }],
      sends: [{ id: 's1', accountId: 'A', respondentEmail: 'ann@acme.io', sentAt: T - 12 * DAY, channel: 'email' }],
      links: [{ recordKey: 'salesforce:001M000000qfPySIAU', accountId: 'A', createdAt: T }],
      imports: [{ id: 'i1', fileName: 'old.csv', kind: 'responses', state: 'committed', startedAt: T, touchedAt: T, finishedAt: T, batches: 1, committedBatches: 1, imported: 4, rejected: 0 }],
    },
    async check(store) {
      const problems: string[] = [];
      const people = (await store.respondentsOf('A')).map((p) => `${p.key}:${p.role ?? ''}:${p.lastRespondedAt}`);
      const expected = [`ann@acme.io:Exec:${T - 10 * DAY}`, `name:bo::${T - 5 * DAY}`];
      if (JSON.stringify(people) !== JSON.stringify(expected)) problems.push(`respondents of A: ${people.join(', ')} (expected ${expected.join(', ')})`);
      const byDomain = (await store.accountsByEmailDomain('acme.io')).map((a) => a.id);
      if (byDomain.join() !== 'A') problems.push(`accounts by email domain acme.io: [${byDomain.join()}] (expected [A])`);
      if ((await store.accountsByEmailDomain('gmail.com')).length > 0) problems.push('a public mail domain was learned');
      return problems;
    },
  },
  {
    since: 2,
    records: {
      accounts: [
        { ...plainAccount('A', 'Acme Corporation', { domains: ['acme.com'] }), nameKey: 'acme', aliases: ['name:acme'], emailDomains: ['acme.io'] },
      ],
      respondents: [{ accountId: 'A', key: 'ann@acme.io', email: 'ann@acme.io', role: 'Exec', lastRespondedAt: T - DAY }],
      responses: [response('r1', 'A', 10, 1, { respondentEmail: 'ann@acme.io', respondentRole: 'Exec' })],
      actions: [{ id: 'a1', accountId: 'A', title: 'Thank Ann', status: 'done', createdAt: T, updatedAt: T }],
      sends: [],
      links: [{ recordKey: 'zendesk:org:7', accountId: 'A', createdAt: T }],
      staging: [{ importId: 'i2', seq: 0, accounts: [], responses: [], actions: [], sends: [] }],
      imports: [{ id: 'i2', fileName: 'pending.csv', kind: 'responses', state: 'staging', startedAt: T, touchedAt: T, batches: 1, committedBatches: 0, imported: 0, rejected: 0 }],
    },
    async check(store) {
      const viaAlias = (await store.getAccountRecords('A'))?.account.name;
      return viaAlias === 'Acme Corporation' ? [] : [`account A reads as ${viaAlias}`];
    },
  },
  {
    // v3 → v4 moves responses and sends to keys by account (in batches: more records than one batch).
    since: 3,
    records: {
      accounts: [
        { ...plainAccount('A', 'Acme Corporation', { domains: ['acme.com'] }), nameKey: 'acme', aliases: [], emailDomains: ['acme.io'] },
        { ...plainAccount('M', 'Many Corp'), nameKey: 'many', aliases: [], emailDomains: [] },
      ],
      respondents: [{ accountId: 'A', key: 'ann@acme.io', email: 'ann@acme.io', role: 'Exec', lastRespondedAt: T - DAY }],
      responses: [
        response('r1', 'A', 10, 1, { respondentEmail: 'ann@acme.io', respondentRole: 'Exec', comment: 'Fast' }),
        response('r2', 'A', 3, 30),
        ...Array.from({ length: 2101 }, (_, i) => response(`m${String(i).padStart(4, '0')}`, 'M', i % 11, i % 400)),
      ],
      actions: [{ id: 'a1', accountId: 'A', title: 'Call Ann', status: 'open', createdAt: T, updatedAt: T }],
      sends: [
        { id: 's1', accountId: 'A', respondentEmail: 'ann@acme.io', sentAt: T - 2 * DAY, channel: 'email' },
        { id: 's2', accountId: 'M', sentAt: T - 3 * DAY },
      ],
      links: [{ recordKey: 'hubspot:company:9', accountId: 'M', createdAt: T }],
      outbox: [{ seq: 1, actionId: 'a1', op: 'update', action: { id: 'a1', accountId: 'A', title: 'Call Ann today', status: 'open', createdAt: T, updatedAt: T }, base: T, idempotencyKey: 'k1', enqueuedAt: T, attempts: 0, nextAttemptAt: T, state: 'pending', lastError: null }],
      fetchMeta: [{ accountId: 'A', sourceKey: 'https://nps.example.com/', fetchedAt: T, lastError: null, lastErrorAt: null }],
    },
    async check(store) {
      const problems: string[] = [];
      const counts = await store.counts();
      if (counts.responses !== 2103 || counts.sends !== 2) problems.push(`counts ${JSON.stringify(counts)} (expected 2103 responses, 2 sends)`);
      const a = await store.getAccountRecords('A');
      const dates = (a?.responses ?? []).map((r) => r.respondedAt);
      if (JSON.stringify(dates) !== JSON.stringify([T - 30 * DAY, T - DAY])) problems.push(`account A's responses are not in date order: ${dates.join()}`);
      if ((a?.sends ?? []).map((x) => x.id).join() !== 's1') problems.push(`account A reads sends [${(a?.sends ?? []).map((x) => x.id).join()}], expected [s1]`);
      if (((await store.getAccountRecords('M'))?.sends ?? []).map((x) => x.id).join() !== 's2') problems.push('account M lost its send');
      if ((await store.listOutbox()).length !== 1) problems.push('the outbox entry is lost');
      return problems;
    },
  },
  {
    // v4 → v5 puts responses and sends in blocks: an account with more rows than one block holds (and
    // long comments, which fill a block by size first), rows of several accounts, an out-of-order date.
    since: 4,
    records: {
      accounts: [
        { ...plainAccount('A', 'Acme Corporation', { domains: ['acme.com'] }), nameKey: 'acme', aliases: [], emailDomains: ['acme.io'] },
        { ...plainAccount('M', 'Many Corp'), nameKey: 'many', aliases: [], emailDomains: [] },
        { ...plainAccount('E', 'Empty Ltd'), nameKey: 'empty', aliases: [], emailDomains: [] },
      ],
      respondents: [{ accountId: 'A', key: 'ann@acme.io', email: 'ann@acme.io', role: 'Exec', lastRespondedAt: T - DAY }],
      responses: [
        response('r1', 'A', 10, 1, { respondentEmail: 'ann@acme.io', respondentRole: 'Exec', comment: 'Fast' }),
        response('r2', 'A', 3, 30, { comment: 'Slow '.repeat(20_000) }),
        ...Array.from({ length: 700 }, (_, i) => response(`m${String(i).padStart(4, '0')}`, 'M', i % 11, i % 400, i % 5 === 0 ? { comment: 'x'.repeat(600) } : {})),
      ],
      actions: [{ id: 'a1', accountId: 'M', title: 'Call', status: 'open', createdAt: T, updatedAt: T, responseId: 'm0003' }],
      sends: [
        { id: 's1', accountId: 'A', respondentEmail: 'ann@acme.io', sentAt: T - 2 * DAY, channel: 'email' },
        ...Array.from({ length: 300 }, (_, i) => ({ id: `t${i}`, accountId: 'M', sentAt: T - i * DAY })),
      ],
      links: [{ recordKey: 'hubspot:company:9', accountId: 'M', createdAt: T }],
    },
    async check(store) {
      const problems: string[] = [];
      const counts = await store.counts();
      if (counts.responses !== 702 || counts.sends !== 301) problems.push(`counts ${JSON.stringify(counts)} (expected 702 responses, 301 sends)`);
      const m = (await store.getAccountRecords('M'))?.responses ?? [];
      const sorted = m.every((r, i) => i === 0 || m[i - 1]!.respondedAt <= r.respondedAt);
      if (!sorted) problems.push("account M's responses are not in date order");
      if ((await store.getAccountRecords('E'))?.responses.length !== 0) problems.push('account E reads responses it never had');
      const people = (await store.respondentsOf('A')).map((p) => `${p.key}:${p.role ?? ''}`).join();
      if (people !== 'ann@acme.io:Exec') problems.push(`respondents of A: ${people} (expected ann@acme.io:Exec)`);
      return problems;
    },
  },
  {
    // v5 → v6 indexes each block by its number of rows: rows are counted from it. Blocks of several
    // sizes, a committed import's blocks (counted) and an unfinished one's (not counted).
    since: 5,
    records: {
      accounts: [
        { ...plainAccount('A', 'Acme Corporation', { domains: ['acme.com'] }), nameKey: 'acme', aliases: [], emailDomains: ['acme.io'] },
        { ...plainAccount('M', 'Many Corp'), nameKey: 'many', aliases: [], emailDomains: [] },
      ],
      respondentLists: [{ accountId: 'A', people: [{ accountId: 'A', key: 'ann@acme.io', email: 'ann@acme.io', role: 'Exec', lastRespondedAt: T - DAY }] }],
      responseBlocks: [
        rowBlock('A', 0, [response('r1', 'A', 10, 1, { respondentEmail: 'ann@acme.io', respondentRole: 'Exec' }), response('r2', 'A', 3, 30)]),
        rowBlock('M', 0, Array.from({ length: 256 }, (_, i) => response(`m${String(i).padStart(4, '0')}`, 'M', i % 11, 400 - i))),
        rowBlock('M', 1, [response('m0256', 'M', 8, 2)]),
        { ...rowBlock('M', 2 ** 20, [response('i0', 'M', 6, 1), response('i1', 'M', 9, 1)]), importId: 'i4' },
        { ...rowBlock('M', 2 ** 21, [response('p0', 'M', 0, 1)]), importId: 'i5' },
      ],
      sendBlocks: [rowBlock('A', 0, [{ id: 's1', accountId: 'A', respondentEmail: 'ann@acme.io', sentAt: T - 2 * DAY, channel: 'email' }])],
      actions: [{ id: 'a1', accountId: 'M', title: 'Call', status: 'open', createdAt: T, updatedAt: T, responseId: 'm0003' }],
      imports: [
        { id: 'i4', fileName: 'done.csv', kind: 'responses', state: 'committed', startedAt: T, touchedAt: T, finishedAt: T, batches: 1, committedBatches: 1, imported: 2, rejected: 0, blockBase: 2 ** 20, stagedRows: { responses: 2, sends: 0 }, stagedBlocks: 1 },
        { id: 'i5', fileName: 'pending.csv', kind: 'responses', state: 'staging', startedAt: T, touchedAt: T, batches: 0, committedBatches: 0, imported: 0, rejected: 0, blockBase: 2 ** 21, stagedRows: { responses: 1, sends: 0 }, stagedBlocks: 1 },
      ],
    },
    async check(store) {
      const counts = await store.counts();
      return counts.responses === 261 && counts.sends === 1 ? [] : [`counts ${JSON.stringify(counts)} (expected 261 responses, 1 send)`];
    },
  },
  {
    // v6 → v7 marks the blocks holding a comment not read yet. Blocks written before stay unmarked (the
    // first pass reads every block), except those of an import still to be committed, whose comments
    // would otherwise be read by no pass: marked by the migration.
    since: 6,
    records: {
      accounts: [{ ...plainAccount('A', 'Acme Corporation'), nameKey: 'acme', aliases: [], emailDomains: [] }],
      responseBlocks: [
        rowBlock('A', 0, [response('r1', 'A', 9, 3, { comment: 'Great support' }), response('r2', 'A', 4, 2)]),
        { ...rowBlock('A', 2 ** 20, [response('c1', 'A', 2, 1, { comment: 'Too slow' }), response('c2', 'A', 8, 1)]), importId: 'i6' },
        { ...rowBlock('A', 2 ** 21, [response('d1', 'A', 7, 1)]), importId: 'i7' },
      ],
      imports: [
        { id: 'i6', fileName: 'saving.csv', kind: 'responses', state: 'committing', startedAt: T, touchedAt: T, batches: 1, committedBatches: 0, imported: 2, rejected: 0, blockBase: 2 ** 20, stagedRows: { responses: 2, sends: 0 }, stagedBlocks: 1 },
        { id: 'i7', fileName: 'also-saving.csv', kind: 'responses', state: 'staging', startedAt: T, touchedAt: T, batches: 1, committedBatches: 0, imported: 1, rejected: 0, blockBase: 2 ** 21, stagedRows: { responses: 1, sends: 0 }, stagedBlocks: 1 },
      ],
      staging: [{ importId: 'i6', seq: 0, accounts: [], responses: [], actions: [], sends: [], stagedUnder: ['A'] }],
    },
    async check(store) {
      const problems: string[] = [];
      const marked = await store.countUnreadBlocks();
      if (marked !== 1) problems.push(`${marked} blocks marked as holding an unread comment (expected 1: the committing import's)`);
      const commit = await store.commitImport('i6', { imported: 2, rejected: 0 });
      if (commit.state !== 'committed') problems.push(`the import begun before the upgrade ended ${commit.state}: ${commit.error ?? ''}`);
      const pending = (await store.pendingComments('k', null, 100, 'unread')).comments.map((c) => c.id).join();
      if (pending !== 'c1') problems.push(`unread comments after its commit: [${pending}] (expected [c1])`);
      return problems;
    },
  },
];

export interface MigrationCheckResult {
  from: number;
  to: number;
  problems: string[];
}

export interface MigrationCheckOptions {
  /** Database names start with this (each version gets its own database, deleted afterwards). */
  prefix?: string;
  /** Opens (and so upgrades) a database as the extension does; replaced only to test this check. */
  open?: (name: string) => Promise<AnyDatabase>;
}

function seedFor(version: number): MigrationSeed {
  const seed = [...SEEDS].reverse().find((s) => s.since <= version);
  if (!seed) throw new Error(`No seed for version ${version}`);
  return seed;
}

/** A database at `version`, built by the first `version` migrations, as the extension then had it. */
async function createAt(name: string, version: number): Promise<AnyDatabase> {
  return openDB(name, version, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      for (let v = oldVersion; v < version; v++) await MIGRATIONS[v]!(db as never, tx as never);
    },
  });
}

interface SchemaShape {
  [store: string]: { keyPath: unknown; autoIncrement: boolean; indexes: Record<string, { keyPath: unknown; multiEntry: boolean; unique: boolean }> };
}

function schemaOf(db: AnyDatabase): SchemaShape {
  const names = [...db.objectStoreNames];
  if (names.length === 0) return {};
  const tx = db.transaction(names as never, 'readonly');
  const shape: SchemaShape = {};
  for (const name of names) {
    const store = tx.objectStore(name as never);
    const indexes: SchemaShape[string]['indexes'] = {};
    for (const indexName of [...store.indexNames]) {
      const index = store.index(indexName as never);
      indexes[indexName] = { keyPath: index.keyPath, multiEntry: index.multiEntry, unique: index.unique };
    }
    shape[name] = { keyPath: store.keyPath, autoIncrement: store.autoIncrement, indexes };
  }
  return shape;
}

function keyOf(record: Record<string, unknown>, keyPath: string | string[]): IDBValidKey {
  return Array.isArray(keyPath) ? (keyPath.map((k) => record[k]) as IDBValidKey) : (record[keyPath] as IDBValidKey);
}

/** Whether every field of `seeded` is in `stored` with the same value (an upgrade may add fields). */
function keeps(stored: unknown, seeded: Record<string, unknown>): string | null {
  if (typeof stored !== 'object' || stored === null) return 'is gone';
  for (const [field, value] of Object.entries(seeded)) {
    const now = (stored as Record<string, unknown>)[field];
    if (JSON.stringify(now) !== JSON.stringify(value)) return `${field} was ${JSON.stringify(value)}, is ${JSON.stringify(now)}`;
  }
  return null;
}

const SCHEMAS: Record<string, { safeParse(value: unknown): { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } } }> = {
  accounts: AccountSchema,
  responses: ResponseSchema,
  actions: ActionSchema,
  sends: SurveySendSchema,
};

/** Upgrades a database of every older version, with data, to the current one, and checks it. */
export async function checkMigrations(options: MigrationCheckOptions = {}): Promise<MigrationCheckResult[]> {
  const prefix = options.prefix ?? 'nps-context-migration-check';
  const open = options.open ?? ((name: string) => openNpsDatabase(name) as unknown as Promise<AnyDatabase>);
  const results: MigrationCheckResult[] = [];
  if (MIGRATIONS.length !== DB_VERSION) {
    return [{ from: 0, to: DB_VERSION, problems: [`${MIGRATIONS.length} migrations for version ${DB_VERSION}`] }];
  }

  const freshName = `${prefix}-fresh`;
  await deleteDB(freshName);
  const fresh = await openNpsDatabase(freshName);
  const expectedSchema = schemaOf(fresh as unknown as AnyDatabase);
  fresh.close();
  await deleteDB(freshName);

  for (let from = 1; from < DB_VERSION; from++) {
    const name = `${prefix}-from-v${from}`;
    const problems: string[] = [];
    const seed = seedFor(from);
    await deleteDB(name);
    const old = await createAt(name, from);
    try {
      for (const [storeName, records] of Object.entries(seed.records)) {
        if (!old.objectStoreNames.contains(storeName as never)) throw new Error(`The seed for version ${seed.since} writes ${storeName}, which version ${from} does not have`);
        const tx = old.transaction(storeName as never, 'readwrite');
        for (const record of records) await tx.store.put(record as never);
        await tx.done;
      }
    } finally {
      old.close();
    }

    const upgraded = await open(name);
    try {
      if (upgraded.version !== DB_VERSION) problems.push(`opened at version ${upgraded.version}, expected ${DB_VERSION}`);
      const schema = schemaOf(upgraded);
      if (JSON.stringify(schema) !== JSON.stringify(expectedSchema)) {
        problems.push(`the upgraded schema differs from a fresh one: ${JSON.stringify(schema)} vs ${JSON.stringify(expectedSchema)}`);
      }
      for (const [storeName, records] of Object.entries(seed.records)) {
        if (!upgraded.objectStoreNames.contains(storeName as never)) continue;
        const tx = upgraded.transaction(storeName as never, 'readonly');
        const keyPath = tx.store.keyPath as string | string[];
        for (const record of records) {
          const stored = await tx.store.get(keyOf(record, keyPath) as never);
          const lost = keeps(stored, record);
          if (lost) problems.push(`${storeName} ${JSON.stringify(keyOf(record, keyPath))}: ${lost}`);
          const schemaCheck = SCHEMAS[storeName]?.safeParse(stored);
          if (schemaCheck && !schemaCheck.success) {
            const issue = schemaCheck.error?.issues[0];
            problems.push(`${storeName} ${JSON.stringify(keyOf(record, keyPath))} is no longer valid: ${issue?.path.join('.')} ${issue?.message}`);
          }
        }
        await tx.done;
      }
    } finally {
      upgraded.close();
    }

    // The store's own queries over the upgraded data.
    const store = await NpsStore.open(name);
    try {
      const accounts = seed.records.accounts ?? [];
      for (const account of accounts) {
        const id = String(account.id);
        const records = await store.getAccountRecords(id);
        const expectedResponses = seededRows(seed, 'responses').filter((r) => r.accountId === id).map((r) => r.id).sort();
        const found = (records?.responses ?? []).map((r) => r.id).sort();
        if (JSON.stringify(found) !== JSON.stringify(expectedResponses)) problems.push(`account ${id} reads responses [${found.join()}], expected [${expectedResponses.join()}]`);
        const expectedSends = seededRows(seed, 'sends').filter((r) => r.accountId === id).map((r) => r.id).sort();
        const foundSends = (records?.sends ?? []).map((r) => r.id).sort();
        if (JSON.stringify(foundSends) !== JSON.stringify(expectedSends)) problems.push(`account ${id} reads sends [${foundSends.join()}], expected [${expectedSends.join()}]`);
        const expectedActions = (seed.records.actions ?? []).filter((a) => a.accountId === id).length;
        if ((records?.actions.length ?? 0) !== expectedActions) problems.push(`account ${id} reads ${records?.actions.length ?? 0} actions, expected ${expectedActions}`);
      }
      // Each response, found by its id, with every field it had (responses are stored in blocks since v5).
      for (const seeded of seededRows(seed, 'responses')) {
        const stored = await store.getResponse(String(seeded.id)).catch((error: unknown) => {
          problems.push(`response ${String(seeded.id)} cannot be read: ${String(error)}`);
          return null;
        });
        if (stored === null) continue;
        const lost = keeps(stored, seeded);
        if (lost) problems.push(`response ${String(seeded.id)}: ${lost}`);
        const schemaCheck = ResponseSchema.safeParse(stored);
        if (stored && !schemaCheck.success) problems.push(`response ${String(seeded.id)} is no longer valid: ${schemaCheck.error.issues[0]?.message}`);
      }
      for (const link of seed.records.links ?? []) {
        if ((await store.getLink(String(link.recordKey)))?.accountId !== link.accountId) problems.push(`link ${String(link.recordKey)} is lost`);
      }
      problems.push(...((await seed.check?.(store)) ?? []));
    } catch (error) {
      problems.push(`the store's queries fail on the upgraded database: ${String(error)}`);
    } finally {
      store.close();
    }
    await deleteDB(name);
    results.push({ from, to: DB_VERSION, problems });
  }
  return results;
}
