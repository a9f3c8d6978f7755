import type { ExportPreset } from './types';

/**
 * Microsoft Forms "Open results in Excel", saved as CSV: `ID`, `Start time`, `Completion time`, `Email`
 * (the literal `anonymous` for open forms), `Name`, then one column per question; dates `M/D/YY H:MM:SS`.
 */
export const microsoftForms: ExportPreset = {
  id: 'microsoft-forms',
  vendor: 'Microsoft Forms',
  docs: 'https://support.microsoft.com/forms',
  signature: ['starttime', 'completiontime'],
  columns: { id: 'response_id', completiontime: 'responded_at', email: 'respondent_email', name: 'respondent_name' },
  ignore: ['starttime', 'lastmodifiedtime'],
  dateOrder: 'mdy',
};
