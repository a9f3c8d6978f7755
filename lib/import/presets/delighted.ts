import type { ExportPreset } from './types';

/**
 * Delighted "Download CSV" of a project's responses: `Response ID`, `Response timestamp`, `Score`,
 * `Comment`, `Person ID`, `Email`, `Name`, `Permalink`, `Delighted Source`, `Tags`, `Notes`, then one column
 * per person property (`Company`, `Plan`…).
 */
export const delighted: ExportPreset = {
  id: 'delighted',
  vendor: 'Delighted',
  docs: 'https://help.delighted.com/',
  signature: ['responseid', 'responsetimestamp', 'permalink'],
  columns: { responsetimestamp: 'responded_at', email: 'respondent_email', name: 'respondent_name', company: 'account_name' },
  ignore: ['personid', 'delightedsource'],
};

/**
 * Delighted's survey response objects as a warehouse table (its API's `survey_responses` flattened by a
 * data sync): `id`, `person`, `survey_type` (nps, csat, ces…), `score`, `comment`, `permalink`,
 * `created_at` (Unix seconds), `updated_at`, `person_email`, `person_properties_company`. Only `nps` rows
 * are NPS answers.
 */
export const delightedWarehouse: ExportPreset = {
  id: 'delighted-warehouse',
  vendor: 'Delighted (warehouse table)',
  docs: 'https://delighted.com/docs/api/listing-survey-responses',
  signature: ['id', 'surveytype', 'permalink', 'createdat'],
  columns: {
    id: 'response_id', createdat: 'responded_at', personemail: 'respondent_email', personname: 'respondent_name',
    personpropertiescompany: 'account_name',
  },
  ignore: ['person', 'updatedat'],
  onlyWhere: { label: 'surveytype', values: ['nps'] },
};
