/**
 * What a file is, from its first records: its header rows (`layout.ts`), the survey tool that wrote it
 * (`presets/`), what each column means (`headers.ts`), and a signature of its shape under which a
 * person's correction is remembered for the next file like it.
 */
import { CsvEncodingError, readRecords, type CsvSource, type ReadOptions } from './csvReader';
import { ImportSetupError } from './setup-error';
import { analyseHeaders, detectKind, normaliseHeader, type ColumnShape, type HeaderAnalysis, type ImportKind, type MappingOverride } from './headers';
import { readLayout, type FileLayout } from './layout';
import { detectPreset, type ExportPreset } from './presets';
import { isBlank } from './row-checks';

/** Records read to tell a file's shape: the header rows and enough rows to see its columns' values. */
const HEAD_RECORDS = 40;

export interface FileShape {
  layout: FileLayout;
  preset: ExportPreset | null;
  /** What the header matching is given besides the first row. */
  columns: ColumnShape;
  /** The first data rows, as written. */
  sample: string[][];
  /** Null when nothing says what the file holds. */
  kind: ImportKind | null;
  /** The labels of every column, normalised: files with the same signature share a remembered mapping. */
  signature: string;
  delimiter: string;
  encoding: string;
}

/** The first `count` records (blank ones included, so row numbers hold), with the file's delimiter and encoding. */
export async function readHead(source: CsvSource, options: ReadOptions = {}, count = HEAD_RECORDS) {
  const records: string[][] = [];
  let delimiter = ',';
  let encoding = 'utf-8';
  try {
    for await (const chunk of readRecords(source, options)) {
      delimiter = chunk.delimiter;
      encoding = chunk.encoding;
      for (const record of chunk.records) {
        if (records.length < count) records.push(record);
      }
      if (records.length >= count) break;
    }
  } catch (error) {
    // A file that stops being UTF-8 within the first chunk: a setup problem naming the row.
    if (error instanceof CsvEncodingError) throw new ImportSetupError({ code: 'bad_encoding', row: error.row, byte: error.byte });
    throw error;
  }
  return { records, delimiter, encoding };
}

export function shapeOf(head: readonly string[][], kindGiven?: ImportKind): Omit<FileShape, 'delimiter' | 'encoding'> {
  const layout = readLayout(head, (first) => detectKind(first) !== null);
  const preset = detectPreset(layout.labels);
  const sample = head.slice(layout.headerRows).filter((record) => !isBlank(record)).slice(0, 20);
  const columns: ColumnShape = { labels: layout.labels, sample };
  if (preset?.columns) columns.columns = preset.columns;
  if (preset?.ignore) columns.ignore = preset.ignore;
  const kind = kindGiven ?? detectKind(layout.headers, columns);
  const signature = layout.labels.map((labels) => labels.map(normaliseHeader).join('|')).join('\u0001');
  return { layout, preset, columns, sample, kind, signature };
}

export async function readShape(source: CsvSource, options: ReadOptions & { kind?: ImportKind } = {}): Promise<FileShape | null> {
  const { records, delimiter, encoding } = await readHead(source, options);
  if (records.length === 0) return null;
  return { ...shapeOf(records, options.kind), delimiter, encoding };
}

/** The columns of a file of this shape, with a person's mapping over them. */
export function analyseShape(shape: Pick<FileShape, 'layout' | 'columns'>, kind: ImportKind, mapping?: MappingOverride): HeaderAnalysis {
  return analyseHeaders(shape.layout.headers, kind, mapping, shape.columns);
}

/** Whether the file is a survey tool's export rather than a CSV written for the import. */
export function isSurveyExport(shape: Pick<FileShape, 'layout' | 'preset'>): boolean {
  return shape.preset !== null || shape.layout.headerRows > 1;
}
