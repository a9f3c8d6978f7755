/**
 * "Load sample data" in the onboarding: the seeded sample (lib/sample) imported through the same path
 * as a user's CSV — parsed in the import worker, staged in the background, committed whole.
 */
import type { ImportSummary } from '../../lib/import';
import { DEMO_ACCOUNTS, generateSample } from '../../lib/sample';
import { runImport } from './import-runner';

/** The sample's best-known account, which the demo page shows. */
export const SAMPLE_DEMO_ACCOUNT = DEMO_ACCOUNTS[0]!.id;

/** Imports one CSV text; resolves with its summary, rejects (having staged nothing that stays) on failure. */
async function importText(fileName: string, text: string): Promise<ImportSummary> {
  const result = await runImport(new File([text], fileName, { type: 'text/csv' })).result;
  if (result.type === 'done') return result.summary;
  throw new Error(result.type === 'cancelled' ? 'cancelled' : result.message);
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
