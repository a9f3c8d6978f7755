import type { ExportPreset } from './types';

/**
 * AskNicely responses export (the same fields as its `responses` API): `response_id`, `person_id`,
 * `name`, `email`, `answer` (the score), `answerlabel`, `comment`, `note`, `status`, `sent`, `opened`,
 * `responded` (Unix seconds), `segment`, `surveytemplate`, and custom contact fields such as `company`.
 */
export const asknicely: ExportPreset = {
  id: 'asknicely',
  vendor: 'AskNicely',
  docs: 'https://www.asknicely.com/',
  signature: ['answer', 'answerlabel', 'responded'],
  columns: { answer: 'score', responded: 'responded_at', responseid: 'response_id', surveytemplate: 'survey' },
  ignore: ['sent', 'opened', 'lastemailed', 'created', 'note', 'personid'],
};
