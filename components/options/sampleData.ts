/**
 * "Load sample data" in the onboarding: the seeded sample (lib/sample) imported through the same path
 * as a user's CSV — parsed in the import worker, staged in the background, committed whole.
 */
import type { ImportSummary } from '../../lib/import';
import { DEMO_ACCOUNTS, generateSample } from '../../lib/sample';
import { call } from '../../lib/messaging/client';
import type { FromWorker, ToWorker } from '../../lib/import/worker-protocol';
import ImportWorker from '../../lib/import/import.worker.ts?worker';

/** The sample's best-known account, which the demo page shows. */
export const SAMPLE_DEMO_ACCOUNT = DEMO_ACCOUNTS[0]!.id;

/** Imports one CSV text; resolves with its summary, rejects (having staged nothing that stays) on failure. */
function importText(fileName: string, text: string): Promise<ImportSummary> {
  return new Promise((resolve, reject) => {
    const worker = new ImportWorker();
    const send = (message: ToWorker) => worker.postMessage(message);
    let importId: string | undefined;
    const fail = async (error: unknown) => {
      worker.terminate();
      if (importId) await call('cancelImport', { importId }).catch(() => undefined);
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    // One message at a time, in order: two batches in flight must not each begin an import, and a
    // batch is acknowledged only once it and every batch before it are staged.
    let queue = Promise.resolve();
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      queue = queue.then(() => handle(event.data));
    };
    const handle = async (message: FromWorker) => {
      try {
        if (message.type === 'batch') {
          importId ??= (await call('beginImport', { fileName, kind: message.kind })).importId;
          const { accounts, responses, actions, sends } = message.batch;
          await call('stageImportBatch', { importId, seq: message.seq, accounts, responses, actions, sends });
          send({ type: 'ack', seq: message.seq });
        } else if (message.type === 'done') {
          importId ??= (await call('beginImport', { fileName, kind: message.summary.kind })).importId;
          await call('commitImport', { importId, imported: message.summary.imported, rejected: message.summary.rejected });
          worker.terminate();
          resolve(message.summary);
        } else if (message.type === 'setup' || message.type === 'failed') {
          await fail(new Error(message.message));
        } else if (message.type === 'cancelled') {
          await fail(new Error('cancelled'));
        }
      } catch (error) {
        await fail(error);
      }
    };
    send({ type: 'start', file: new File([text], fileName, { type: 'text/csv' }) });
  });
}

/** Generates and imports the sample: responses, then follow-up actions, then survey sends. */
export async function loadSampleData(onStep: (step: string) => void): Promise<{ responses: number; accounts: number }> {
  const sample = generateSample({ seed: 20261123, accounts: 150, now: Date.now() });
  onStep('responses');
  const responses = await importText('sample-responses.csv', sample.responsesCsv);
  onStep('follow-up actions');
  await importText('sample-actions.csv', sample.actionsCsv);
  onStep('survey sends');
  await importText('sample-sends.csv', sample.sendsCsv);
  return { responses: responses.imported, accounts: sample.accounts.length };
}
