/**
 * An import's reading, batch by batch: its rows go into staged blocks as their accounts fill them
 * (`staged-blocks.ts`), the rest wait in the service worker's memory until the file ends
 * (`endImportStaging`); each batch stages the account facts and respondents it changes. Actions (and
 * imports begun by an earlier version) are staged as batches of rows.
 */
import { errorCode, errorText } from '../core/errors';
import type { AccountFacts, SurveyResponse, SurveySend } from '../model';
import { sameFacts } from './account-merge';
import { respondentOf, type ImportRecord, type NpsDatabase, type Respondent, type StagedBatch } from './db';
import { bulk, abortAndSettle, failedWrite } from './tx-helpers';
import { StagedBlocks } from './staged-blocks';
import { numberResumed, takeOutOfStaged } from './staged-commit';
import type { RowBlock } from './blocks';
import { packBlock } from './block-columns';
import { failImport } from './import-end';

/**
 * Rows an import holds in memory waiting for whole blocks before it writes them part-filled: enough for
 * most accounts to fill theirs (80 per account), bounded (≈ 350 bytes a row).
 */
const HOLD_PER_ACCOUNT = 80;
const HOLD_MIN = 50_000;
const HOLD_MAX = 150_000;

/** What a staging import remembers between its batches, in the service worker's memory. */
interface StagingSession {
  responses: StagedBlocks<SurveyResponse>;
  sends: StagedBlocks<SurveySend>;
  /** The account facts each key was last staged with: a batch stages only facts that changed. */
  facts: Map<string, AccountFacts>;
  /** Each respondent's newest answer staged so far: a batch stages only people it makes newer. */
  people: Map<string, number>;
}

/** Facts or people remembered per import at most; past this it starts over (and stages more). */
const SESSION_MEMORY = 200_000;

/** The rows of the imports staging in this service worker, waiting for their blocks. */
export class StagingSessions {
  private readonly sessions = new Map<string, StagingSession>();

  get(record: ImportRecord): StagingSession | undefined {
    let session = this.sessions.get(record.id);
    if (!session && record.blockBase !== undefined) {
      const resumed = record.batches > 0;
      session = { responses: new StagedBlocks(record.id, record.blockBase, resumed), sends: new StagedBlocks(record.id, record.blockBase, resumed), facts: new Map(), people: new Map() };
      this.sessions.set(record.id, session);
    }
    return session;
  }

  has(importId: string): boolean {
    return this.sessions.has(importId);
  }

  /** True when rows of the import waited in memory of a worker that has stopped since: they are gone. */
  lost(record: ImportRecord): boolean {
    return record.blockBase !== undefined && !this.sessions.has(record.id) && (record.heldRows ?? 0) > 0;
  }

  drop(importId: string): void {
    this.sessions.delete(importId);
  }
}

/** Why an import whose waiting rows were lost cannot go on. */
const ROWS_LOST = 'The extension was restarted while the file was being read, and rows waiting to be saved were lost; nothing from it was saved. Import the file again.';

