/**
 * What `importCsv` takes and gives: its options, the batches it hands the store, its progress, and the
 * summary (with how the file was read, for the import's preview).
 */
import type { Action, SurveyResponse, SurveySend } from '../model';
import type { AccountPreview } from './account-tally';
import type { ReadOptions } from './csvReader';
import type { AccountSource, HeaderAnalysis, ImportField, ImportKind, MappingOverride } from './headers';
import type { SkippedHeaderRow } from './layout';
import type { AccountFacts, ImportRowError } from './rows';
import type { DateOrder } from './dates';

export interface ImportProgress {
  /** Data rows read so far. */
  rows: number;
  bytes: number;
  totalBytes: number;
  rowsPerSecond: number;
}

export interface ImportBatch {
  responses: SurveyResponse[];
  actions: Action[];
  sends: SurveySend[];
  /** The accounts the batch's records belong to, merged per account id within the batch. */
  accounts: AccountFacts[];
  /** Every rejected row's errors in this batch. */
  errors: ImportRowError[];
}

export interface ImportOptions extends ReadOptions {
  /** Which of the three kinds the file is; detected from the headers when absent. */
  kind?: ImportKind;
  /** A manual mapping that overrides the automatic one for the fields it names. */
  mapping?: MappingOverride;
  /** The order of slash dates; detected from the whole file when absent and the file has slash dates. */
  dateOrder?: DateOrder;
  /** Records per `onBatch` call; default 2000. */
  batchSize?: number;
  /** Import time for `updatedAt`; default `Date.now()`. */
  now?: number;
  onProgress?(progress: ImportProgress): void;
  /** Awaited before reading on: a slow store slows the import down instead of filling memory. */
  onBatch(batch: ImportBatch): Promise<void> | void;
}

/** How the file was read: its vendor, header rows, columns and accounts (the import's preview). */
export interface ImportDetection {
  /** The survey tool whose export layout the file has. */
  vendor?: { id: string; name: string };
  /** Header rows after the first (question text, `Response` sub-headers, metadata), not read as responses. */
  headerRowsSkipped: SkippedHeaderRow[];
  accountFrom: AccountSource;
  scoreFoundBy?: HeaderAnalysis['scoreFoundBy'];
  timeZone?: string;
  /** The shape's signature, under which a correction of this file is remembered. */
  signature: string;
  /** The file was read with a correction remembered for its shape. */
  remembered?: boolean;
}

/** Rows that are neither responses nor errors. */
export interface ImportSkipped {
  /** The respondent skipped the NPS question. */
  noScore: number;
  /** Another survey type's answer (CSAT, CES) in a mixed export. */
  notNps: number;
  /** No account to put the response under: anonymous or free-mail respondents. */
  unassigned: number;
  /** The first of those respondents' addresses, with how many rows each. */
  unassignedEmails: Array<{ email: string; rows: number }>;
  unassignedAnonymous: number;
}

export interface ImportSummary {
  kind: ImportKind;
  detection: ImportDetection;
  skipped: ImportSkipped;
  /** The accounts the file fills, most responses first (at most 50), with the NPS it gives each. */
  accounts: AccountPreview[];
  accountCount: number;
  /** The first responses as they are stored. */
  firstRecords: SurveyResponse[];
  /** Data rows (blank rows are skipped and not counted). */
  rowsRead: number;
  imported: number;
  rejected: number;
  /** The first 1000 errors. */
  errors: ImportRowError[];
  errorCount: number;
  unknownHeaders: string[];
  /** Field → the header as written. */
  mapping: Partial<Record<ImportField, string>>;
  durationMs: number;
  delimiter: string;
  encoding: string;
  dateOrder?: DateOrder;
}
