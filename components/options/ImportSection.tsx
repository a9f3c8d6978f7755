import { useEffect, useId, useRef, useState } from 'react';
import {
  previewCsv,
  type ImportOutcome, type ImportProgress, type ImportRowError, type ImportSummary,
} from '../../lib/import';
import { toSafeCsv } from '../../lib/export/csv';
import { DEFAULT_IMPORT, importSettings, loadImportSettings, type ImportSettings } from '../../lib/settings';
import { loadImportShapes, rememberImportShape } from '../../lib/settings/import-shapes';
import { ImportPreview } from './ImportPreview';
import type { ImportChoices } from '../../lib/import/worker-protocol';
import { runImport, type ImportRun } from './import-runner';
import { setupProblemText } from './setup-problem';
import { rowErrorReason, rowErrorText } from './row-error';
import { sayStored } from '../shared/error-text';
import type { Translator } from '../../lib/i18n';
import { useI18n } from '../shared/i18n';
import { MappingStepView, type MappingStep } from './ImportMappingStep';

type ImportStatus =
  | { phase: 'idle' }
  | { phase: 'reading'; fileName: string; progress?: ImportProgress }
  | { phase: 'committing'; fileName: string }
  | { phase: 'done'; fileName: string; summary: ImportSummary; outcome: ImportOutcome; allErrors: ImportRowError[] }
  | { phase: 'needs-date-order'; file: File; choices: ImportChoices; message: string }
  | ({ phase: 'needs-mapping' } & MappingStep)
  | { phase: 'review'; file: File; summary: ImportSummary; decide: (save: boolean) => void }
  | { phase: 'failed'; fileName: string; message: string }
  | { phase: 'cancelled'; fileName: string };

const MAX_ERRORS_SHOWN = 1000;

