import { useState, type FormEvent } from 'react';
import { ActionFields, type ActionFieldValues } from './ActionFields';
import type { Action } from '../../lib/model';
import { sayError } from '../shared/error-text';
import { editedAction } from './ActionForm';
import { useI18n } from '../shared/i18n';

export interface ActionEditorProps {
  action: Action;
  onSave: (action: Action) => Promise<void>;
  onCancel: () => void;
}

/** Edits an action's title, owner and due date; what else it holds (status, notes, when closed) stays. */
export function ActionEditor({ action, onSave, onCancel }: ActionEditorProps) {
  const { t } = useI18n();
  const [fields, setFields] = useState<ActionFieldValues>({ title: action.title, owner: action.owner ?? '', dueDate: action.dueDate ?? '' });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let next: Action;
    try {
      next = editedAction(action, fields, t);
    } catch (err) {
      setError(sayError(t, err));
      return;
    }
    setSaving(true);
    try {
      await onSave(next);
    } catch (err) {
      setError(t('action.couldNotSave', { error: sayError(t, err) }));
      setSaving(false);
    }
  };

  return (
    <form className="action-form" onSubmit={(e) => void submit(e)} aria-label={t('action.editLabel', { title: action.title })} data-testid="action-editor">
      <ActionFields values={fields} onChange={setFields} testIdPrefix="action-edit" error={error} saving={saving} saveLabel={t('action.saveChanges')} onCancel={onCancel} />
    </form>
  );
}
