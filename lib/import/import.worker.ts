/// <reference lib="webworker" />
/**
 * The import worker: parses and validates a CSV file off the options page's UI thread. A batch is
 * read while the one before it is being staged by the background, and no further until that one is
 * acknowledged, so memory stays bounded (two batches) however large the file is.
 */
import { importCsv, ImportSetupError, previewCsv, type CsvPreview } from './index';
import type { FromWorker, ImportChoices, ToWorker } from './worker-protocol';
import { errorText } from '../core/errors';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromWorker) => scope.postMessage(message);

/** Batches sent and not yet acknowledged before reading stops. */
const IN_FLIGHT = 2;

let controller: AbortController | undefined;
/** The page stages batches in order, so one number says which are done. */
let highestAck = -1;
let onAck: (() => void) | undefined;

async function run(file: Blob, choices: ImportChoices) {
  controller = new AbortController();
  const { signal } = controller;
  let preview: CsvPreview | undefined;
  try {
    preview = await previewCsv(file, { rows: 3, kind: choices.kind, mapping: choices.mapping });
    // A file of a shape the person corrected before imports with the same choices.
    const remembered = choices.mapping || choices.kind ? undefined : choices.remembered?.[preview.shape.signature];
    if (remembered) {
      choices = { ...choices, kind: remembered.kind, mapping: remembered.mapping, dateOrder: choices.dateOrder ?? remembered.dateOrder };
      preview = await previewCsv(file, { rows: 3, kind: choices.kind, mapping: choices.mapping });
    }
    if (!preview.kind) {
      const problem = { code: 'unknown_kind', headers: preview.headers } as const;
      post({ type: 'setup', problem, message: new ImportSetupError(problem).message, headers: preview.headers, sample: preview.sample, signature: preview.shape.signature });
      return;
    }
    const kind = preview.kind;
    let seq = 0;
    let lastProgress = 0;
    const summary = await importCsv(file, {
      kind,
      mapping: choices.mapping,
      dateOrder: choices.dateOrder,
      signal,
      onProgress(progress) {
        const now = performance.now();
        if (now - lastProgress < 100) return;
        lastProgress = now;
        post({ type: 'progress', progress });
      },
      async onBatch(batch) {
        const mySeq = seq++;
        post({ type: 'batch', seq: mySeq, kind, batch });
        // Read on while this batch is staged, but no more than IN_FLIGHT batches ahead.
        await waitForAck(mySeq - IN_FLIGHT + 1, signal);
      },
    });
    // The summary follows only when every batch has been staged.
    await waitForAck(seq - 1, signal);
    if (remembered) summary.detection.remembered = true;
    post({ type: 'done', summary });
  } catch (error) {
    if (signal.aborted) post({ type: 'cancelled' });
    else if (error instanceof ImportSetupError) {
      post({ type: 'setup', problem: error.problem, message: error.message, headers: preview?.headers ?? [], sample: preview?.sample ?? [], signature: preview?.shape.signature ?? '' });
    } else post({ type: 'failed', message: errorText(error) });
  }
}

/** Resolves once batch `seq` (and so every batch before it) is acknowledged; at once for seq < 0. */
function waitForAck(seq: number, signal: AbortSignal): Promise<void> {
  if (seq <= highestAck) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener('abort', abort, { once: true });
    onAck = () => {
      if (seq > highestAck) return;
      onAck = undefined;
      signal.removeEventListener('abort', abort);
      resolve();
    };
  });
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  if (message.type === 'start') {
    highestAck = -1;
    void run(message.file, { kind: message.kind, mapping: message.mapping, dateOrder: message.dateOrder, remembered: message.remembered });
  } else if (message.type === 'ack') {
    highestAck = Math.max(highestAck, message.seq);
    onAck?.();
  } else if (message.type === 'cancel') controller?.abort();
}
