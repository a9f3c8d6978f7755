/**
 * What an import saves when some rows are rejected. By default the valid rows are saved and the rest
 * reported; with "all or nothing" one rejected row means nothing is saved (the staged rows are dropped).
 */
import type { ImportSummary } from './stream';

export interface ImportOutcome {
  /** Whether the staged rows are committed. */
  commit: boolean;
  /** Rows saved: the valid rows, or none. */
  imported: number;
  rejected: number;
  /** Rows that were valid but not saved because another row was rejected. */
  withheld: number;
}

export function importOutcome(summary: Pick<ImportSummary, 'imported' | 'rejected'>, allOrNothing: boolean): ImportOutcome {
  if (allOrNothing && summary.rejected > 0) {
    return { commit: false, imported: 0, rejected: summary.rejected, withheld: summary.imported };
  }
  return { commit: true, imported: summary.imported, rejected: summary.rejected, withheld: 0 };
}

/**
 * Whether a batch is still worth staging. Under all-or-nothing, once a row has been rejected nothing
 * will be saved: the file is still read to the end so every rejected row is listed, but no more rows
 * are sent to the store.
 */
export function keepsStaging(rejectedSoFar: number, allOrNothing: boolean): boolean {
  return !(allOrNothing && rejectedSoFar > 0);
}
