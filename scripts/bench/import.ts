/**
 * Import throughput on 1,000,000 generated response rows (not run by the unit tests). Budget: the whole
 * import, IndexedDB writes included, under 60 s, so parsing and validation must leave most of that to
 * the store.
 */
import { qualtricsCsvChunks, responsesCsvChunks } from '../../lib/sample/bulk-csv';
import { readRecords } from '../../lib/import/csvReader';
import { importCsv } from '../../lib/import/stream';

/** One figure; lower is better and the budget is its ceiling. */
export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
  budget: number;
}

const ROWS = 1_000_000;
const NOW = Date.UTC(2026, 3, 1);

export async function benchImport(rows = ROWS): Promise<BenchFigure[]> {
  const file = new Blob([...responsesCsvChunks({ seed: 1, rows, accounts: 2000, now: NOW, rowsPerChunk: 20_000 })]);

  let parseStart = performance.now();
  let records = 0;
  for await (const chunk of readRecords(file)) records += chunk.records.length;
  let parseSeconds = (performance.now() - parseStart) / 1000;
  if (records < rows) throw new Error(`read ${records} records of ${rows}`);
  // Second run: the figure after warm-up is the steady state a long import sees.
  parseStart = performance.now();
  for await (const chunk of readRecords(file)) records += chunk.records.length;
  parseSeconds = Math.min(parseSeconds, (performance.now() - parseStart) / 1000);

  let batches = 0;
  const summary = await importCsv(file, { now: NOW, onBatch: () => void batches++ });
  if (summary.imported !== rows) throw new Error(`imported ${summary.imported} of ${rows}: ${summary.errors[0]?.reason ?? ''}`);
  const importSeconds = summary.durationMs / 1000;

  // The same number of answers as a Qualtrics export: three header rows, accounts from email domains,
  // dates in the file's time zone.
  const qualtrics = new Blob([...qualtricsCsvChunks({ seed: 1, rows, accounts: 2000, now: NOW, rowsPerChunk: 20_000 })]);
  const surveySummary = await importCsv(qualtrics, { now: NOW, onBatch: () => undefined });
  if (surveySummary.imported + surveySummary.skipped.unassigned !== rows || surveySummary.detection.vendor?.id !== 'qualtrics') {
    throw new Error(`Qualtrics layout: imported ${surveySummary.imported} of ${rows}: ${surveySummary.errors[0]?.reason ?? ''}`);
  }
  const surveySeconds = surveySummary.durationMs / 1000;

  // Budgets: the whole 60 s import leaves at least half to IndexedDB; 10 µs a row is 100,000 rows/s.
  const perRow = (seconds: number) => (seconds * 1e6) / rows;
  return [
    { name: 'import.parse-only.per-row', value: perRow(parseSeconds), unit: 'µs', budget: 3 },
    { name: 'import.parse-validate.per-row', value: perRow(importSeconds), unit: 'µs', budget: 10 },
    { name: `import.parse-validate.rows-${rows}`, value: importSeconds, unit: 's', budget: (30 * rows) / ROWS },
    { name: 'import.qualtrics-layout.parse-validate.per-row', value: perRow(surveySeconds), unit: 'µs', budget: 10 },
  ];
}
