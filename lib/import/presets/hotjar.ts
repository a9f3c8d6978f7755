import type { ExportPreset } from './types';

/**
 * Hotjar survey responses CSV: `Number`, `User`, `Date Submitted`, `Country`, `Source URL`, `Device`,
 * `Browser`, `OS`, `Hotjar User ID`, then one column per question by its text; an `Email` column when
 * the survey asks for it.
 */
export const hotjar: ExportPreset = {
  id: 'hotjar',
  vendor: 'Hotjar',
  docs: 'https://help.hotjar.com/',
  signature: ['sourceurl', 'hotjaruserid'],
  columns: { number: 'response_id', datesubmitted: 'responded_at' },
  ignore: ['user', 'country', 'device', 'browser', 'os'],
};
