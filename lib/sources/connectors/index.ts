/** The survey tools a team can connect, by id. */
import { asknicely } from './asknicely';
import { qualtrics } from './qualtrics';
import { surveymonkey } from './surveymonkey';
import { typeform } from './typeform';
import type { ConnectorId, SurveyConnector } from './types';

export type * from './types';
export { ConnectorClient } from './client';

export const CONNECTORS: Readonly<Record<ConnectorId, SurveyConnector>> = { qualtrics, surveymonkey, typeform, asknicely };
export const CONNECTOR_IDS = Object.keys(CONNECTORS) as ConnectorId[];

/** How each vendor sends its token. */
export function authHeadersOf(id: ConnectorId): ((token: string) => Record<string, string>) | undefined {
  if (id === 'qualtrics') return (token) => ({ 'x-api-token': token });
  if (id === 'asknicely') return (token) => ({ 'x-apikey': token });
  return undefined;
}
