/**
 * `importCsv`: a whole CSV file → batches of model records for the store, with a summary. Pure: no
 * IndexedDB, no DOM; runs in a Web Worker or in Node.
 */
import type { Action, SurveyResponse, SurveySend } from '../model';
export type { AccountPreview } from './account-tally';
export type { SkippedHeaderRow } from './layout';
import { abortError, CsvEncodingError, readRecords, throwIfAborted, type CsvSource, type ReadOptions, type RecordChunk } from './csvReader';
import { normaliseHeader, type HeaderAnalysis, type ImportField, type ImportKind } from './headers';
import { analyseShape, isSurveyExport, readShape, type FileShape } from './file-shape';
import { AccountTally } from './account-tally';
import { FirstRows } from './first-rows';
import { BatchAccounts } from './batch-accounts';
import type { ImportBatch, ImportDetection, ImportOptions, ImportSkipped, ImportSummary } from './import-types';
import {
  createRowContext, rowToAction, rowToResponse, rowToSend,
  type ImportRowError, type RowContext, type RowResult,
} from './rows';
import type { RowSkip } from './row-context';
import { DateOrderDetector, isSlashDate, isTimeZone, type DateOrder, type DateOrderVerdict } from './dates';
import { ImportSetupError } from './setup-error';
import { hasHiddenCharacter } from './hidden-characters';
import { englishReason, rowProblem, type RowProblem } from './row-problem';
import {
  MAX_BATCH_CHARS, MAX_CELL_CHARS, extraCells, hiddenCharacter, isBlank, isMetadataRow, oversizedCell, repeatedId, rowSize,
} from './row-checks';

export { ImportSetupError, type ImportSetupProblem } from './setup-error';
export { MAX_BATCH_CHARS, MAX_CELL_CHARS } from './row-checks';

export type { ImportBatch, ImportDetection, ImportOptions, ImportProgress, ImportSkipped, ImportSummary } from './import-types';

const MAX_ERRORS_KEPT = 1000;
const MAX_UNASSIGNED_LISTED = 200;
const MAX_ACCOUNTS_PREVIEWED = 50;
const DATE_FIELDS: Record<ImportKind, ImportField[]> = {
  responses: ['responded_at'],
  actions: ['created_at', 'due_date'],
  sends: ['sent_at'],
};

type Converter = (row: readonly string[], mapping: HeaderAnalysis['columns'], ctx: RowContext) => RowResult<SurveyResponse | Action | SurveySend>;
const CONVERTERS: Record<ImportKind, Converter> = { responses: rowToResponse, actions: rowToAction, sends: rowToSend };

/** The reader's records, with a file that stops being UTF-8 part-way reported as a setup problem naming the row. */
async function* encodingChecked(records: AsyncGenerator<RecordChunk>): AsyncGenerator<RecordChunk> {
  try {
    yield* records;
  } catch (error) {
    if (error instanceof CsvEncodingError) throw new ImportSetupError({ code: 'bad_encoding', row: error.row, byte: error.byte });
    throw error;
  }
}

/** A problem of the whole record rather than one of its cells. */
function wholeRow(row: number, problem: RowProblem): ImportRowError {
  return { row, column: '', problem, reason: englishReason(problem) };
}

function setUp(shape: Omit<FileShape, 'delimiter' | 'encoding'>, options: Pick<ImportOptions, 'kind' | 'mapping'>): HeaderAnalysis {
  const kind = options.kind ?? shape.kind;
  if (!kind) throw new ImportSetupError({ code: 'unknown_kind', headers: shape.layout.headers });
  const analysis = analyseShape(shape, kind, options.mapping);
  if (analysis.missing.length > 0) throw new ImportSetupError({ code: 'missing_columns', analysis });
  if (analysis.duplicates.length > 0) throw new ImportSetupError({ code: 'duplicate_columns', analysis });
  return analysis;
}

