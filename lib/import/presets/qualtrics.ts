import type { ExportPreset } from './types';

/**
 * Qualtrics "Export Data" CSV: three header rows (column ids such as `Q1`, the question text, and
 * `{"ImportId":…}` metadata naming the time zone), then one row per response. The NPS question is `Q1`
 * with its `Q1_NPS_GROUP` companion; `DistributionChannel` is `anonymous` for the anonymous link.
 */
export const qualtrics: ExportPreset = {
  id: 'qualtrics',
  vendor: 'Qualtrics',
  docs: 'https://www.qualtrics.com/support/survey-platform/data-and-analysis-module/data/download-data/understanding-your-dataset/',
  signature: ['responseid', 'recordeddate', 'distributionchannel'],
  columns: {
    responseid: 'response_id',
    recordeddate: 'responded_at',
    recipientemail: 'respondent_email',
    recipientfirstname: 'respondent_first_name',
    recipientlastname: 'respondent_last_name',
    distributionchannel: 'channel',
  },
  ignore: ['startdate', 'enddate'],
};
