import { useId } from 'react';
import { useI18n } from '../shared/i18n';

export interface ActionFieldValues {
  title: string;
  owner: string;
  dueDate: string;
}

export interface ActionFieldsProps {
  values: ActionFieldValues;
  onChange: (values: ActionFieldValues) => void;
  /** The prefix of the fields' test hooks: `action-form` (a new action) or `action-edit` (an existing one). */
  testIdPrefix: 'action-form' | 'action-edit';
  error: string | null;
  saving: boolean;
  saveLabel: string;
  onCancel: () => void;
  autoFocus?: boolean;
}

/** The fields of an action's form (what, owner, due date), its error and its buttons: one for creating and editing. */
export function ActionFields({ values, onChange, testIdPrefix, error, saving, saveLabel, onCancel, autoFocus = false }: ActionFieldsProps) {
  const { t } = useI18n();
  const id = useId();
  const set = (field: keyof ActionFieldValues) => (e: { target: { value: string } }) => onChange({ ...values, [field]: e.target.value });
  return (
    <>
      <label htmlFor={`${id}-title`} className="small">
        {t('action.what')}
      </label>
      <input id={`${id}-title`} className="input" value={values.title} onChange={set('title')} maxLength={500} required autoFocus={autoFocus} data-testid={`${testIdPrefix}-title`} />
      <div className="form-row">
        <div>
          <label htmlFor={`${id}-owner`} className="small">
            {t('action.owner')}
          </label>
          <input id={`${id}-owner`} className="input" value={values.owner} onChange={set('owner')} maxLength={200} data-testid={`${testIdPrefix}-owner`} />
        </div>
        <div>
          <label htmlFor={`${id}-due`} className="small">
            {t('action.due')}
          </label>
          <input id={`${id}-due`} className="input" type="date" value={values.dueDate} onChange={set('dueDate')} data-testid={`${testIdPrefix}-due`} />
        </div>
      </div>
      {error && (
        <p role="alert" className="error small">
          {error}
        </p>
      )}
      <div className="form-row buttons">
        <button type="submit" className="btn btn-primary" disabled={saving} data-testid={`${testIdPrefix}-save`}>
          {saving ? t('action.saving') : saveLabel}
        </button>
        <button type="button" className="btn" onClick={onCancel} data-testid={`${testIdPrefix}-cancel`}>
          {t('action.cancel')}
        </button>
      </div>
    </>
  );
}