/** Stages one batch; nothing the panel reads changes until the import is committed. */
export async function stageBatch(db: NpsDatabase, sessions: StagingSessions, batch: StagedBatch): Promise<void> {
  // Relaxed: no flush to disk per batch. A batch lost to a crash fails its import (rows missing at
  // commit are never half-applied: recovery drops a staging import), and the person imports again.
  const tx = db.transaction(['staging', 'imports', 'responseBlocks', 'sendBlocks'], 'readwrite', { durability: 'relaxed' });
  const record = await tx.objectStore('imports').get(batch.importId);
  if (!record || record.state !== 'staging') {
    await abortAndSettle(tx);
    throw new Error(`Import ${batch.importId} is not accepting rows (${record?.state ?? 'unknown'})`);
  }
  if (sessions.lost(record)) {
    await abortAndSettle(tx);
    await failImport(db, record.id, ROWS_LOST);
    throw new Error(ROWS_LOST);
  }
  // A session begun after rows were staged (the worker restarted) no longer knows which ids were given.
  const restarted = record.blockBase !== undefined && !sessions.has(record.id) && record.batches > 0;
  const session = sessions.get(record);
  try {
    const written = { ...(record.stagedRows ?? { responses: 0, sends: 0 }) };
    const blocks = { blocks: record.stagedBlocks ?? 0, under: new Set<string>() };
    let people: Respondent[] | undefined;
    let accounts = batch.accounts;
    if (session) {
      for (const response of batch.responses) session.responses.add(response);
      for (const send of batch.sends) session.sends.add(send);
      people = newPeople(session, batchPeople(batch.responses));
      accounts = changedFacts(session, batch.accounts);
      // Ids given again that may be in blocks written already: the later row replaces the staged one.
      blocks.blocks -= await takeOutOfStaged(bulk(tx.objectStore('responseBlocks')), record, session.responses.takeAgain());
      blocks.blocks -= await takeOutOfStaged(bulk(tx.objectStore('sendBlocks')), record, session.sends.takeAgain());
      await numberResumed(bulk(tx.objectStore('responseBlocks')), session.responses, record);
      await numberResumed(bulk(tx.objectStore('sendBlocks')), session.sends, record);
      const held = session.responses.heldRows + session.sends.heldRows;
      const limit = Math.min(HOLD_MAX, Math.max(HOLD_MIN, session.facts.size * HOLD_PER_ACCOUNT));
      const whole = held > limit;
      written.responses += addBlocks(bulk(tx.objectStore('responseBlocks')), whole ? session.responses.takeAll() : session.responses.takeFull(), blocks);
      written.sends += addBlocks(bulk(tx.objectStore('sendBlocks')), whole ? session.sends.takeAll() : session.sends.takeFull(), blocks);
    }
    const staged: StagedBatch = session ? { ...batch, accounts, responses: [], sends: [], ...(people ? { people } : {}), stagedUnder: [...blocks.under] } : batch;
    await tx.objectStore('staging').put(staged);
    const next: ImportRecord = { ...record, batches: Math.max(record.batches, batch.seq + 1), touchedAt: Date.now() };
    if (session) {
      next.stagedRows = written;
      next.stagedBlocks = blocks.blocks;
      next.heldRows = session.responses.heldRows + session.sends.heldRows;
      if (restarted) next.repeats = true;
    }
    await tx.objectStore('imports').put(next);
    await tx.done;
  } catch (error) {
    // The rows taken for this batch's blocks were not written: the import cannot go on. A full disk
    // fails it at once, and what it staged is dropped (its room is free again).
    sessions.drop(batch.importId);
    const reported = await failedWrite(tx, error);
    if (errorCode(reported) === 'storage_full') await failImport(db, batch.importId, errorText(reported));
    throw reported;
  }
}

/**
 * Adds staged blocks (never over a stored one: a clash aborts the transaction); returns their rows, and
 * counts the blocks and notes their account keys in `written`.
 */
function addBlocks(store: IDBObjectStore, blocks: ReadonlyArray<RowBlock>, written: { blocks: number; under: Set<string> }): number {
  let rows = 0;
  for (const block of blocks) {
    store.add(packBlock(block));
    rows += block.ids.length;
    written.under.add(block.accountId);
  }
  written.blocks += blocks.length;
  return rows;
}

/**
 * The batch's account facts that differ from those its keys were last staged with (most batches of a
 * file repeat what earlier ones said of an account: the commit would merge them for nothing).
 */
function changedFacts(session: StagingSession, facts: readonly AccountFacts[]): AccountFacts[] {
  if (session.facts.size > SESSION_MEMORY) session.facts.clear();
  return facts.filter((f) => {
    const last = session.facts.get(f.id);
    if (last && sameFacts(last, f)) return false;
    session.facts.set(f.id, f);
    return true;
  });
}

