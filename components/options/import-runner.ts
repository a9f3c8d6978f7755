/**
 * One import of one file, as the options page runs it (the import section, the onboarding and the
 * sample data alike): the worker parses and validates the file off the page's thread; each batch is
 * staged in the background; the import is committed only when the whole file has been read, so a
 * failed or cancelled import leaves the stored data exactly as it was.
 */
import { errorText, errorWordsOf, type ErrorWords } from '../../lib/core/errors';
import { createLogger } from '../../lib/core/log';
import {
  importOutcome, keepsStaging,
  type ImportOutcome, type ImportProgress, type ImportRowError, type ImportSetupProblem, type ImportSummary,
} from '../../lib/import';
import type { FromWorker, ImportChoices, ToWorker } from '../../lib/import/worker-protocol';
import ImportWorker from '../../lib/import/import.worker.ts?worker';
import { call } from '../../lib/messaging/client';

/** Errors kept for the downloadable report: enough for any real file, bounded for a broken one. */
const MAX_ERRORS_KEPT = 1_000_000;

const log = createLogger('import');

export interface ImportRunOptions extends ImportChoices {
  /** One rejected row means nothing from the file is saved (the errors are still all listed). */
  allOrNothing?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** The whole file was read; the background is committing it. */
  onCommitting?: () => void;
  /**
   * Asked once the whole file is read and staged, before anything is saved: true saves it, false drops
   * it (the result is then `cancelled`). Absent, a file that can be saved is saved.
   */
  review?: (summary: ImportSummary) => Promise<boolean>;
}

export type ImportRunResult =
  | { type: 'done'; summary: ImportSummary; outcome: ImportOutcome; errors: ImportRowError[] }
  /** The file needs a decision (its kind, a column mapping, the order of dates) before it can be read. */
  | { type: 'setup'; problem: ImportSetupProblem; message: string; headers: string[]; sample: string[][]; signature: string }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string; words?: ErrorWords };

export interface ImportRun {
  readonly result: Promise<ImportRunResult>;
  /** Asks the worker to stop; the result is then `cancelled`, and nothing is saved. */
  cancel(): void;
  /** Ends the worker at once (the page is going away). */
  stop(): void;
}

/** Rows (not errors: a row may have several) rejected in a batch. */
function rejectedRows(errors: readonly ImportRowError[]): number {
  return new Set(errors.map((e) => e.row)).size;
}

export function runImport(file: File, options: ImportRunOptions = {}): ImportRun {
  const { allOrNothing = false, onProgress, onCommitting, review, ...choices } = options;
  const worker = new ImportWorker();
  const send = (message: ToWorker) => worker.postMessage(message);
  let importId: string | undefined;
  let rejectedSoFar = 0;
  let stagingDropped = false;
  // Every rejected row, for the downloadable report (the page lists the first thousand).
  const errors: ImportRowError[] = [];

  /** Drops what was staged: nothing of this file will be saved. */
  const abandon = async () => {
    if (importId && !stagingDropped) {
      // The background also drops stagings nobody finishes; a failure here is recorded, not fatal.
      await call('cancelImport', { importId }).catch(log.failed('dropping a staged import'));
    }
    stagingDropped = true;
  };
  const begin = async (kind: ImportSummary['kind']) =>
    (importId ??= (await call('beginImport', { fileName: file.name, kind })).importId);

  const result = new Promise<ImportRunResult>((resolve) => {
    const finish = async (outcome: ImportRunResult) => {
      if (outcome.type !== 'done' || !outcome.outcome.commit) await abandon();
      worker.terminate();
      resolve(outcome);
    };
    const handle = async (message: FromWorker) => {
      try {
        switch (message.type) {
          case 'progress':
            onProgress?.(message.progress);
            break;
          case 'batch': {
            const { accounts, responses, actions, sends, errors: rejected } = message.batch;
            if (errors.length < MAX_ERRORS_KEPT) errors.push(...rejected);
            rejectedSoFar += rejectedRows(rejected);
            if (keepsStaging(rejectedSoFar, allOrNothing)) {
              const id = await begin(message.kind);
              await call('stageImportBatch', { importId: id, seq: message.seq, accounts, responses, actions, sends });
            } else {
              // All or nothing, and a row was rejected: nothing will be saved; read on only to list the errors.
              await abandon();
            }
            send({ type: 'ack', seq: message.seq });
            break;
          }
          case 'done': {
            const outcome = importOutcome(message.summary, allOrNothing);
            if (outcome.commit && review && !(await review(message.summary))) {
              await finish({ type: 'cancelled' });
              break;
            }
            if (outcome.commit) {
              const id = await begin(message.summary.kind);
              const totals = { importId: id, imported: message.summary.imported, rejected: message.summary.rejected };
              // Every row stored (staged) first: from "Saving…" on, the background finishes the import
              // even if its worker is stopped meanwhile.
              await call('endImportStaging', totals);
              onCommitting?.();
              await call('commitImport', totals);
            }
            await finish({ type: 'done', summary: message.summary, outcome, errors });
            break;
          }
          case 'setup':
            await finish({ type: 'setup', problem: message.problem, message: message.message, headers: message.headers, sample: message.sample, signature: message.signature });
            break;
          case 'cancelled':
            await finish({ type: 'cancelled' });
            break;
          case 'failed':
            await finish({ type: 'failed', message: message.message });
            break;
        }
      } catch (error) {
        send({ type: 'cancel' });
        await finish({ type: 'failed', message: errorText(error), words: errorWordsOf(error) });
      }
    };
    // One message at a time, in order: two batches in flight must not each begin an import, and a
    // batch is acknowledged only once it and every batch before it are staged.
    let queue = Promise.resolve();
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      queue = queue.then(() => handle(event.data));
    };
  });
  send({ type: 'start', file, ...choices });
  return { result, cancel: () => send({ type: 'cancel' }), stop: () => worker.terminate() };
}
