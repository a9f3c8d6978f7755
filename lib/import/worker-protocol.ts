/**
 * Messages between the options page and its import worker. The worker parses and validates the CSV
 * off the page's UI thread; the page relays each batch to the background, which alone writes.
 */
import type { ImportBatch, ImportKind, ImportProgress, ImportSetupProblem, ImportSummary, MappingOverride } from './index';
import type { DateOrder } from './dates';

/** What the person decided when the file needed it: its kind, a column mapping, the order of dates. */
export interface ImportChoices {
  kind?: ImportKind;
  mapping?: MappingOverride;
  dateOrder?: DateOrder;
  /** Corrections remembered by file shape: used when the file has one of these shapes and no choice was made. */
  remembered?: Record<string, { kind: ImportKind; mapping: MappingOverride; dateOrder?: DateOrder }>;
}

export type ToWorker =
  | ({ type: 'start'; file: Blob } & ImportChoices)
  | { type: 'ack'; seq: number }
  | { type: 'cancel' };

export type FromWorker =
  | { type: 'batch'; seq: number; kind: ImportSummary['kind']; batch: ImportBatch }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; summary: ImportSummary }
  /** The file needs a decision; `sample` holds its first data rows, to help with a mapping. */
  | { type: 'setup'; problem: ImportSetupProblem; message: string; headers: string[]; sample: string[][]; signature: string }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };
