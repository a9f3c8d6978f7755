import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { ROLES, type Role } from '../../lib/model';
import { DEFAULT_ROLE_MAPPING, normalizeRoleKey, roleMappingProblems, type RoleMapping } from '../../lib/nps';
import { call } from '../../lib/messaging/client';
import { saveRoleMapping, type EffectiveSettings } from '../../lib/settings';
import type { RoleMappingPreview } from '../../lib/settings/role-preview';

import { useServiceEvents } from '../shared/useServiceEvents';
import { sayError } from '../shared/error-text';
import { roleLabel } from '../shared/labels';
import { useI18n } from '../shared/i18n';
/** Equal mappings; key order does not count (browser storage gives objects back with sorted keys). */
const canonical = (m: RoleMapping) =>
  JSON.stringify([Object.entries(m.synonyms).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), m.titleRules.map((r) => [r.pattern, r.role])]);
const same = (a: RoleMapping, b: RoleMapping) => canonical(a) === canonical(b);

function RoleSelect({ value, onChange, label, testId }: { value: Role; onChange: (role: Role) => void; label: string; testId?: string }) {
  const { t } = useI18n();
  return (
    <select aria-label={label} value={value} data-testid={testId} onChange={(e) => onChange(e.target.value as Role)}>
      {ROLES.map((role) => (
        <option key={role} value={role}>
          {roleLabel(t, role)}
        </option>
      ))}
    </select>
  );
}

/** A text and a role, added as a synonym or a title rule. */
function AddEntryForm(props: {
  onSubmit: (e: FormEvent) => void;
  label: string;
  text: string;
  onText: (text: string) => void;
  placeholder: string;
  role: Role;
  onRole: (role: Role) => void;
  roleLabel: string;
  testIds: { text: string; role: string; add: string };
  addLabel: string;
}) {
  const id = useId();
  return (
    <form onSubmit={props.onSubmit} className="inline-form">
      <label htmlFor={id}>{props.label}</label>
      <input id={id} data-testid={props.testIds.text} value={props.text} onChange={(e) => props.onText(e.target.value)} placeholder={props.placeholder} autoComplete="off" />
      <RoleSelect label={props.roleLabel} value={props.role} onChange={props.onRole} testId={props.testIds.role} />
      <button className="btn" type="submit" data-testid={props.testIds.add}>
        {props.addLabel}
      </button>
    </form>
  );
}

/**
 * The role mapping editor: the synonyms of the role column and the job-title rules, with a live count of
 * the stored respondents each would map, saved only when valid, and a reset to the shipped defaults.
 */
