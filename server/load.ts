/**
 * Loading data into the reference source: CSV files through the project's own import (`lib/import`,
 * the same parsing and row rules as the extension), or the seeded sample data (`lib/sample`).
 */
import { openAsBlob, statSync } from 'node:fs';
import { formatRowError, importCsv, type ImportSummary } from '../lib/import';
import type { CsvSource } from '../lib/import';
import { generateSample } from '../lib/sample';
import { importFileOnThread } from './import-thread';
import type { SourceStorage } from './storage';

/** Records per batch written: fewer, larger statements for a file of any size. */
const LOAD_BATCH = 10_000;

export interface LoadOptions {
  /** Records per batch (default 10,000). */
  batchSize?: number;
  /** Read the file on a worker thread (default: files from 8 MiB up). */
  thread?: boolean;
}

export interface LoadReport {
  /** The file's path, or `sample:<kind>`. */
  source: string;
  summary: ImportSummary;
}

/**
 * Imports one CSV (responses, actions or sends, told apart by its headers) into the store, all or
 * nothing: a setup error (no header, unknown kind, missing column) or a failure mid-file leaves the
 * database as it was. Rejected rows are skipped and listed in the summary (`Row N: column — reason`).
 * The file is one transaction (on Postgres, other processes' batch writes wait for it).
 */
export async function loadCsv(store: SourceStorage, source: CsvSource, label: string, options: LoadOptions = {}): Promise<LoadReport> {
  const batchSize = options.batchSize ?? LOAD_BATCH;
  const summary = await store.bulk((write) => importCsv(source, { now: store.now(), batchSize, onBatch: (batch) => write(batch) }));
  return { source: label, summary };
}

/** Files from this size up are read on a worker thread while this one writes. */
const THREAD_MIN_BYTES = 8 * 1024 * 1024;

/** `loadCsv` of a file; a large one (or any, with `thread: true`) is read on a worker thread. */
export async function loadCsvFile(store: SourceStorage, path: string, options: LoadOptions = {}): Promise<LoadReport> {
  if (!(options.thread ?? statSync(path).size >= THREAD_MIN_BYTES)) return loadCsv(store, await openAsBlob(path), path, options);
  const batchSize = options.batchSize ?? LOAD_BATCH;
  const summary = await store.bulk((write) => importFileOnThread({ path, now: store.now(), batchSize }, write));
  return { source: path, summary };
}

export interface SampleLoadOptions {
  seed: number;
  /** Default 300 (the demo accounts included). */
  accounts?: number;
  /** The end of the sampled period; default the store's clock. */
  now?: number;
}

/** Generates the seeded sample (responses, actions, sends) and loads it through the same import. */
export async function loadSample(store: SourceStorage, options: SampleLoadOptions): Promise<LoadReport[]> {
  const sample = generateSample({ seed: options.seed, accounts: options.accounts, now: options.now ?? store.now() });
  return [
    await loadCsv(store, sample.responsesCsv, 'sample:responses'),
    await loadCsv(store, sample.actionsCsv, 'sample:actions'),
    await loadCsv(store, sample.sendsCsv, 'sample:sends'),
  ];
}

/** One line per file, then one per rejected row (the first `maxErrors`). */
export function describeLoad(report: LoadReport, maxErrors = 20): string[] {
  const { summary } = report;
  const lines = [
    `${report.source}: ${summary.kind}, ${summary.imported} imported, ${summary.rejected} rejected (${summary.rowsRead} rows)`,
  ];
  for (const error of summary.errors.slice(0, maxErrors)) lines.push(`  ${formatRowError(error)}`);
  if (summary.errorCount > maxErrors) lines.push(`  … and ${summary.errorCount - maxErrors} more`);
  return lines;
}
