/**
 * Reading a large file on a worker thread while the main thread writes: parsing and validating a row
 * costs about as much as storing it, so a load of a million rows uses two cores instead of one. The
 * worker reads at most one batch ahead of what the main thread has taken (memory stays bounded), and a
 * failure on either side stops both.
 */
import { Worker } from 'node:worker_threads';
import { ImportSetupError, type ImportSetupProblem } from '../lib/import/setup-error';
import type { ImportBatch, ImportSummary } from '../lib/import';

export interface ThreadData {
  path: string;
  now: number;
  batchSize: number;
}

export type ThreadMessage =
  | { type: 'batch'; batch: ImportBatch }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'failed'; name: string; message: string; problem?: unknown };

/**
 * A larger young generation than the default: a batch's rows then die young instead of being promoted
 * and collected by full collections (the main thread's share is set where the server starts).
 */
const YOUNG_GENERATION_MB = 192;

/** The worker module runs under the same TypeScript loader as this process. */
const BOOT = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(
  new URL('./import-thread.worker.ts', import.meta.url).href,
)}); })`;

function revive(message: Extract<ThreadMessage, { type: 'failed' }>): Error {
  if (message.name === 'ImportSetupError' && message.problem) return new ImportSetupError(message.problem as ImportSetupProblem);
  const error = new Error(message.message);
  error.name = message.name;
  return error;
}

/** `importCsv` of a file on a worker thread; `onBatch` runs on this thread, awaited as there. */
export function importFileOnThread(data: ThreadData, onBatch: (batch: ImportBatch) => Promise<void>): Promise<ImportSummary> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, { eval: true, workerData: data, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
      void worker.terminate();
    };
    worker.on('message', (message: ThreadMessage) => {
      if (message.type === 'batch') {
        onBatch(message.batch).then(
          () => worker.postMessage('next'),
          (error: unknown) => settle(() => reject(error)),
        );
      } else if (message.type === 'done') settle(() => resolve(message.summary));
      else settle(() => reject(revive(message)));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the import thread stopped (exit code ${code}) before the file was read`))));
  });
}
