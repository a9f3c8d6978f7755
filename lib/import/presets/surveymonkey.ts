import type { ExportPreset } from './types';

/**
 * SurveyMonkey "All responses data" CSV: two header rows (the question text, then `Response` /
 * `Open-Ended Response` under each answer column); dates `MM/DD/YYYY hh:mm:ss AM`.
 */
export const surveymonkey: ExportPreset = {
  id: 'surveymonkey',
  vendor: 'SurveyMonkey',
  docs: 'https://help.surveymonkey.com/',
  signature: ['respondentid', 'collectorid'],
  columns: { respondentid: 'response_id', enddate: 'responded_at', emailaddress: 'respondent_email' },
  ignore: ['startdate', 'collectorid'],
  dateOrder: 'mdy',
};
