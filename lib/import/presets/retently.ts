import type { ExportPreset } from './types';

/**
 * Retently "Export feedback" CSV: `Date`, `Customer`, `Email`, `Company`, `Job title`, `Score`,
 * `Feedback`, `Campaign`, `Channel`, `Tags`.
 */
export const retently: ExportPreset = {
  id: 'retently',
  vendor: 'Retently',
  docs: 'https://help.retently.com/',
  signature: ['customer', 'feedback', 'campaign', 'score'],
  columns: { customer: 'respondent_name', company: 'account_name', jobtitle: 'respondent_title' },
};