/** The people whose answer in the batch is newer than any staged before for them. */
function newPeople(session: StagingSession, people: readonly Respondent[]): Respondent[] {
  if (session.people.size > SESSION_MEMORY) session.people.clear();
  return people.filter((person) => {
    const id = `${person.accountId}\u0000${person.key}`;
    const last = session.people.get(id);
    if (last !== undefined && last >= person.lastRespondedAt) return false;
    session.people.set(id, person.lastRespondedAt);
    return true;
  });
}

/** The respondents of a batch's responses, each with their newest answer. */
function batchPeople(responses: readonly SurveyResponse[]): Respondent[] {
  const people = new Map<string, Respondent>();
  for (const response of responses) {
    const person = respondentOf(response);
    if (!person) continue;
    const id = `${person.accountId}\u0000${person.key}`;
    const known = people.get(id);
    if (!known || known.lastRespondedAt < person.lastRespondedAt) people.set(id, person);
  }
  return [...people.values()];
}

/**
 * The end of an import's reading: the rows still waiting in memory are written to staged blocks and the
 * import becomes `committing`, in one transaction. From here everything the commit needs is stored (a
 * commit cut off is redone at start-up). A full disk fails the import and drops what it staged.
 */
export async function endImportStaging(db: NpsDatabase, sessions: StagingSessions, importId: string, totals: { imported: number; rejected: number }): Promise<ImportRecord> {
  try {
    return await finishStaging(db, sessions, importId, totals);
  } catch (error) {
    if (errorCode(error) === 'storage_full') await failImport(db, importId, errorText(error));
    throw error;
  }
}

async function finishStaging(db: NpsDatabase, sessions: StagingSessions, importId: string, totals: { imported: number; rejected: number }): Promise<ImportRecord> {
  const tx = db.transaction(['staging', 'imports', 'responseBlocks', 'sendBlocks'], 'readwrite');
  try {
    const record = await tx.objectStore('imports').get(importId);
    if (!record) throw new Error(`Unknown import ${importId}`);
    if (record.state !== 'staging') {
      await abortAndSettle(tx);
      return record;
    }
    const stagedRows = { ...(record.stagedRows ?? { responses: 0, sends: 0 }) };
    const blocks = { blocks: record.stagedBlocks ?? 0, under: new Set<string>() };
    let batches = record.batches;
    if (record.blockBase !== undefined) {
      if (sessions.lost(record)) {
        await abortAndSettle(tx);
        await failImport(db, importId, ROWS_LOST);
        throw new Error(ROWS_LOST);
      }
      const session = sessions.get(record)!;
      await numberResumed(bulk(tx.objectStore('responseBlocks')), session.responses, record);
      await numberResumed(bulk(tx.objectStore('sendBlocks')), session.sends, record);
      stagedRows.responses += addBlocks(bulk(tx.objectStore('responseBlocks')), session.responses.takeAll(), blocks);
      stagedRows.sends += addBlocks(bulk(tx.objectStore('sendBlocks')), session.sends.takeAll(), blocks);
      // Where these last blocks are, in a batch of their own (no rows, no accounts).
      if (blocks.under.size > 0) {
        await tx.objectStore('staging').put({ importId, seq: batches, accounts: [], responses: [], actions: [], sends: [], stagedUnder: [...blocks.under] });
        batches++;
      }
    }
    const next: ImportRecord = { ...record, state: 'committing', imported: totals.imported, rejected: totals.rejected, batches };
    if (record.blockBase !== undefined) Object.assign(next, { stagedRows, stagedBlocks: blocks.blocks, heldRows: 0 });
    await tx.objectStore('imports').put(next);
    await tx.done;
    sessions.drop(importId);
    return next;
  } catch (error) {
    sessions.drop(importId);
    throw await failedWrite(tx, error);
  }
}
