/**
 * A comment's result as it is kept beside its response: its key apart and the result as JSON text,
 * decoded only where it is used. Apart from the result's schema (`insight.ts`), so that pages that show
 * results load no validation library.
 */
import type { StoredInsight } from './insight';

/**
 * How a result is kept in the store: its key apart, so that finding the comments still
 * to read looks at a string, and the result as JSON text, decoded only where it is used (`insightOf`).
 * Reading an account's 10,000 responses from IndexedDB took twice as long with every result stored as
 * nested objects (each object and array is rebuilt by the read); as text it costs about what the comment
 * does. A result stored before is an object in `insight` and is read as it is.
 */
export interface EncodedInsight {
  insightKey?: string;
  insightJson?: string;
}

/** A row's result in its stored form. */
export function encodeInsight(insight: StoredInsight): Required<EncodedInsight> {
  return { insightKey: insight.key, insightJson: JSON.stringify(insight) };
}

/** The key of the row's result, without decoding it. */
export function insightKeyOf(row: { insight?: StoredInsight | null } & EncodedInsight): string | undefined {
  return row.insightKey ?? row.insight?.key;
}

/**
 * The row's result, decoded from its stored text the first time it is asked for (then kept on the row).
 * Text that is not a result (a corrupt record) reads as no result: the comment is read again.
 */
export function insightOf(row: { insight?: StoredInsight | null } & EncodedInsight): StoredInsight | undefined {
  if (row.insight) return row.insight;
  if (row.insightJson === undefined) return undefined;
  const value = decoded(row.insightJson);
  return value ? (row.insight = value) : undefined;
}

/**
 * The text as a result, checked for the shape its readers rely on (results are validated when they are
 * made; a full schema check here would cost more than the read it saves).
 */
function decoded(text: string): StoredInsight | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const v = value as Partial<StoredInsight> | null;
  return v && typeof v === 'object' && typeof v.key === 'string' && typeof v.analysed === 'boolean' && Array.isArray(v.themes) && Array.isArray(v.emotions) ? (v as StoredInsight) : undefined;
}

/** The row as pages and files see it: its result decoded into `insight`, the stored text left out. */
export function withInsightDecoded<T extends { insight?: StoredInsight | null } & EncodedInsight>(row: T): T {
  if (row.insightJson === undefined && row.insightKey === undefined) return row;
  const insight = insightOf(row);
  const { insightKey: _key, insightJson: _json, ...rest } = row;
  return (insight ? { ...rest, insight } : rest) as T;
}
