/**
 * The stored results of comment analysis (docs/insights.md): which comments still need reading (no result,
 * or one made by another analyser or taxonomy), and writing results back beside their responses. The
 * analysis itself runs elsewhere (lib/background/insights-pass.ts); reading and writing are separate
 * transactions, so a result is written only if the comment it was made from is still the stored one.
 */
import { encodeInsight, insightKeyOf, type StoredInsight, type SurveyResponse } from '../model';
import type { IDBPIndex } from 'idb';
import { packBlock, unpackBlock } from './block-columns';
import type { ImportRecord, NpsDatabase, NpsDB } from './schema';
import { liveBlocks } from './staged-blocks';
import { quietly } from './tx-helpers';

type BlockKey = [string, number];

export interface PendingComment {
  id: string;
  text: string;
  /** The account the response is of. */
  accountId: string;
  /** The block it was read from: where its result is written back. */
  block: BlockKey;
}

export interface PendingPage {
  comments: PendingComment[];
  /** The last block read: the next page starts after it; null when every block was read. */
  next: BlockKey | null;
  /** Blocks read for this page (for progress). */
  blocks: number;
}

/** Whether the row has a comment whose stored result is missing or was made with another key. */
export function needsInsight(row: SurveyResponse, key: string): boolean {
  return typeof row.comment === 'string' && row.comment.trim() !== '' && insightKeyOf(row) !== key;
}

/**
 * Which blocks a page of pending comments is looked for in: every block (after a change of taxonomy or
 * analyser, or the first time), or only those marked as holding a comment not read yet (`markUnread`).
 */
export type PendingScope = 'all' | 'unread';

/**
 * Comments that need reading, from the blocks after `after` in key order, whole blocks at a time until at
 * least `limit` comments are found (or the blocks end).
 */
export async function pendingComments(db: NpsDatabase, key: string, after: BlockKey | null, limit: number, scope: PendingScope = 'all'): Promise<PendingPage> {
  const tx = db.transaction(['responseBlocks', 'imports'], 'readonly');
  const live = liveIn(tx.objectStore('imports'));
  const comments: PendingComment[] = [];
  let blocks = 0;
  let last: BlockKey | null = null;
  const store = tx.objectStore('responseBlocks');
  let cursor = scope === 'all' ? await store.openCursor(after ? IDBKeyRange.lowerBound(after, true) : undefined) : await unreadAfter(store.index('byUnread'), after);
  while (cursor) {
    blocks++;
    last = cursor.primaryKey as BlockKey;
    // An import's rows are read once it is committed (its commit changes data, which starts a pass).
    if (await live(cursor.value)) for (const row of unpackBlock(cursor.value).rows) if (needsInsight(row, key)) comments.push({ id: row.id, text: row.comment!, accountId: last[0], block: last });
    if (comments.length >= limit) break;
    cursor = await cursor.continue();
  }
  const more = cursor !== null;
  await tx.done;
  return { comments, next: more ? last : null, blocks };
}

/** The first marked block after `after` (by block key), through the `byUnread` index. */
async function unreadAfter(index: UnreadIndex, after: BlockKey | null) {
  const cursor = await index.openCursor(IDBKeyRange.only(1));
  if (!cursor || !after) return cursor;
  const at = indexedDB.cmp(cursor.primaryKey, after);
  if (at > 0) return cursor;
  const moved = at < 0 ? await cursor.continuePrimaryKey(1, after) : cursor;
  return moved && indexedDB.cmp(moved.primaryKey, after) === 0 ? moved.continue() : moved;
}

type UnreadIndex = IDBPIndex<NpsDB, Array<'responseBlocks' | 'imports'>, 'responseBlocks', 'byUnread', 'readonly'>;

/** How many blocks are marked as holding a comment not read yet. */
export function countUnreadBlocks(db: NpsDatabase): Promise<number> {
  return db.countFromIndex('responseBlocks', 'byUnread');
}

/** Whether a block is live (not staged by an import that is not committed yet), asked in the caller's transaction. */
function liveIn(imports: { get(id: string): Promise<ImportRecord | undefined> }): (block: { importId?: string }) => Promise<boolean> {
  return async (block) => block.importId === undefined || (await liveBlocks([block], imports)).length === 1;
}

