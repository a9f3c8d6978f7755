/** The connectors' ids and a survey selection as the protocol and the stored settings validate them; what the options page is told. */
import { z } from 'zod';
import type { ConnectorId, ConnectorRow, QuestionInfo, SurveyInfo } from './types';
import type { ImportRowError } from '../../import/row-context';
import type { ErrorWords } from '../../core/errors';

const IDS = ['qualtrics', 'surveymonkey', 'typeform', 'asknicely'] as const satisfies readonly ConnectorId[];
export const ConnectorIdSchema = z.enum(IDS);

export const SelectionSchema = z.object({
  surveyId: z.string().min(1).max(200),
  npsQuestionId: z.string().min(1).max(200),
  commentQuestionId: z.string().min(1).max(200).optional(),
  accountField: z.string().min(1).max(200).optional(),
  emailField: z.string().min(1).max(200).optional(),
});

/** One connector as the options page shows it (never its token). */
export interface ConnectorStatus {
  id: ConnectorId;
  vendor: string;
  docs: string;
  tokenHelp: string;
  defaultBaseUrl: string;
  /** Set up: the base URL saved with a token. */
  baseUrl?: string;
  hasToken: boolean;
  surveyName?: string;
  selection?: z.infer<typeof SelectionSchema>;
  lastSyncAt?: number;
  lastImported?: number;
  lastUnassigned?: number;
  lastError?: string;
  lastErrorWords?: ErrorWords;
  syncing: boolean;
  progress?: { pages: number; answers: number };
}

export interface ConnectorPreview {
  /** The first answers as the vendor gives them. */
  rows: ConnectorRow[];
  /** Of the first page: answers that would be stored, and those without an account. */
  responses: number;
  unassigned: number;
  /** Problems with the first page's answers, which would stop a sync (the UI words them: `rowErrorText`). */
  problems: ImportRowError[];
  more: boolean;
}

export type { ConnectorRow, QuestionInfo, SurveyInfo };
