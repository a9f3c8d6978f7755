import type { ExportPreset } from './types';

/**
 * Wootric (InMoment) responses export, the API's response object flattened: `id`, `score`, `text`,
 * `ip_address`, `origin_url`, `completed`, `excluded_from_calculations`, `created_at`, `updated_at`,
 * `end_user.email`, `end_user.external_id`, `end_user.properties.company`.
 */
export const wootric: ExportPreset = {
  id: 'wootric',
  vendor: 'Wootric / InMoment',
  docs: 'https://docs.wootric.com/api/#responses',
  signature: ['originurl', 'excludedfromcalculations'],
  columns: {
    id: 'response_id', text: 'comment', createdat: 'responded_at', enduseremail: 'respondent_email',
    enduserpropertiescompany: 'account_name', excludedfromcalculations: 'excluded',
  },
  ignore: ['updatedat', 'enduserexternalid', 'ipaddress'],
};