/** The rejected rows as a CSV (`row`, `column`, `value`, `reason`), the reasons in the UI's language. */
function downloadErrors(fileName: string, errors: ImportRowError[], t: Translator) {
  const csv = toSafeCsv(errors.map((error) => ({ ...error, reason: rowErrorReason(error, t) })), ['row', 'column', 'value', 'reason']);
  const url = URL.createObjectURL(new Blob(['\uFEFF', csv], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `${fileName.replace(/\.[^.]+$/, '')}-rejected-rows.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}


/**
 * Imports a responses, actions or survey sends CSV: parsed in a worker, staged batch by batch in the
 * background, and committed only when the whole file has been read, so a failed or cancelled import
 * leaves the stored data as it was. When a required column cannot be matched, the person maps it.
 */
export function ImportSection({ onImported }: { onImported?: () => void }) {
  const { t } = useI18n();
  const [status, setStatus] = useState<ImportStatus>({ phase: 'idle' });
  const [settings, setSettings] = useState<ImportSettings>(DEFAULT_IMPORT);
  const runRef = useRef<ImportRun | null>(null);
  const inputId = useId();
  const allOrNothingId = useId();
  const reviewId = useId();

  useEffect(() => () => runRef.current?.stop(), []);
  useEffect(() => {
    void loadImportSettings().then(setSettings, () => undefined);
    return importSettings.watch(() => void loadImportSettings().then(setSettings, () => undefined));
  }, []);

  async function start(file: File, choices: ImportChoices = {}) {
    runRef.current?.stop();
    setStatus({ phase: 'reading', fileName: file.name });
    const remembered = await loadImportShapes().catch(() => ({}));
    const run = runImport(file, {
      ...choices,
      remembered,
      allOrNothing: settings.allOrNothing,
      // A file waits on its preview when the setting says so, or when its score column was a guess.
      review: (summary) =>
        settings.reviewBeforeSaving || summary.detection.scoreFoundBy === 'values'
          ? new Promise<boolean>((decide) => setStatus({ phase: 'review', file, summary, decide }))
          : Promise.resolve(true),
      onProgress: (progress) => setStatus({ phase: 'reading', fileName: file.name, progress }),
      onCommitting: () => setStatus({ phase: 'committing', fileName: file.name }),
    });
    runRef.current = run;
    void run.result.then((result) => {
      // A run the person moved on from (a correction opened, another file chosen) no longer owns the status.
      if (runRef.current !== run) return;
      if (result.type === 'done') {
        setStatus({ phase: 'done', fileName: file.name, summary: result.summary, outcome: result.outcome, allErrors: result.errors });
        if (result.outcome.commit) onImported?.();
      } else if (result.type === 'setup') {
        const { problem } = result;
        const message = setupProblemText(problem, t);
        if (problem.code === 'date_order_ambiguous') {
          setStatus({ phase: 'needs-date-order', file, choices, message });
        } else if (problem.code === 'unknown_kind' || problem.code === 'missing_columns' || problem.code === 'duplicate_columns') {
          const kind = problem.code === 'unknown_kind' ? null : problem.analysis.kind;
          setStatus({ phase: 'needs-mapping', file, message, kind, headers: result.headers, sample: result.sample, signature: result.signature });
        } else setStatus({ phase: 'failed', fileName: file.name, message });
      } else if (result.type === 'cancelled') setStatus({ phase: 'cancelled', fileName: file.name });
      else setStatus({ phase: 'failed', fileName: file.name, message: sayStored(t, result.message, result.words) });
    });
  }

  const cancel = () => runRef.current?.cancel();
  const busy = status.phase === 'reading' || status.phase === 'committing';

  return (
    <section aria-labelledby="import-heading" className="card">
      <h2 id="import-heading">{t('import.heading')}</h2>
      <p className="small muted">
        {t('import.help')}
      </p>
      <label htmlFor={inputId} className="btn btn-primary file-label">
        {t('import.choose')}
      </label>
      <input
        id={inputId}
        data-testid="import-file"
        className="visually-hidden"
        type="file"
        accept=".csv,.tsv,.txt,text/csv,text/tab-separated-values"
        disabled={busy}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void start(file);
        }}
      />
      <p className="small">
        <input
          id={allOrNothingId}
          type="checkbox"
          data-testid="import-all-or-nothing"
          checked={settings.allOrNothing}
          disabled={busy}
          onChange={(e) => {
            const next = { ...settings, allOrNothing: e.target.checked };
            setSettings(next);
            void importSettings.setValue(next);
          }}
        />{' '}
        <label htmlFor={allOrNothingId}>{t('import.allOrNothing')}</label>
      </p>
      <p className="small">
        <input
          id={reviewId}
          type="checkbox"
          data-testid="import-review-setting"
          checked={settings.reviewBeforeSaving ?? false}
          disabled={busy}
          onChange={(e) => {
            const next = { ...settings, reviewBeforeSaving: e.target.checked };
            setSettings(next);
            void importSettings.setValue(next);
          }}
        />{' '}
        <label htmlFor={reviewId}>{t('import.reviewSetting')}</label>
      </p>
      <ImportStatusView
        status={status}
        onCancel={cancel}
        onDateOrder={(file, choices, dateOrder) => void start(file, { ...choices, dateOrder })}
        onMapped={(file, choices, signature) => {
          // Remembered for the next file of this shape, which then imports with no step.
          if (signature && choices.kind && choices.mapping) {
            const mapping = Object.fromEntries(Object.entries(choices.mapping).filter(([, v]) => typeof v === 'number' || v === null)) as Record<string, number | null>;
            void rememberImportShape(signature, { kind: choices.kind, mapping }).catch(() => undefined);
          }
          void start(file, choices);
        }}
        onCorrect={(file) => {
          // The reviewed run ends without saving; its outcome must not replace the mapping step shown next.
          runRef.current = null;
          // The mapping step for this file, preset with what was read; the choice is remembered for its shape.
          void previewCsv(file, { rows: 5 }).then(
            (preview) =>
              setStatus({
                phase: 'needs-mapping', file, kind: preview.kind, headers: preview.headers, sample: preview.sample, signature: preview.shape.signature,
                message: t('import.correctMessage'),
              }),
            (error: unknown) => setStatus({ phase: 'failed', fileName: file.name, message: String(error) }),
          );
        }}
        onDismiss={() => setStatus({ phase: 'idle' })}
      />
    </section>
  );
}

function ImportStatusView({
  status,
  onCancel,
  onDateOrder,
  onMapped,
  onCorrect,
  onDismiss,
}: {
  status: ImportStatus;
  onCancel: () => void;
  onDateOrder: (file: File, choices: ImportChoices, order: 'dmy' | 'mdy') => void;
  onMapped: (file: File, choices: ImportChoices, signature: string) => void;
  onCorrect: (file: File) => void;
  onDismiss: () => void;
}) {
  const { t, f } = useI18n();
  switch (status.phase) {
    case 'idle':
      return null;
    case 'reading': {
      const p = status.progress;
      const percent = p && p.totalBytes > 0 ? Math.min(100, Math.round((100 * p.bytes) / p.totalBytes)) : 0;
      return (
        <div className="import-progress" aria-live="polite">
          <progress max={100} value={percent} aria-label={t('import.importing', { file: status.fileName })} />
          <div className="small">
            {status.fileName}: {p ? t('import.progress', { rows: f.number(p.rows), rate: f.number(Math.round(p.rowsPerSecond)), percent: f.percent(percent / 100) }) : t('import.starting')}
          </div>
          <button className="btn" onClick={onCancel}>
            {t('action.cancel')}
          </button>
        </div>
      );
    }
    case 'committing':
      return <p aria-live="polite">{t('import.saving', { file: status.fileName })}</p>;
    case 'review': {
      const { summary } = status;
      return (
        <div className="import-review" data-testid="import-review" role="region" aria-label={t('import.reviewLabel', { file: status.file.name })}>
          <p>
            <strong>{status.file.name}</strong>{' '}
            {t(summary.rejected > 0 ? 'import.reviewReadRejected' : 'import.reviewRead', { n: summary.imported, kind: summary.kind, rejected: summary.rejected })}
          </p>
          <ImportPreview summary={summary} />
          <button className="btn btn-primary" data-testid="import-confirm" onClick={() => status.decide(true)}>
            {t('import.confirm', { n: summary.imported, kind: summary.kind })}
          </button>{' '}
          <button
            className="btn"
            data-testid="import-correct"
            onClick={() => {
              status.decide(false);
              onCorrect(status.file);
            }}
          >
            {t('import.correct')}
          </button>{' '}
          <button className="btn" onClick={() => status.decide(false)}>
            {t('action.cancel')}
          </button>
        </div>
      );
    }
    case 'needs-date-order':
      return (
        <div className="warning" role="alert">
          <p>{status.message}</p>
          <button className="btn" onClick={() => onDateOrder(status.file, status.choices, 'dmy')}>
            {t('import.dayFirst')}
          </button>{' '}
          <button className="btn" onClick={() => onDateOrder(status.file, status.choices, 'mdy')}>
            {t('import.monthFirst')}
          </button>
        </div>
      );
    case 'needs-mapping':
      return <MappingStepView key={status.file.name + status.headers.join('\u0000')} status={status} onMapped={onMapped} onDismiss={onDismiss} />;
    case 'failed':
      return (
        <p className="error" role="alert">
          {t('import.failed', { file: status.fileName, error: status.message })}
        </p>
      );
    case 'cancelled':
      return <p role="status">{t('import.cancelled', { file: status.fileName })}</p>;
    case 'done': {
      const { summary, outcome } = status;
      return (
        <div
          data-testid="import-summary"
          data-imported={outcome.imported}
          data-rejected={outcome.rejected}
          data-committed={outcome.commit}
          role="status"
          className="import-summary"
        >
          {outcome.commit ? (
            <p>
              <strong>{status.fileName}</strong>:{' '}
              {t('import.done', { n: outcome.imported, kind: summary.kind, rejected: outcome.rejected, seconds: new Intl.NumberFormat(t.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(summary.durationMs / 1000) })}
            </p>
          ) : (
            <p>
              <strong>{status.fileName}</strong>: {t('import.nothing', { rejected: outcome.rejected, withheld: outcome.withheld })}
            </p>
          )}
          {outcome.commit && <ImportPreview summary={summary} />}
          {summary.unknownHeaders.length > 0 && (
            <p className="small muted">{t('import.ignored', { columns: summary.unknownHeaders.join(', ') })}</p>
          )}
          {summary.errors.length > 0 && (
            <>
              <h3 className="small">
                {summary.errorCount > MAX_ERRORS_SHOWN ? t('import.rejectedFirst', { shown: MAX_ERRORS_SHOWN, total: summary.errorCount }) : t('import.rejected')}{' '}
                <button className="btn small" data-testid="import-errors-download" onClick={() => downloadErrors(status.fileName, status.allErrors, t)}>
                  {t('import.download')}
                </button>
              </h3>
              <ul className="list import-errors">
                {summary.errors.slice(0, MAX_ERRORS_SHOWN).map((error, i) => (
                  <li key={i} data-testid="import-error" className="small">
                    {rowErrorText(error, t)}
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