/** How many blocks of responses are stored (the analysis pass's measure of its progress). */
export function countResponseBlocks(db: NpsDatabase): Promise<number> {
  return db.count('responseBlocks');
}

/**
 * Stores results beside their responses, each in the block it was read from and only if that block still
 * holds the response with the comment it was made from (a sync or an import may have changed or moved it
 * since: its data change starts another pass, which reads it again). Blocks are found by their keys, never
 * through the `byId` index (a lookup there costs tens of microseconds a row). Returns how many were stored.
 */
export async function saveInsights(
  db: NpsDatabase,
  results: ReadonlyArray<{ id: string; block: BlockKey; text: string; insight: StoredInsight }>,
): Promise<number> {
  const tx = db.transaction('responseBlocks', 'readwrite');
  const wanted = new Map<string, { key: BlockKey; results: Map<string, { text: string; insight: StoredInsight }> }>();
  for (const result of results) {
    const name = JSON.stringify(result.block);
    const entry = wanted.get(name) ?? { key: result.block, results: new Map() };
    entry.results.set(result.id, result);
    wanted.set(name, entry);
  }
  let saved = 0;
  const blocks = await Promise.all([...wanted.values()].map((w) => tx.store.get(w.key)));
  [...wanted.values()].forEach((w, i) => {
    const stored = blocks[i];
    if (!stored) return;
    const block = unpackBlock(stored);
    let changed = false;
    const rows = block.rows.map((row) => {
      const result = w.results.get(row.id);
      if (!result || row.comment !== result.text) return row;
      changed = true;
      saved++;
      // Kept as text (`EncodedInsight`); a result stored before as an object is replaced.
      const { insight: _before, ...rest } = row;
      return { ...rest, ...encodeInsight(result.insight) };
    });
    if (changed) quietly(tx.store.put(packBlock({ ...block, rows })));
  });
  await tx.done;
  return saved;
}

/** Up to `limit` stored comments (in block order: account by account), for the taxonomy editor's live counts. */
export async function sampleComments(db: NpsDatabase, limit: number): Promise<string[]> {
  const tx = db.transaction(['responseBlocks', 'imports'], 'readonly');
  const live = liveIn(tx.objectStore('imports'));
  const texts: string[] = [];
  let cursor = await tx.objectStore('responseBlocks').openCursor();
  while (cursor && texts.length < limit) {
    if (await live(cursor.value)) for (const row of unpackBlock(cursor.value).rows) if (row.comment?.trim() && texts.length < limit) texts.push(row.comment);
    cursor = await cursor.continue();
  }
  await tx.done;
  return texts;
}

/**
 * Every counted response answered at or after `since` (all when null) that has a comment, in the shape
 * the insights' summary takes, and how many counted responses the window holds in all: the portfolio's
 * view over every account. Excluded responses are left out, as everywhere.
 */
export async function commentedResponsesSince(
  db: NpsDatabase,
  since: number | null,
): Promise<{ responses: Array<Pick<SurveyResponse, 'id' | 'score' | 'comment' | 'insight' | 'insightKey' | 'insightJson' | 'respondentEmail'>>; total: number }> {
  const tx = db.transaction(['responseBlocks', 'imports'], 'readonly');
  const live = liveIn(tx.objectStore('imports'));
  const responses: Array<Pick<SurveyResponse, 'id' | 'score' | 'comment' | 'insight' | 'insightKey' | 'insightJson' | 'respondentEmail'>> = [];
  let total = 0;
  let cursor = await tx.objectStore('responseBlocks').openCursor();
  while (cursor) {
    const rows = (await live(cursor.value)) ? unpackBlock(cursor.value).rows : [];
    for (const row of rows) {
      if (row.excluded || (since !== null && row.respondedAt < since)) continue;
      total++;
      if (row.comment?.trim()) responses.push({ id: row.id, score: row.score, comment: row.comment, insight: row.insight, insightKey: row.insightKey, insightJson: row.insightJson, respondentEmail: row.respondentEmail });
    }
    cursor = await cursor.continue();
  }
  await tx.done;
  return { responses, total };
}
