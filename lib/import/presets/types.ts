/**
 * A survey tool's export layout: how to recognise its files and what its columns mean where the
 * generic header matching would miss or misread them.
 */
import type { ImportField } from '../headers';
import type { DateOrder } from '../dates';

export interface ExportPreset {
  id: string;
  vendor: string;
  /** The vendor's public documentation of the export (or of the API objects the export mirrors). */
  docs: string;
  /** Labels (as `normaliseHeader` writes them) that a file of this vendor always has. */
  signature: readonly string[];
  /** Label (normalised) → field, winning over the generic aliases. */
  columns?: Readonly<Record<string, ImportField>>;
  /** Labels (normalised) that look like a field and are not one (Qualtrics' `StartDate`). */
  ignore?: readonly string[];
  /** The order the vendor writes slash dates in, used when every date of a file reads both ways. */
  dateOrder?: DateOrder;
  /** Rows are NPS answers only when this column holds one of these values (others are skipped, and counted). */
  onlyWhere?: { label: string; values: readonly string[] };
}
