import type { ExportPreset } from './types';

/**
 * Typeform results CSV: `#` (the response token), one column per question by its title, hidden fields,
 * then `Start Date (UTC)`, `Submit Date (UTC)`, `Network ID`, `Tags`.
 */
export const typeform: ExportPreset = {
  id: 'typeform',
  vendor: 'Typeform',
  docs: 'https://www.typeform.com/help/',
  signature: ['submitdateutc', 'networkid'],
  columns: { '#': 'response_id', submitdateutc: 'responded_at' },
  ignore: ['startdateutc'],
};
