import type { ExportPreset } from './types';

/**
 * SatisMeter responses export: `Id`, `Created`, `User Id`, `Email`, `Name`, `Score`, `Feedback`,
 * `Campaign`, `Method` (in-app, email), and the user traits sent with the survey (`Company`, `Plan`…).
 */
export const satismeter: ExportPreset = {
  id: 'satismeter',
  vendor: 'SatisMeter',
  docs: 'https://help.satismeter.com/',
  signature: ['userid', 'feedback', 'method', 'score'],
  columns: { id: 'response_id', created: 'responded_at', method: 'channel', company: 'account_name' },
  ignore: ['userid'],
};
