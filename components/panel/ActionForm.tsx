import { useState, type FormEvent } from 'react';
import { ActionFields, type ActionFieldValues } from './ActionFields';
import type { Action } from '../../lib/model';
import { sayError } from '../shared/error-text';
import { translator, type Translator } from '../../lib/i18n';
import { useI18n } from '../shared/i18n';

const english = translator('en');

export interface ActionDraft {
  title: string;
  /** The response this action follows up, when it was created from a comment. */
  responseId?: string;
  /** A line saying what it follows up ("Jane Doe, score 3, 2 May 2025"). */
  context?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Builds the action to save from the form's fields; throws with the field's name when one is wrong. */
export function actionFromForm(
  fields: { title: string; owner: string; dueDate: string },
  draft: ActionDraft,
  accountId: string,
  now: number,
  newId: () => string,
  t: Translator = english,
): Action {
  const title = fields.title.trim();
  if (!title) throw new Error(t('action.titleMissing'));
  if (title.length > 500) throw new Error(t('action.titleTooLong'));
  const dueDate = fields.dueDate.trim();
  if (dueDate && (!DATE.test(dueDate) || Number.isNaN(Date.parse(`${dueDate}T00:00:00Z`)))) {
    throw new Error(t('action.dueInvalid'));
  }
  const owner = fields.owner.trim();
  return {
    id: newId(),
    accountId,
    title,
    status: 'open',
    ...(owner ? { owner } : {}),
    ...(dueDate ? { dueDate } : {}),
    createdAt: now,
    updatedAt: now,
    ...(draft.responseId ? { responseId: draft.responseId } : {}),
  };
}

/** An existing action with the form's fields changed; throws naming the field when one is wrong. */
export function editedAction(action: Action, fields: { title: string; owner: string; dueDate: string }, t: Translator = english): Action {
  const checked = actionFromForm(fields, { title: fields.title }, action.accountId, action.createdAt, () => action.id, t);
  const { owner: _owner, dueDate: _dueDate, ...rest } = action;
  return {
    ...rest,
    title: checked.title,
    ...(checked.owner ? { owner: checked.owner } : {}),
    ...(checked.dueDate ? { dueDate: checked.dueDate } : {}),
  };
}

export interface ActionFormProps {
  accountId: string;
  draft: ActionDraft;
  onSave: (action: Action) => Promise<void>;
  onCancel: () => void;
  now?: () => number;
  newId?: () => string;
}

/** A new follow-up action: from scratch, or from a comment (title prefilled, the response linked). */
export function ActionForm({ accountId, draft, onSave, onCancel, now = Date.now, newId = () => crypto.randomUUID() }: ActionFormProps) {
  const { t } = useI18n();
  const [fields, setFields] = useState<ActionFieldValues>({ title: draft.title, owner: '', dueDate: '' });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    let action: Action;
    try {
      action = actionFromForm(fields, draft, accountId, now(), newId, t);
    } catch (err) {
      setError(sayError(t, err));
      return;
    }
    setSaving(true);
    try {
      await onSave(action);
    } catch (err) {
      setError(t('action.couldNotSave', { error: sayError(t, err) }));
      setSaving(false);
    }
  };

  return (
    <form className="action-form" onSubmit={(e) => void submit(e)} aria-label={t('action.newLabel')} data-testid="action-form">
      {draft.context && <p className="small muted">{t('action.followsUp', { context: draft.context })}</p>}
      <ActionFields
        values={fields}
        onChange={setFields}
        testIdPrefix="action-form"
        error={error}
        saving={saving}
        saveLabel={t('action.save')}
        onCancel={onCancel}
        autoFocus
      />
    </form>
  );
}
