/**
 * The import's mapping step: the file's kind (when its headers do not say) and, for each required field,
 * the column that holds it, chosen from the file's columns with an example value each.
 */
import { useId, useState } from 'react';
import { IMPORT_KINDS, mappingStep, resolveMapping, type ImportField, type ImportKind, type MappingProblem } from '../../lib/import';
import { fieldName, mappingProblemText } from './mapping-words';
import type { ImportChoices } from '../../lib/import/worker-protocol';
import type { MessageKey } from '../../lib/i18n';
import { useI18n } from '../shared/i18n';

/** A file waiting for its columns to be chosen: what was read of it, and why it waits. */
export interface MappingStep {
  file: File;
  message: string;
  kind: ImportKind | null;
  headers: string[];
  sample: string[][];
  signature: string;
}

const KIND_NAMES: Record<ImportKind, MessageKey> = { responses: 'import.kind.responses', actions: 'import.kind.actions', sends: 'import.kind.sends' };

/**
 * The mapping step: the file's kind (when its headers do not say) and, for each required field, a
 * select of the file's columns, preset with what matched. The import runs again with the choices.
 */
export function MappingStepView({
  status,
  onMapped,
  onDismiss,
}: {
  status: MappingStep;
  onMapped: (file: File, choices: ImportChoices, signature: string) => void;
  onDismiss: () => void;
}) {
  const { t } = useI18n();
  const [kind, setKind] = useState<ImportKind>(status.kind ?? 'responses');
  const step = mappingStep(status.headers, kind);
  const [chosen, setChosen] = useState<Partial<Record<ImportKind, Partial<Record<ImportField, number | null>>>>>({});
  const [problems, setProblems] = useState<MappingProblem[]>([]);
  const idPrefix = useId();
  const headingId = `${idPrefix}-heading`;
  const columnOf = (field: ImportField, preset: number | null) => {
    const value = chosen[kind]?.[field];
    return value === undefined ? preset : value;
  };
  const example = (column: number) => {
    const value = status.sample.find((row) => (row[column] ?? '').trim() !== '')?.[column]?.trim();
    return value ? ` ${t('import.example', { value: value.length > 30 ? `${value.slice(0, 30)}…` : value })}` : '';
  };

  const submit = () => {
    const choices = Object.fromEntries(step.choices.map((c) => [c.field, columnOf(c.field, c.column)]));
    const result = resolveMapping(status.headers, kind, choices);
    if (result.ok) onMapped(status.file, { kind, mapping: result.mapping }, status.signature);
    else setProblems(result.issues);
  };

  return (
    <form
      className="warning import-mapping"
      data-testid="import-mapping"
      aria-labelledby={headingId}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3 id={headingId} className="small">
        {t('import.match', { file: status.file.name })}
      </h3>
      <p className="small">{status.message}</p>
      {step.unmatchedHeaders.length > 0 && (
        <p className="small" data-testid="import-unmatched-headers">
          {t('import.unrecognised', { columns: step.unmatchedHeaders.join(', ') })}
        </p>
      )}
      {status.kind === null && (
        <p>
          <label htmlFor={`${idPrefix}-kind`}>{t('import.holds')} </label>
          <select id={`${idPrefix}-kind`} data-testid="import-mapping-kind" value={kind} onChange={(e) => setKind(e.target.value as ImportKind)}>
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(KIND_NAMES[k])}
              </option>
            ))}
          </select>
        </p>
      )}
      {step.choices.map((choice) => {
        const id = `${idPrefix}-${choice.field}`;
        const column = columnOf(choice.field, choice.column);
        return (
          <p key={choice.field}>
            <label htmlFor={id}>
              {fieldName(choice.field, t)}
              {' '}
              {t(choice.required === 'yes' ? 'import.required' : choice.required === 'one-of-account' ? 'import.oneOfAccount' : 'import.duplicate')}
            </label>{' '}
            <select
              id={id}
              data-testid={`import-mapping-${choice.field}`}
              value={column === null ? '' : String(column)}
              onChange={(e) => {
                const value = e.target.value === '' ? null : Number(e.target.value);
                setChosen((all) => ({ ...all, [kind]: { ...all[kind], [choice.field]: value } }));
              }}
            >
              <option value="">{t('import.notInFile')}</option>
              {status.headers.map((header, i) => (
                <option key={i} value={i}>
                  {(header.trim() || t('import.column', { n: i + 1 })) + example(i)}
                </option>
              ))}
            </select>
          </p>
        );
      })}
      {problems.length > 0 && (
        <ul className="list error" role="alert">
          {problems.map((problem, i) => (
            <li key={i} className="small">
              {mappingProblemText(problem, t)}
            </li>
          ))}
        </ul>
      )}
      <button type="submit" className="btn btn-primary" data-testid="import-mapping-submit">
        {t('import.withColumns')}
      </button>{' '}
      <button type="button" className="btn" onClick={onDismiss}>
        {t('action.cancel')}
      </button>
    </form>
  );
}
