import { useEffect, useId, useRef, useState } from 'react';
import { formatRowError, type ImportProgress, type ImportRowError, type ImportSummary } from '../lib/import';
import { toSafeCsv } from '../lib/export/csv';
import type { DateOrder } from '../lib/import/values';
import { call } from '../lib/service/client';
import type { FromWorker, ToWorker } from '../entrypoints/options/import-worker-protocol';
import ImportWorker from '../entrypoints/options/import.worker.ts?worker';

type ImportStatus =
  | { phase: 'idle' }
  | { phase: 'reading'; fileName: string; progress?: ImportProgress }
  | { phase: 'committing'; fileName: string }
  | { phase: 'done'; fileName: string; summary: ImportSummary; allErrors: ImportRowError[] }
  | { phase: 'needs-date-order'; file: File; message: string }
  | { phase: 'failed'; fileName: string; message: string }
  | { phase: 'cancelled'; fileName: string };

const MAX_ERRORS_SHOWN = 1000;
/** Errors kept for the downloadable report: enough for any real file, bounded for a broken one. */
const MAX_ERRORS_KEPT = 1_000_000;

function downloadErrors(fileName: string, errors: ImportRowError[]) {
  const csv = toSafeCsv(errors, ['row', 'column', 'value', 'reason']);
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${fileName.replace(/\.[^.]+$/, '')}-rejected-rows.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
const numberFormat = new Intl.NumberFormat();

/**
 * Imports a responses, actions or survey sends CSV: parsed in a worker, staged batch by batch in the
 * background, and committed only when the whole file has been read, so a failed or cancelled import
 * leaves the stored data as it was.
 */
export function ImportSection({ onImported }: { onImported?: () => void }) {
  const [status, setStatus] = useState<ImportStatus>({ phase: 'idle' });
  const workerRef = useRef<Worker | null>(null);
  const inputId = useId();

  useEffect(() => () => workerRef.current?.terminate(), []);

  function start(file: File, dateOrder?: DateOrder) {
    workerRef.current?.terminate();
    const worker = new ImportWorker();
    workerRef.current = worker;
    const send = (message: ToWorker) => worker.postMessage(message);
    let importId: string | undefined;
    // Every rejected row, for the downloadable report (the page lists the first thousand).
    const allErrors: ImportRowError[] = [];
    setStatus({ phase: 'reading', fileName: file.name });

    const abandon = async () => {
      if (importId) await call('cancelImport', { importId }).catch(() => undefined);
    };

    worker.onmessage = async (event: MessageEvent<FromWorker>) => {
      const message = event.data;
      try {
        switch (message.type) {
          case 'progress':
            setStatus({ phase: 'reading', fileName: file.name, progress: message.progress });
            break;
          case 'batch': {
            importId ??= (await call('beginImport', { fileName: file.name, kind: message.kind })).importId;
            const { accounts, responses, actions, sends, errors } = message.batch;
            if (allErrors.length < MAX_ERRORS_KEPT) allErrors.push(...errors);
            await call('stageImportBatch', { importId, seq: message.seq, accounts, responses, actions, sends });
            send({ type: 'ack', seq: message.seq });
            break;
          }
          case 'done': {
            setStatus({ phase: 'committing', fileName: file.name });
            if (!importId) importId = (await call('beginImport', { fileName: file.name, kind: message.summary.kind })).importId;
            await call('commitImport', { importId, imported: message.summary.imported, rejected: message.summary.rejected });
            setStatus({ phase: 'done', fileName: file.name, summary: message.summary, allErrors });
            worker.terminate();
            onImported?.();
            break;
          }
          case 'setup':
            await abandon();
            worker.terminate();
            if (message.problem.code === 'date_order_ambiguous') setStatus({ phase: 'needs-date-order', file, message: message.message });
            else setStatus({ phase: 'failed', fileName: file.name, message: message.message });
            break;
          case 'cancelled':
            await abandon();
            worker.terminate();
            setStatus({ phase: 'cancelled', fileName: file.name });
            break;
          case 'failed':
            await abandon();
            worker.terminate();
            setStatus({ phase: 'failed', fileName: file.name, message: message.message });
            break;
        }
      } catch (error) {
        send({ type: 'cancel' });
        await abandon();
        worker.terminate();
        setStatus({ phase: 'failed', fileName: file.name, message: error instanceof Error ? error.message : String(error) });
      }
    };
    send({ type: 'start', file, dateOrder });
  }

  const cancel = () => workerRef.current?.postMessage({ type: 'cancel' } satisfies ToWorker);

  return (
    <section aria-labelledby="import-heading" className="card">
      <h2 id="import-heading">Import a CSV export</h2>
      <p className="small muted">
        Survey responses, follow-up actions or survey sends, as exported from your survey tool. The kind is told from the
        headers; see the README for the columns.
      </p>
      <label htmlFor={inputId} className="btn btn-primary file-label">
        Choose a CSV file…
      </label>
      <input
        id={inputId}
        data-testid="import-file"
        className="visually-hidden"
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
        disabled={status.phase === 'reading' || status.phase === 'committing'}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) start(file);
        }}
      />
      <ImportStatusView status={status} onCancel={cancel} onDateOrder={(file, order) => start(file, order)} />
    </section>
  );
}

