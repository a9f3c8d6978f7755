import type { ExportPreset } from './types';

/**
 * Medallia-style relationship NPS exports: `Survey ID`, `Response Date`, `Likelihood to Recommend`
 * (0–10), `NPS Category`, `Comments`, `Customer Email`, `Account Name`, `Account ID`, `Region`.
 */
export const medallia: ExportPreset = {
  id: 'medallia',
  vendor: 'Medallia-style NPS export',
  docs: 'https://docs.medallia.com/en/agent-connect/reports-and-dashboards/export-responses-request-delivery-status',
  signature: ['likelihoodtorecommend', 'npscategory'],
  columns: { surveyid: 'response_id', responsedate: 'responded_at', comments: 'comment' },
};