export function RoleMappingEditor({ settings }: { settings: EffectiveSettings | null }) {
  const { t, f } = useI18n();
  const people = (n: number) => t('roleMap.people', { n });
  const saved = settings?.roleMapping ?? null;
  const [draft, setDraft] = useState<RoleMapping | null>(null);
  const [preview, setPreview] = useState<RoleMappingPreview | null>(null);
  const [previewError, setPreviewError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [newValue, setNewValue] = useState('');
  const [newValueRole, setNewValueRole] = useState<Role>('influencer');
  const [newPattern, setNewPattern] = useState('');
  const [newPatternRole, setNewPatternRole] = useState<Role>('decision_maker');
  const [dataVersion, setDataVersion] = useState(0);

  const mapping = draft ?? saved;
  const problems = useMemo(() => (mapping ? roleMappingProblems(mapping) : []), [mapping]);
  const dirty = !!(draft && saved && !same(draft, saved));

  useServiceEvents((event) => event.event === 'dataChanged' && setDataVersion((v) => v + 1));

  // The live preview follows the draft, a moment after typing stops.
  useEffect(() => {
    if (!mapping || problems.length > 0) return;
    let stale = false;
    const timer = setTimeout(() => {
      call('previewRoleMapping', { mapping })
        .then((p) => {
          if (stale) return;
          setPreview(p);
          setPreviewError(null);
        })
        .catch((e: unknown) => !stale && setPreviewError(e));
    }, 200);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [mapping, problems, dataVersion]);

  if (!mapping) {
    return (
      <section id="roles" aria-labelledby="roles-heading" className="card">
        <h2 id="roles-heading">{t('roleMap.heading')}</h2>
        <p className="muted">…</p>
      </section>
    );
  }

  const edit = (next: RoleMapping) => {
    setDraft(next);
    setMessage(null);
  };
  const synonyms = Object.entries(mapping.synonyms);

  const addSynonym = (event: FormEvent) => {
    event.preventDefault();
    const key = normalizeRoleKey(newValue);
    if (!key) return setMessage(t('roleMap.typeValue'));
    edit({ ...mapping, synonyms: { ...mapping.synonyms, [key]: newValueRole } });
    setNewValue('');
  };
  const removeSynonym = (key: string) => {
    const { [key]: _removed, ...rest } = mapping.synonyms;
    edit({ ...mapping, synonyms: rest });
  };
  const setRule = (i: number, patch: Partial<RoleMapping['titleRules'][number]>) =>
    edit({ ...mapping, titleRules: mapping.titleRules.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  const moveRule = (i: number, by: -1 | 1) => {
    const rules = [...mapping.titleRules];
    const [rule] = rules.splice(i, 1);
    rules.splice(i + by, 0, rule!);
    edit({ ...mapping, titleRules: rules });
  };
  const addRule = (event: FormEvent) => {
    event.preventDefault();
    if (!newPattern.trim()) return setMessage(t('roleMap.typePattern'));
    edit({ ...mapping, titleRules: [...mapping.titleRules, { pattern: newPattern.trim(), role: newPatternRole }] });
    setNewPattern('');
  };

  const save = async () => {
    try {
      await saveRoleMapping(mapping);
      setDraft(null);
      setMessage(t('roleMap.saved'));
    } catch (error) {
      setMessage(sayError(t, error));
    }
  };

  return (
    <section id="roles" aria-labelledby="roles-heading" className="card" data-testid="role-editor">
      <h2 id="roles-heading">{t('roleMap.heading')}</h2>
      <p className="small muted">{t('roleMap.help')}</p>

      {preview && (
        <p className="role-totals small" data-testid="role-preview" aria-live="polite">
          {people(preview.respondents)}:{' '}
          {ROLES.map((role, i) => (
            <span key={role}>
              {i > 0 && ' · '}
              {roleLabel(t, role)} <strong data-testid={`role-preview-${role}`}>{f.number(preview.byRole[role])}</strong>
            </span>
          ))}
        </p>
      )}
      {previewError != null && <p className="error small">{sayError(t, previewError)}</p>}

      <h3 className="small">{t('roleMap.synonyms')}</h3>
      <table className="mapping">
        <thead>
          <tr>
            <th scope="col">{t('roleMap.value')}</th>
            <th scope="col">{t('roles.role')}</th>
            <th scope="col">{t('roleMap.maps')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('sites.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {synonyms.map(([key, role]) => (
            <tr key={key} data-testid="synonym-row" data-key={key}>
              <th scope="row">{key}</th>
              <td>
                <RoleSelect label={t('roleMap.roleFor', { key })} value={role} onChange={(r) => edit({ ...mapping, synonyms: { ...mapping.synonyms, [key]: r } })} />
              </td>
              <td data-testid="synonym-count">{preview ? people(preview.bySynonym[key] ?? 0) : '…'}</td>
              <td>
                <button className="btn small" onClick={() => removeSynonym(key)} aria-label={t('roleMap.removeSynonym', { key })}>
                  {t('sites.remove')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddEntryForm
        onSubmit={addSynonym}
        label={t('roleMap.valueLabel')}
        text={newValue}
        onText={setNewValue}
        placeholder={t('roleMap.valuePlaceholder')}
        role={newValueRole}
        onRole={setNewValueRole}
        roleLabel={t('roleMap.roleForNewValue')}
        testIds={{ text: 'synonym-new-value', role: 'synonym-new-role', add: 'synonym-add' }}
        addLabel={t('roleMap.addSynonym')}
      />
      {preview && preview.unmappedValues.length > 0 && (
        <div className="small" data-testid="unmapped-values">
          {t('roleMap.unmapped')}{' '}
          {preview.unmappedValues.map((u, i) => (
            <span key={u.value}>
              {i > 0 && ', '}
              <button className="link" onClick={() => setNewValue(u.value)} aria-label={t('roleMap.mapValue', { value: u.value, people: people(u.respondents) })}>
                {u.value}
              </button>{' '}
              ({f.number(u.respondents)})
            </span>
          ))}
        </div>
      )}

      <h3 className="small">{t('roleMap.rules')}</h3>
      <ol className="rules">
        {mapping.titleRules.map((rule, i) => (
          <li key={i} data-testid="rule-row">
            <input
              aria-label={t('roleMap.patternOf', { n: i + 1 })}
              value={rule.pattern}
              onChange={(e) => setRule(i, { pattern: e.target.value })}
              data-testid="rule-pattern"
              autoComplete="off"
              spellCheck={false}
            />
            <RoleSelect label={t('roleMap.roleOf', { n: i + 1 })} value={rule.role} onChange={(role) => setRule(i, { role })} />
            <span className="small muted rule-count" data-testid="rule-count">
              {preview && preview.byTitleRule.length === mapping.titleRules.length ? people(preview.byTitleRule[i] ?? 0) : '…'}
            </span>
            <button className="btn small" onClick={() => moveRule(i, -1)} disabled={i === 0} aria-label={t('roleMap.up', { n: i + 1 })}>
              ↑
            </button>
            <button className="btn small" onClick={() => moveRule(i, 1)} disabled={i === mapping.titleRules.length - 1} aria-label={t('roleMap.down', { n: i + 1 })}>
              ↓
            </button>
            <button className="btn small" onClick={() => edit({ ...mapping, titleRules: mapping.titleRules.filter((_, j) => j !== i) })} aria-label={t('roleMap.removeRule', { n: i + 1 })}>
              {t('sites.remove')}
            </button>
          </li>
        ))}
      </ol>
      {preview && (
        <p className="small muted" data-testid="rule-fallback">
          {t('roleMap.fallback', { other: people(preview.titleWithoutRule), nothing: people(preview.nothing) })}
        </p>
      )}
      <AddEntryForm
        onSubmit={addRule}
        label={t('roleMap.titleContains')}
        text={newPattern}
        onText={setNewPattern}
        placeholder={t('roleMap.titlePlaceholder')}
        role={newPatternRole}
        onRole={setNewPatternRole}
        roleLabel={t('roleMap.roleForNewRule')}
        testIds={{ text: 'rule-new-pattern', role: 'rule-new-role', add: 'rule-add' }}
        addLabel={t('roleMap.addRule')}
      />

      {problems.length > 0 && (
        <ul className="error small" role="alert" data-testid="role-problems">
          {problems.map((p, i) => (
            <li key={i}>{t(`roleProblem.${p.code}`, p.values)}</li>
          ))}
        </ul>
      )}
      <div className="actions-row">
        <button className="btn btn-primary" onClick={() => void save()} disabled={!dirty || problems.length > 0} data-testid="role-save">
          {t('roleMap.save')}
        </button>
        <button className="btn" onClick={() => edit(saved ?? DEFAULT_ROLE_MAPPING)} disabled={!dirty} data-testid="role-discard">
          {t('roleMap.discard')}
        </button>
        <button className="btn" onClick={() => edit(DEFAULT_ROLE_MAPPING)} disabled={same(mapping, DEFAULT_ROLE_MAPPING)} data-testid="role-reset">
          {t('themes.resetButton')}
        </button>
      </div>
      <p role="status" className="small" data-testid="role-message">
        {message ?? (dirty ? t('roleMap.unsaved') : '')}
      </p>
    </section>
  );
}