function ImportStatusView({
  status,
  onCancel,
  onDateOrder,
}: {
  status: ImportStatus;
  onCancel: () => void;
  onDateOrder: (file: File, order: DateOrder) => void;
}) {
  switch (status.phase) {
    case 'idle':
      return null;
    case 'reading': {
      const p = status.progress;
      const percent = p && p.totalBytes > 0 ? Math.min(100, Math.round((100 * p.bytes) / p.totalBytes)) : 0;
      return (
        <div className="import-progress" aria-live="polite">
          <progress max={100} value={percent} aria-label={`Importing ${status.fileName}`} />
          <div className="small">
            {status.fileName}: {p ? `${numberFormat.format(p.rows)} rows · ${numberFormat.format(Math.round(p.rowsPerSecond))} rows/s · ${percent}%` : 'starting…'}
          </div>
          <button className="btn" onClick={onCancel}>
            Cancel
          </button>
        </div>
      );
    }
    case 'committing':
      return <p aria-live="polite">Saving {status.fileName}…</p>;
    case 'needs-date-order':
      return (
        <div className="warning" role="alert">
          <p>{status.message}</p>
          <button className="btn" onClick={() => onDateOrder(status.file, 'dmy')}>
            Day first (31/03/2026)
          </button>{' '}
          <button className="btn" onClick={() => onDateOrder(status.file, 'mdy')}>
            Month first (03/31/2026)
          </button>
        </div>
      );
    case 'failed':
      return (
        <p className="error" role="alert">
          {status.fileName} was not imported: {status.message} Nothing stored was changed.
        </p>
      );
    case 'cancelled':
      return <p role="status">Import of {status.fileName} cancelled. Nothing stored was changed.</p>;
    case 'done': {
      const { summary } = status;
      return (
        <div
          data-testid="import-summary"
          data-imported={summary.imported}
          data-rejected={summary.rejected}
          role="status"
          className="import-summary"
        >
          <p>
            <strong>{status.fileName}</strong>: {numberFormat.format(summary.imported)} {summary.kind} imported,{' '}
            {numberFormat.format(summary.rejected)} rows rejected ({(summary.durationMs / 1000).toFixed(1)} s).
          </p>
          {summary.unknownHeaders.length > 0 && (
            <p className="small muted">Columns ignored: {summary.unknownHeaders.join(', ')}</p>
          )}
          {summary.errors.length > 0 && (
            <>
              <h3 className="small">
                Rejected rows{summary.errorCount > MAX_ERRORS_SHOWN ? ` (first ${MAX_ERRORS_SHOWN} of ${summary.errorCount})` : ''}{' '}
                <button className="btn small" data-testid="import-errors-download" onClick={() => downloadErrors(status.fileName, status.allErrors)}>
                  Download all as CSV
                </button>
              </h3>
              <ul className="list import-errors">
                {summary.errors.slice(0, MAX_ERRORS_SHOWN).map((error, i) => (
                  <li key={i} data-testid="import-error" className="small">
                    {formatRowError(error)}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      );
    }
  }
}
