/**
 * Bundled into a plain page (see browser-bundle.ts) by tests/e2e/store-safety.spec.ts: the store's own
 * code on Chromium's IndexedDB, with a database of the test's naming, so a full disk (a quota forced
 * small) and a failing migration are met as users would meet them.
 */
import { openDB } from 'idb';
import { errorCode, errorText } from '../../../lib/core/errors';
import type { Account, SurveyResponse } from '../../../lib/model';
import { NpsStore } from '../../../lib/store';
import { DB_VERSION, MIGRATIONS, openNpsDatabase } from '../../../lib/store/db';
import { rescueExport } from '../../../lib/store/rescue';

const T0 = Date.UTC(2026, 0, 15);
const account = (id: string): Account => ({ id, name: `Account ${id}`, domains: [], salesforceIds: [], zendeskOrganizationIds: [], hubspotCompanyIds: [], updatedAt: T0 });

/** Text a compressing store cannot shrink: random letters. */
function noise(chars: number): string {
  const bytes = crypto.getRandomValues(new Uint8Array(chars));
  return Array.from(bytes, (b) => String.fromCharCode(97 + (b % 26))).join('');
}

function responses(prefix: string, accountId: string, count: number, commentChars: number): SurveyResponse[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`, accountId, score: i % 11, respondedAt: T0 - i * 60_000, tags: [], excluded: false, updatedAt: T0,
    ...(commentChars ? { comment: noise(commentChars) } : {}),
  }));
}

/**
 * Imports `count` responses (with comments of `commentChars` random letters) as the import does: staged,
 * then committed. Each batch is one of three accounts' rows, or with `accounts`, every row of the next one.
 */
export async function importRows(name: string, importId: string, count: number, commentChars: number, options: { commit?: boolean; accounts?: number } = {}) {
  const store = await NpsStore.open(name);
  let keep = false;
  try {
    await store.beginImport({ id: importId, fileName: `${importId}.csv`, kind: 'responses', state: 'staging', startedAt: T0, touchedAt: T0, batches: 0, committedBatches: 0, imported: 0, rejected: 0 });
    const perBatch = 500;
    for (let seq = 0; seq * perBatch < count; seq++) {
      const accountId = `acc-${seq % 3}`;
      let rows = responses(`${importId}-${seq}`, accountId, Math.min(perBatch, count - seq * perBatch), commentChars);
      const spread = options.accounts;
      if (spread) rows = rows.map((row, i) => ({ ...row, accountId: `acc-${i % spread}` }));
      const accounts = spread ? Array.from({ length: spread }, (_, i) => account(`acc-${i}`)) : [account(accountId)];
      await store.stageBatch({ importId, seq, accounts, responses: rows, actions: [], sends: [] });
    }
    if (options.commit !== false) await store.commitImport(importId, { imported: count, rejected: 0 });
    else {
      // The same store commits it later (`commit`), as the same service worker does: rows still wait in its memory.
      kept.set(name, store);
      keep = true;
    }
    return { ok: true as const };
  } catch (error) {
    return { ok: false as const, code: errorCode(error), message: errorText(error) };
  } finally {
    if (!keep) store.close();
  }
}

/** Stores left open by `importRows(…, { commit: false })`, by database name. */
const kept = new Map<string, NpsStore>();

export async function commit(name: string, importId: string, imported: number) {
  const store = kept.get(name) ?? (await NpsStore.open(name));
  kept.delete(name);
  try {
    await store.commitImport(importId, { imported, rejected: 0 });
    return { ok: true as const };
  } catch (error) {
    return { ok: false as const, code: errorCode(error), message: errorText(error) };
  } finally {
    store.close();
  }
}

/** The import's record and how much it still has staged: batches, and blocks of its rows. */
export async function importState(name: string, importId: string) {
  const db = await openDB(name);
  try {
    const record = (await db.get('imports', importId)) as { state: string; error?: string } | undefined;
    const blocks = [...(await db.getAll('responseBlocks')), ...(await db.getAll('sendBlocks'))] as Array<{ importId?: string }>;
    const staged = (await db.countFromIndex('staging', 'byImport', importId)) + blocks.filter((b) => b.importId === importId && record?.state !== 'committed').length;
    return { state: record?.state, error: record?.error, staged };
  } finally {
    db.close();
  }
}

/**
 * Every record of every data store a user's data is in, to compare before and after: imports and
 * staging aside, and the blocks of imports not committed (no reader sees them: lib/store/staged-blocks.ts).
 */
export async function snapshot(name: string): Promise<Record<string, unknown[]>> {
  const db = await openDB(name);
  try {
    const committed = new Set(((await db.getAll('imports')) as Array<{ id: string; state: string }>).filter((i) => i.state === 'committed').map((i) => i.id));
    const live = (value: unknown) => {
      const importId = (value as { importId?: unknown }).importId;
      return typeof importId !== 'string' || committed.has(importId);
    };
    const names = [...db.objectStoreNames].filter((n) => n !== 'imports' && n !== 'staging').sort();
    return Object.fromEntries(await Promise.all(names.map(async (n) => [n, (await db.getAll(n)).filter(live)] as const)));
  } finally {
    db.close();
  }
}

export async function usage(): Promise<number> {
  return (await navigator.storage.estimate()).usage ?? 0;
}

/**
 * Opens the database as a next version whose migration writes, then fails: the open must fail with
 * that failure, the database stay at its version, and the rescue export still read everything.
 */
export async function failingUpgrade(name: string) {
  MIGRATIONS.push(async (_db, tx) => {
    await tx.objectStore('accounts').put(account('written-by-a-failed-migration') as never);
    throw new Error('the next version’s migration failed');
  });
  let message = '';
  try {
    (await openNpsDatabase(name, DB_VERSION + 1)).close();
  } catch (error) {
    message = errorText(error);
  } finally {
    MIGRATIONS.length = DB_VERSION;
  }
  const db = await openDB(name);
  const version = db.version;
  db.close();
  return { message, version, current: DB_VERSION };
}

export async function rescue(name: string): Promise<{ head: Record<string, unknown>; byStore: Record<string, unknown[]> }> {
  let text = '';
  await rescueExport((t) => (text += t), { name });
  const [head, ...lines] = text.trimEnd().split('\n').map((l) => JSON.parse(l) as { store: string; value: unknown });
  const byStore: Record<string, unknown[]> = {};
  for (const line of lines) (byStore[line.store] ??= []).push(line.value);
  return { head: head as unknown as Record<string, unknown>, byStore };
}

export async function discard(name: string, importId: string) {
  const store = await NpsStore.open(name);
  try {
    await store.discardImport(importId);
  } finally {
    store.close();
  }
}
