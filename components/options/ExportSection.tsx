import { useRef, useState } from 'react';
import { exportHeader, exportLines, type ExportKind } from '../../lib/export/records';
import type { Account } from '../../lib/model';
import type { ExportPage } from '../../lib/store';
import { call } from '../../lib/messaging/client';
import { sayError } from '../shared/error-text';
import { rescueExport } from '../../lib/store/rescue';
import { useI18n } from '../shared/i18n';

/** Records per call to the background: one page is about a megabyte on the wire. */
const PAGE_SIZE = 2000;

type ExportStatus =
  | { phase: 'idle' }
  | { phase: 'rescuing'; records: number }
  | { phase: 'rescued'; records: number; fileName: string }
  | { phase: 'rescue-failed'; message: string }
  | { phase: 'running'; kind: ExportKind; rows: number; total: number }
  | { phase: 'done'; kind: ExportKind; rows: number; fileName: string }
  | { phase: 'cancelled'; kind: ExportKind }
  | { phase: 'failed'; kind: ExportKind; message: string };


/** Saves a Blob as a file through a download link. */
function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Exports the stored responses or actions as CSV in the import's own format (so the file imports
 * again as the same records), with formula-like cells made inert. The background reads the store a
 * page at a time; each page becomes a piece of a Blob at once, so the page's memory holds one page of
 * records however large the store is.
 */
export function ExportSection() {
  const { t } = useI18n();
  const [status, setStatus] = useState<ExportStatus>({ phase: 'idle' });
  const abortRef = useRef<AbortController | null>(null);

  async function run(kind: ExportKind) {
    const controller = new AbortController();
    abortRef.current = controller;
    try {
      const counts = await call('getStats', {});
      const total = kind === 'responses' ? counts.responses : counts.actions;
      setStatus({ phase: 'running', kind, rows: 0, total });
      const parts: BlobPart[] = ['\uFEFF', exportHeader(kind)];
      let after: string | null = null;
      let rows = 0;
      do {
        const page: ExportPage = await call('exportPage', { kind, after, limit: PAGE_SIZE });
        if (controller.signal.aborted) {
          setStatus({ phase: 'cancelled', kind });
          return;
        }
        const accounts = new Map<string, Account>(page.accounts.map((a) => [a.id, a]));
        const lines = exportLines(page, accounts);
        // A Blob piece per page: the text can go, the browser keeps the bytes (on disk if need be).
        parts.push(new Blob([lines]));
        rows += page.records.length;
        after = page.next;
        setStatus({ phase: 'running', kind, rows, total: Math.max(total, rows) });
      } while (after !== null);
      const fileName = `nps-${kind}-${new Date().toISOString().slice(0, 10)}.csv`;
      saveFile(new Blob(parts, { type: 'text/csv;charset=utf-8' }), fileName);
      setStatus({ phase: 'done', kind, rows, fileName });
    } catch (error) {
      setStatus({ phase: 'failed', kind, message: sayError(t, error) });
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
    }
  }

  /**
   * Everything stored, as it is stored, read here (not through the background, which may be unable to
   * open the store, as when a new version's migration failed): `lib/store/rescue.ts`.
   */
  async function rescue() {
    const controller = new AbortController();
    abortRef.current = controller;
    const parts: BlobPart[] = [];
    const perStore = new Map<string, number>();
    const total = () => [...perStore.values()].reduce((a, b) => a + b, 0);
    setStatus({ phase: 'rescuing', records: 0 });
    try {
      await rescueExport((text) => parts.push(new Blob([text])), {
        signal: controller.signal,
        onProgress: ({ store, records }) => {
          perStore.set(store, records);
          setStatus({ phase: 'rescuing', records: total() });
        },
      });
      const fileName = `nps-stored-data-${new Date().toISOString().slice(0, 10)}.jsonl`;
      saveFile(new Blob(parts, { type: 'application/x-ndjson' }), fileName);
      setStatus({ phase: 'rescued', records: total(), fileName });
    } catch (error) {
      setStatus(controller.signal.aborted ? { phase: 'idle' } : { phase: 'rescue-failed', message: sayError(t, error) });
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
    }
  }

  const running = status.phase === 'running' || status.phase === 'rescuing';
  return (
    <section aria-labelledby="export-heading" className="card">
      <h2 id="export-heading">{t('export.heading')}</h2>
      <p className="small muted">
        {t('export.help')}
      </p>
      <button className="btn" data-testid="export-responses" disabled={running} onClick={() => void run('responses')}>
        {t('export.responses')}
      </button>{' '}
      <button className="btn" data-testid="export-actions" disabled={running} onClick={() => void run('actions')}>
        {t('export.actions')}
      </button>
      <ExportStatusView status={status} onCancel={() => abortRef.current?.abort()} />
      <p className="small muted">
        {t('export.rescueHelp')}{' '}
        <button className="btn" data-testid="export-rescue" disabled={running} onClick={() => void rescue()}>
          {t('export.rescue')}
        </button>
      </p>
    </section>
  );
}

function ExportStatusView({ status, onCancel }: { status: ExportStatus; onCancel: () => void }) {
  const { t, f } = useI18n();
  switch (status.phase) {
    case 'idle':
      return null;
    case 'running': {
      const percent = status.total > 0 ? Math.min(100, Math.round((100 * status.rows) / status.total)) : 0;
      return (
        <div className="import-progress" aria-live="polite" data-testid="export-progress">
          <progress max={100} value={percent} aria-label={t('export.exporting', { kind: status.kind })} />
          <div className="small">
            {t('export.progress', { rows: f.number(status.rows), total: f.number(status.total), kind: status.kind, percent: f.percent(percent / 100) })}
          </div>
          <button className="btn" data-testid="export-cancel" onClick={onCancel}>
            {t('action.cancel')}
          </button>
        </div>
      );
    }
    case 'done':
      return (
        <p role="status" data-testid="export-done" data-rows={status.rows}>
          {t('export.done', { rows: status.rows, kind: status.kind, file: status.fileName })}
        </p>
      );
    case 'cancelled':
      return <p role="status">{t('export.cancelled', { kind: status.kind })}</p>;
    case 'failed':
      return (
        <p className="error" role="alert">
          {t('export.failed', { kind: status.kind, error: status.message })}
        </p>
      );
    case 'rescuing':
      return (
        <div className="import-progress" aria-live="polite" data-testid="export-progress">
          <div className="small">{t('export.rescuing', { n: f.number(status.records) })}</div>
          <button className="btn" data-testid="export-cancel" onClick={onCancel}>
            {t('action.cancel')}
          </button>
        </div>
      );
    case 'rescued':
      return (
        <p role="status" data-testid="export-rescued" data-records={status.records}>
          {t('export.rescued', { n: f.number(status.records), file: status.fileName })}
        </p>
      );
    case 'rescue-failed':
      return (
        <p className="error" role="alert">
          {t('export.rescueFailed', { error: status.message })}
        </p>
      );
  }
}
