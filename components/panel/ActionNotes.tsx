import { useId, useState, type FormEvent } from 'react';
import type { Action } from '../../lib/model';
import { sayError } from '../shared/error-text';
import { useI18n } from '../shared/i18n';

export interface ActionNotesProps {
  action: Action;
  onAdd: (text: string) => Promise<void>;
}

/** An action's notes, oldest first, each with when (and by whom, when known); and a field to add one. */
export function ActionNotes({ action, onAdd }: ActionNotesProps) {
  const { t, f } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const notes = action.notes ?? [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) {
      setError(t('notes.empty'));
      return;
    }
    setSaving(true);
    try {
      await onAdd(text.trim());
      setText('');
      setError(null);
    } catch (err) {
      setError(t('notes.couldNotAdd', { error: sayError(t, err) }));
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="action-notes" data-testid="action-notes" data-count={notes.length}>
      {notes.length > 0 && (
        <ul className="list small">
          {notes.map((n) => (
            <li key={n.id} data-testid="action-note">
              <time className="muted" dateTime={new Date(n.at).toISOString()}>
                {f.dateTime(n.at)}
              </time>
              {n.by && <span className="muted"> · {n.by}</span>}
              <p className="comment-text" data-testid="action-note-text">
                {n.text}
              </p>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void submit(e)} className="form-row" aria-label={t('notes.formLabel', { title: action.title })}>
          <label htmlFor={`${id}-note`} className="visually-hidden">
            {t('notes.note')}
          </label>
          <input
            id={`${id}-note`}
            className="input"
            placeholder={t('notes.placeholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            maxLength={5_000}
            data-testid="action-note-input"
          />
          <button type="submit" className="btn small" disabled={saving} data-testid="action-note-add">
            {t('notes.add')}
          </button>
        </form>
      {error && (
        <p role="alert" className="error small">
          {error}
        </p>
      )}
    </div>
  );
}
