/**
 * The survey tools whose export layouts the import knows (see README.md for each layout). A file is
 * the vendor's when it has every label of the vendor's signature, in any of its header rows; the most
 * specific signature wins.
 */
import { normaliseHeader } from '../headers';
import { asknicely } from './asknicely';
import { delighted, delightedWarehouse } from './delighted';
import { googleForms } from './google-forms';
import { hotjar } from './hotjar';
import { hubspotFeedback } from './hubspot';
import { medallia } from './medallia';
import { microsoftForms } from './microsoft-forms';
import { qualtrics } from './qualtrics';
import { retently } from './retently';
import { satismeter } from './satismeter';
import { surveymonkey } from './surveymonkey';
import { typeform } from './typeform';
import type { ExportPreset } from './types';
import { wootric } from './wootric';

export type { ExportPreset } from './types';

export const EXPORT_PRESETS: readonly ExportPreset[] = [
  qualtrics, surveymonkey, typeform, microsoftForms, googleForms, delighted, delightedWarehouse, asknicely, retently,
  wootric, hubspotFeedback, hotjar, satismeter, medallia,
];

/** The preset whose signature the file's labels hold (most labels first), or null. */
export function detectPreset(labels: readonly (readonly string[])[]): ExportPreset | null {
  const present = new Set(labels.flatMap((column) => column.map(normaliseHeader)));
  let found: ExportPreset | null = null;
  for (const preset of EXPORT_PRESETS) {
    if (!preset.signature.every((label) => present.has(label))) continue;
    if (!found || preset.signature.length > found.signature.length) found = preset;
  }
  return found;
}

export function presetById(id: string): ExportPreset | undefined {
  return EXPORT_PRESETS.find((preset) => preset.id === id);
}