function dateColumns(analysis: HeaderAnalysis): number[] {
  const columns: number[] = [];
  for (const field of DATE_FIELDS[analysis.kind]) {
    const column = analysis.columns[field];
    if (column !== undefined) columns.push(column);
  }
  return columns;
}

/**
 * Reads the whole file for the day/month order of its slash dates (a file is written by one tool, so
 * one value with a day over 12 settles every ambiguous one).
 */
export async function scanDateOrder(
  source: CsvSource,
  options: ReadOptions & Pick<ImportOptions, 'kind' | 'mapping'> = {},
): Promise<DateOrderVerdict> {
  const detector = new DateOrderDetector();
  const shape = await readShape(source, options);
  if (!shape) return detector.verdict();
  const columns = dateColumns(setUp(shape, options));
  for await (const chunk of readRecords(source, options)) {
    chunk.records.forEach((record, i) => {
      if (chunk.firstRecord + i <= shape.layout.headerRows) return;
      for (const column of columns) detector.add(record[column] ?? '', chunk.firstRecord + i);
    });
    if (detector.verdict().order === 'conflict') break;
  }
  return detector.verdict();
}

export interface CsvPreview {
  headers: string[];
  kind: ImportKind | null;
  /** Present when the kind is known (detected or given). */
  analysis?: HeaderAnalysis;
  /** The first data rows, as written. */
  sample: string[][];
  delimiter: string;
  encoding: string;
  /** Header rows, vendor, the shape's signature. */
  shape: FileShape;
}

/** The header rows and the first rows, for the manual mapping step. Reads only the start of the file. */
export async function previewCsv(
  source: CsvSource,
  options: ReadOptions & Pick<ImportOptions, 'kind' | 'mapping'> & { rows?: number } = {},
): Promise<CsvPreview> {
  const shape = await readShape(source, options);
  if (!shape) throw new ImportSetupError({ code: 'empty_file' });
  const kind = options.kind ?? shape.kind;
  const sample = shape.sample.slice(0, options.rows ?? 5);
  const preview: CsvPreview = { headers: shape.layout.headers, kind, sample, delimiter: shape.delimiter, encoding: shape.encoding, shape };
  if (kind) preview.analysis = analyseShape(shape, kind, options.mapping);
  return preview;
}

/**
 * Imports a responses, actions or survey sends CSV. Batches go to `onBatch` (awaited); the promise
 * resolves with the summary, or rejects with an `ImportSetupError` (the file needs a decision from the
 * user) or an `AbortError` (cancelled through `signal`; no `onBatch` call follows the abort).
 */
