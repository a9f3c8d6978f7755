import type { ExportPreset } from './types';

/**
 * Google Forms responses CSV (Responses → Download): `Timestamp` (`2026/03/05 10:22:33 AM GMT+1`),
 * `Email Address` when the form collects it, then one column per question by its title.
 */
export const googleForms: ExportPreset = {
  id: 'google-forms',
  vendor: 'Google Forms',
  docs: 'https://support.google.com/docs/answer/139706',
  signature: ['timestamp'],
  columns: { timestamp: 'responded_at', emailaddress: 'respondent_email' },
  dateOrder: 'mdy',
};
