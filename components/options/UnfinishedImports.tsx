import { useCallback, useEffect, useState } from 'react';
import { sayError, sayStored } from '../shared/error-text';
import { call } from '../../lib/messaging/client';
import type { ImportRecord } from '../../lib/store';
import type { Translator } from '../../lib/i18n';
import { useI18n } from '../shared/i18n';

const loadUnfinished = () => call('listUnfinishedImports', {});
const discardOne = (importId: string) => call('discardImport', { importId });

function describe(record: ImportRecord, t: Translator): string {
  if (record.state === 'committing') {
    const tries = record.recoveryAttempts ? ` ${t('unfinished.tries', { n: record.recoveryAttempts })}` : '';
    return `${t('unfinished.saving')}${tries}${record.error ? ` ${t('unfinished.lastError', { error: sayStored(t, record.error, record.errorWords) })}` : ''}`;
  }
  return t('unfinished.reading');
}

/**
 * Imports that did not finish: a commit the browser keeps failing to save, or a file whose reading
 * stopped. Nothing of them is in the stored data; discarding one frees the room its rows take. Shows
 * nothing when every import finished.
 */
export function UnfinishedImports({ load = loadUnfinished, discard = discardOne }: {
  load?: () => Promise<ImportRecord[]>;
  discard?: (importId: string) => Promise<void>;
}) {
  const { t, f } = useI18n();
  const [records, setRecords] = useState<ImportRecord[]>([]);
  const [message, setMessage] = useState('');

  const refresh = useCallback(() => {
    load().then(setRecords, (error) => setMessage(t('unfinished.couldNotList', { error: sayError(t, error) })));
  }, [load, t]);
  useEffect(refresh, [refresh]);

  async function onDiscard(record: ImportRecord) {
    try {
      await discard(record.id);
      setMessage(t('unfinished.discarded', { file: record.fileName }));
      refresh();
    } catch (error) {
      setMessage(t('unfinished.couldNotDiscard', { file: record.fileName, error: sayError(t, error) }));
    }
  }

  if (records.length === 0 && !message) return null;
  return (
    <div className="card warning" data-testid="unfinished-imports" aria-labelledby="unfinished-imports-heading">
      <h3 id="unfinished-imports-heading">{t('unfinished.heading')}</h3>
      <ul>
        {records.map((record) => (
          <li key={record.id} data-testid="unfinished-import" data-state={record.state}>
            <strong>{record.fileName}</strong>, {t('unfinished.started', { at: f.dateTime(record.startedAt) })} {describe(record, t)}{' '}
            <button className="btn small" data-testid="discard-import" onClick={() => void onDiscard(record)} aria-label={t('unfinished.discardLabel', { file: record.fileName })}>
              {t('unfinished.discard')}
            </button>
          </li>
        ))}
      </ul>
      {message && (
        <p className="small" role="status">
          {message}
        </p>
      )}
    </div>
  );
}
