import { useId, useState, type FormEvent } from 'react';
import type { Action } from '../../lib/model';
import { errorText } from '../../lib/core/errors';
import { editedAction } from './ActionForm';

export interface ActionEditorProps {
  action: Action;
  onSave: (action: Action) => Promise<void>;
  onCancel: () => void;
}

/** Edits an action's title, owner and due date; what else it holds (status, notes, when closed) stays. */
export function ActionEditor({ action, onSave, onCancel }: ActionEditorProps) {
  const id = useId();
  const [title, setTitle] = useState(action.title);
  const [owner, setOwner] = useState(action.owner ?? '');
  const [dueDate, setDueDate] = useState(action.dueDate ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let next: Action;
    try {
      next = editedAction(action, { title, owner, dueDate });
    } catch (err) {
      setError(errorText(err));
      return;
    }
    setSaving(true);
    try {
      await onSave(next);
    } catch (err) {
      setError(`Could not save: ${errorText(err)}`);
      setSaving(false);
    }
  };

  return (
    <form className="action-form" onSubmit={(e) => void submit(e)} aria-label={`Edit “${action.title}”`} data-testid="action-editor">
      <label htmlFor={`${id}-title`} className="small">
        What will be done
      </label>
      <input id={`${id}-title`} className="input" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={500} required data-testid="action-edit-title" />
      <div className="form-row">
        <div>
          <label htmlFor={`${id}-owner`} className="small">
            Owner
          </label>
          <input id={`${id}-owner`} className="input" value={owner} onChange={(e) => setOwner(e.target.value)} maxLength={200} data-testid="action-edit-owner" />
        </div>
        <div>
          <label htmlFor={`${id}-due`} className="small">
            Due date
          </label>
          <input id={`${id}-due`} className="input" type="date" value={dueDate} onChange={(e) => setDueDate(e.target.value)} data-testid="action-edit-due" />
        </div>
      </div>
      {error && (
        <p role="alert" className="error small">
          {error}
        </p>
      )}
      <div className="form-row buttons">
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid="action-edit-save">
          {saving ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="btn" onClick={onCancel} data-testid="action-edit-cancel">
          Cancel
        </button>
      </div>
    </form>
  );
}
