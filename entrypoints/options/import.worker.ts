/// <reference lib="webworker" />
/**
 * The import worker: parses and validates a CSV file off the options page's UI thread. Each batch waits
 * for the page's acknowledgement (the background has staged it) before the next is read, so memory stays
 * bounded however large the file is.
 */
import { importCsv, ImportSetupError, previewCsv } from '../../lib/import';
import type { FromWorker, ToWorker } from './import-worker-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message);

let controller: AbortController | undefined;
const pendingAcks = new Map<number, () => void>();

async function run(file: Blob, dateOrder: Extract<ToWorker, { type: 'start' }>['dateOrder']) {
  controller = new AbortController();
  const { signal } = controller;
  try {
    const preview = await previewCsv(file, { rows: 1 });
    if (!preview.kind) {
      post({ type: 'setup', problem: { code: 'unknown_kind', headers: preview.headers }, message: new ImportSetupError({ code: 'unknown_kind', headers: preview.headers }).message });
      return;
    }
    const kind = preview.kind;
    let seq = 0;
    let lastProgress = 0;
    const summary = await importCsv(file, {
      kind,
      dateOrder,
      signal,
      onProgress(progress) {
        const now = performance.now();
        if (now - lastProgress < 100) return;
        lastProgress = now;
        post({ type: 'progress', progress });
      },
      onBatch(batch) {
        const mySeq = seq++;
        return new Promise<void>((resolve, reject) => {
          pendingAcks.set(mySeq, resolve);
          signal.addEventListener('abort', () => reject(signal.reason), { once: true });
          post({ type: 'batch', seq: mySeq, kind, batch });
        });
      },
    });
    post({ type: 'done', summary });
  } catch (error) {
    if (signal.aborted) post({ type: 'cancelled' });
    else if (error instanceof ImportSetupError) post({ type: 'setup', problem: error.problem, message: error.message });
    else post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'start') void run(message.file, message.dateOrder);
  else if (message.type === 'ack') {
    pendingAcks.get(message.seq)?.();
    pendingAcks.delete(message.seq);
  } else if (message.type === 'cancel') controller?.abort();
};
