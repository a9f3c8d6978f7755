import { useCallback, useEffect, useState } from 'react';
import { errorText } from '../../lib/core/errors';
import { call } from '../../lib/messaging/client';
import type { ImportRecord } from '../../lib/store';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const loadUnfinished = () => call('listUnfinishedImports', {});
const discardOne = (importId: string) => call('discardImport', { importId });

function describe(record: ImportRecord): string {
  if (record.state === 'committing') {
    const tries = record.recoveryAttempts ? ` Tried again ${record.recoveryAttempts} time${record.recoveryAttempts === 1 ? '' : 's'}.` : '';
    return `Saving did not finish.${tries}${record.error ? ` Last error: ${record.error}` : ''}`;
  }
  return 'Reading stopped before the end (its page was closed?).';
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
  const [records, setRecords] = useState<ImportRecord[]>([]);
  const [message, setMessage] = useState('');

  const refresh = useCallback(() => {
    load().then(setRecords, (error) => setMessage(`Could not list unfinished imports: ${errorText(error)}`));
  }, [load]);
  useEffect(refresh, [refresh]);

  async function onDiscard(record: ImportRecord) {
    try {
      await discard(record.id);
      setMessage(`Discarded ${record.fileName}. Nothing stored was changed.`);
      refresh();
    } catch (error) {
      setMessage(`Could not discard ${record.fileName}: ${errorText(error)}`);
    }
  }

  if (records.length === 0 && !message) return null;
  return (
    <div className="card warning" data-testid="unfinished-imports" aria-labelledby="unfinished-imports-heading">
      <h3 id="unfinished-imports-heading">Unfinished imports</h3>
      <ul>
        {records.map((record) => (
          <li key={record.id} data-testid="unfinished-import" data-state={record.state}>
            <strong>{record.fileName}</strong>, started {timeFormat.format(record.startedAt)}. {describe(record)}{' '}
            <button className="btn small" data-testid="discard-import" onClick={() => void onDiscard(record)} aria-label={`Discard the import of ${record.fileName}`}>
              Discard
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
