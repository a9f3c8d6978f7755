/**
 * The worker side of `import-thread.ts`: reads one CSV file with the project's import and hands each
 * batch to the main thread, reading the next only once the main thread has taken it.
 */
import { openAsBlob } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { importCsv } from '../lib/import';
import type { ThreadData, ThreadMessage } from './import-thread';

const port = parentPort!;
const { path, now, batchSize } = workerData as ThreadData;
let taken: (() => void) | undefined;
port.on('message', () => taken?.());
const send = (message: ThreadMessage) => port.postMessage(message);

try {
  const summary = await importCsv(await openAsBlob(path), {
    now, batchSize,
    onBatch: (batch) => new Promise<void>((resolve) => {
      taken = resolve;
      send({ type: 'batch', batch });
    }),
  });
  send({ type: 'done', summary });
} catch (error) {
  const problem = (error as { problem?: unknown }).problem;
  send({ type: 'failed', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error), problem });
}
