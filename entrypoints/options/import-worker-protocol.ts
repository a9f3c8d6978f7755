/**
 * Messages between the options page and its import worker. The worker parses and validates the CSV
 * off the page's UI thread; the page relays each batch to the background, which alone writes.
 */
import type { ImportBatch, ImportProgress, ImportSetupProblem, ImportSummary } from '../../lib/import';
import type { DateOrder } from '../../lib/import/values';

export type ToWorker =
  | { type: 'start'; file: Blob; dateOrder?: DateOrder }
  | { type: 'ack'; seq: number }
  | { type: 'cancel' };

export type FromWorker =
  | { type: 'batch'; seq: number; kind: ImportSummary['kind']; batch: ImportBatch }
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; summary: ImportSummary }
  | { type: 'setup'; problem: ImportSetupProblem; message: string }
  | { type: 'cancelled' }
  | { type: 'failed'; message: string };
