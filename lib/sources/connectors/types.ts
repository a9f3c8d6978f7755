/**
 * A survey-tool connector: pulls NPS answers straight from a survey tool's API, page by page from a
 * stored cursor. Each vendor is one folder behind this interface, as each CRM is behind `CrmAdapter`.
 * Connectors never store anything: the background's connector sync (`lib/background/connector-sync.ts`)
 * turns their rows into responses through the import's own rules and commits them as an import is.
 */
import type { ConnectorClient } from './client';

export type ConnectorId = 'qualtrics' | 'surveymonkey' | 'typeform' | 'asknicely';

export interface SurveyInfo {
  id: string;
  name: string;
}

export interface QuestionInfo {
  id: string;
  text: string;
  /** What the connector reads it as: the NPS question, a free-text answer, the respondent's email, a company. */
  kind: 'nps' | 'text' | 'email' | 'company' | 'other';
}

/** Which survey and which of its questions and fields the connector reads. */
export interface ConnectorSelection {
  surveyId: string;
  npsQuestionId: string;
  commentQuestionId?: string;
  /** The field naming the respondent's company (a hidden field, an embedded or custom field). */
  accountField?: string;
  /** The field holding the respondent's email, when the vendor does not give it on the response. */
  emailField?: string;
}

/** One NPS answer as the vendor gives it. */
export interface ConnectorRow {
  /** The vendor's id of the response: re-pulling it updates, never duplicates. */
  externalId: string;
  score: number;
  /** Epoch ms. */
  answeredAt: number;
  email?: string;
  name?: string;
  /** The company, when the selection names a field for it. */
  account?: string;
  comment?: string;
}

export interface ConnectorPage {
  rows: ConnectorRow[];
  /** Where the next page starts; stored once this page's rows are committed. Opaque. */
  cursor: string;
  hasMore: boolean;
}

export interface SurveyConnector {
  readonly id: ConnectorId;
  readonly vendor: string;
  /** The vendor's API documentation the connector follows. */
  readonly docs: string;
  /** The API's base URL unless the account names its own (a Qualtrics data centre). */
  readonly defaultBaseUrl: string;
  /** Where the user finds the token, shown beside the field. */
  readonly tokenHelp: string;
  listSurveys(client: ConnectorClient, signal?: AbortSignal): Promise<SurveyInfo[]>;
  /** The survey's questions, the NPS one marked `nps` when the vendor says which it is. */
  listQuestions(client: ConnectorClient, surveyId: string, signal?: AbortSignal): Promise<QuestionInfo[]>;
  /** The page of answers after `cursor` (null: from the beginning). */
  pull(client: ConnectorClient, selection: ConnectorSelection, cursor: string | null, signal?: AbortSignal): Promise<ConnectorPage>;
}