export async function importCsv(source: CsvSource, options: ImportOptions): Promise<ImportSummary> {
  const started = performance.now();
  const { signal } = options;
  throwIfAborted(signal);
  const batchSize = Math.max(1, options.batchSize ?? 2000);
  const now = options.now ?? Date.now();

  const shape = await readShape(source, options);
  if (!shape) throw new ImportSetupError({ code: 'empty_file' });
  const analysis = setUp(shape, options);
  const convert = CONVERTERS[analysis.kind];
  const dateOrder = options.dateOrder ?? (await decideDateOrder(source, options, analysis, shape));
  const surveyExport = isSurveyExport(shape);
  const onlyWhereColumn = shape.preset?.onlyWhere
    ? shape.layout.labels.findIndex((labels) => labels.some((label) => normaliseHeader(label) === shape.preset!.onlyWhere!.label))
    : -1;
  const ctx = createRowContext(analysis.headers, now, dateOrder, {
    accountFrom: analysis.accountFrom,
    surveyExport,
    ...(shape.layout.timeZone && isTimeZone(shape.layout.timeZone) ? { timeZone: shape.layout.timeZone } : {}),
    ...(onlyWhereColumn >= 0 ? { onlyWhere: { column: onlyWhereColumn, values: new Set(shape.preset!.onlyWhere!.values) } } : {}),
  });
  const skipped: ImportSkipped = { noScore: 0, notNps: 0, unassigned: 0, unassignedEmails: [], unassignedAnonymous: 0 };
  const unassignedRows = new Map<string, number>();
  const tally = new AccountTally();
  const firstRecords: SurveyResponse[] = [];
  let rowsRead = 0;
  let imported = 0;
  let rejected = 0;
  let errorCount = 0;
  const keptErrors: ImportRowError[] = [];
  let delimiter = ',';
  let encoding = 'utf-8';

  let batch: ImportBatch = { responses: [], actions: [], sends: [], accounts: [], errors: [] };
  const batchAccounts = new BatchAccounts();
  let batchRows = 0;
  let batchChars = 0;
  // The row each response or action id was first seen on: a second row with the same id would be stored
  // over the first (one record from two rows), so it is reported instead.
  const firstRows = new FirstRows();

  const flush = async () => {
    if (batchRows === 0) return;
    throwIfAborted(signal);
    batch.accounts = batchAccounts.take();
    const full = batch;
    batch = { responses: [], actions: [], sends: [], accounts: [], errors: [] };
    batchRows = 0;
    batchChars = 0;
    await options.onBatch(full);
    throwIfAborted(signal);
  };

  const countSkip = (skip: RowSkip) => {
    if (skip.reason === 'no_score') skipped.noScore++;
    else if (skip.reason === 'not_nps') skipped.notNps++;
    else {
      skipped.unassigned++;
      if (skip.email === undefined) skipped.unassignedAnonymous++;
      else if (unassignedRows.has(skip.email) || unassignedRows.size < MAX_UNASSIGNED_LISTED) unassignedRows.set(skip.email, (unassignedRows.get(skip.email) ?? 0) + 1);
    }
  };

  const reject = (errors: ImportRowError[]) => {
    rejected++;
    errorCount += errors.length;
    for (const error of errors) {
      if (keptErrors.length < MAX_ERRORS_KEPT) keptErrors.push(error);
      batch.errors.push(error);
    }
  };

  for await (const chunk of encodingChecked(readRecords(source, options))) {
    delimiter = chunk.delimiter;
    encoding = chunk.encoding;
    const malformed = chunk.malformed.length > 0 ? new Set(chunk.malformed) : null;
    if (chunk.unclosed !== null) {
      // The rest of the file became one cell: its rows would be neither stored nor reported one by one.
      const record = chunk.records[chunk.unclosed - chunk.firstRecord] ?? [];
      const lines = record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
      if (lines > 0) throw new ImportSetupError({ code: 'unclosed_quote', row: chunk.unclosed, lines });
    }
    const { records } = chunk;
    // One scan of the chunk's text: the rows of a chunk without a hidden character need no check of
    // their own (checking each row's cells cost about 0.7 µs a row).
    const hiddenCharacters = hasHiddenCharacter(chunk.text);
    for (let i = 0; i < records.length; i++) {
      const record = records[i] as string[];
      const rowNumber = chunk.firstRecord + i;
      if (rowNumber <= shape.layout.headerRows) continue;
      if (isBlank(record) || (rowNumber <= 3 && isMetadataRow(record))) continue;
      rowsRead++;
      const rowCtx = ctx;
      rowCtx.row = rowNumber;
      const extra = extraCells(record, analysis.headers.length);
      const size = rowSize(record);
      const oversized = size > MAX_CELL_CHARS ? oversizedCell(record, analysis) : null;
      const cellProblem = oversized ?? (malformed?.has(rowNumber) || extra > 0 || !hiddenCharacters ? null : hiddenCharacter(record, analysis));
      if (cellProblem) {
        reject([{ row: rowNumber, ...cellProblem }]);
      } else if (malformed?.has(rowNumber)) {
        reject([wholeRow(rowNumber, rowProblem('malformed_quote'))]);
      } else if (extra > 0) {
        reject([wholeRow(rowNumber, rowProblem('extra_cells', { cells: analysis.headers.length + extra, width: analysis.headers.length, delimiter }))]);
      } else {
        const result = convert(record, analysis.columns, rowCtx);
        if (!result.ok && result.skip) {
          countSkip(result.skip);
          batchChars += size;
          if (++batchRows >= batchSize || batchChars >= MAX_BATCH_CHARS) await flush();
          continue;
        }
        const repeated = result.ok && analysis.kind !== 'sends' ? repeatedId(analysis, firstRows, (result.record as { id: string }).id, rowNumber) : null;
        if (repeated) reject([repeated]);
        else if (result.ok) {
          imported++;
          const target = analysis.kind === 'responses' ? batch.responses : analysis.kind === 'actions' ? batch.actions : batch.sends;
          (target as unknown[]).push(result.record);
          const facts = result.account;
          if (analysis.kind === 'responses') {
            tally.add(facts, result.record as SurveyResponse);
            if (firstRecords.length < 5) firstRecords.push(result.record as SurveyResponse);
          }
          batchAccounts.add(facts);
        } else {
          reject(result.errors);
        }
      }
      batchChars += size;
      // A batch goes to the background in one message: long comments end it early, far below the
      // browser's 64 MiB message limit.
      if (++batchRows >= batchSize || batchChars >= MAX_BATCH_CHARS) await flush();
    }
    throwIfAborted(signal);
    if (options.onProgress) {
      const seconds = (performance.now() - started) / 1000;
      options.onProgress({ rows: rowsRead, bytes: chunk.bytes, totalBytes: chunk.totalBytes, rowsPerSecond: seconds > 0 ? rowsRead / seconds : 0 });
    }
  }
  await flush();
  if (signal?.aborted) throw abortError(signal);

  skipped.unassignedEmails = [...unassignedRows].map(([email, rows]) => ({ email, rows }));
  const detection: ImportDetection = {
    headerRowsSkipped: shape.layout.skipped,
    accountFrom: analysis.accountFrom,
    signature: shape.signature,
  };
  if (shape.preset) detection.vendor = { id: shape.preset.id, name: shape.preset.vendor };
  if (analysis.scoreFoundBy) detection.scoreFoundBy = analysis.scoreFoundBy;
  if (ctx.timeZone) detection.timeZone = ctx.timeZone;
  const summary: ImportSummary = {
    kind: analysis.kind,
    detection,
    skipped,
    accounts: tally.top(MAX_ACCOUNTS_PREVIEWED),
    accountCount: tally.size,
    firstRecords,
    rowsRead,
    imported,
    rejected,
    errors: keptErrors,
    errorCount,
    unknownHeaders: analysis.unknownHeaders,
    mapping: analysis.mapping,
    durationMs: performance.now() - started,
    delimiter,
    encoding,
  };
  if (dateOrder) summary.dateOrder = dateOrder;
  return summary;
}

/**
 * When the first records hold slash dates, the whole file decides their order (or the user must, unless
 * the file's vendor always writes one order).
 */
async function decideDateOrder(
  source: CsvSource,
  options: ImportOptions,
  analysis: HeaderAnalysis,
  shape: FileShape,
): Promise<DateOrder | undefined> {
  const columns = dateColumns(analysis);
  const hasSlashDates = shape.sample.some((record) => columns.some((column) => isSlashDate(record[column] ?? '')));
  if (!hasSlashDates) return undefined;
  const verdict = await scanDateOrder(source, { ...options, kind: analysis.kind });
  switch (verdict.order) {
    case 'dmy':
    case 'mdy':
      return verdict.order;
    case 'ask':
      if (shape.preset?.dateOrder) return shape.preset.dateOrder;
      throw new ImportSetupError({ code: 'date_order_ambiguous', analysis, example: verdict.example });
    case 'conflict':
      throw new ImportSetupError({ code: 'date_order_conflict', analysis, verdict });
    case 'none':
      return undefined;
  }
}
