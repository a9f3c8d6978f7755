import type { ExportPreset } from './types';

/**
 * HubSpot feedback submissions export (Service → Feedback surveys → Export): `Survey name`,
 * `Survey type` (NPS, CSAT, CES), `Submitted at`, `Rating`, `Response` (the written answer),
 * `Sentiment` (Promoter, Passive, Detractor), `Contact email`, `Associated company`.
 */
export const hubspotFeedback: ExportPreset = {
  id: 'hubspot-feedback',
  vendor: 'HubSpot feedback surveys',
  docs: 'https://knowledge.hubspot.com/customer-feedback',
  signature: ['surveytype', 'sentiment', 'rating'],
  columns: { rating: 'score', response: 'comment', associatedcompany: 'account_name', surveyname: 'survey' },
  ignore: ['sentiment'],
  onlyWhere: { label: 'surveytype', values: ['nps', 'net promoter score'] },
};
