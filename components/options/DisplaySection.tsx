import { useEffect, useId, useState } from 'react';
import type { CountingRule, WindowKey } from '../../lib/model';
import { updateDisplaySettings, type EffectiveSettings } from '../../lib/settings';
import { LockedNote } from './LockedNote';
import { LanguageSetting } from './LanguageSetting';
import { errorText } from '../../lib/core/errors';

const WINDOW_OPTIONS: Array<{ value: WindowKey; label: string }> = [
  { value: '90d', label: 'Last 90 days' },
  { value: '180d', label: 'Last 180 days' },
  { value: '365d', label: 'Last 12 months' },
  { value: 'all', label: 'All time' },
];

const RULES: Array<{ value: CountingRule; label: string; help: string }> = [
  { value: 'all', label: 'Every response', help: 'Each answer in the window counts (the usual rule of survey tools).' },
  {
    value: 'latest_per_respondent',
    label: 'Latest answer per respondent',
    help: 'Only each person’s newest answer in the window counts, so someone who answers every quarter does not outweigh the others.',
  },
];

/** Display: the window the headline uses by default, and which responses count. */
export function DisplaySection({ settings }: { settings: EffectiveSettings | null }) {
  const [message, setMessage] = useState<string | null>(null);
  const windowId = useId();
  const lockedId = useId();
  const locked = settings?.locked.defaultWindow ?? false;
  // What the user chose shows at once; the stored settings confirm it a moment later.
  const [chosen, setChosen] = useState<{ defaultWindow?: WindowKey; countingRule?: CountingRule }>({});
  useEffect(() => setChosen({}), [settings]);
  const shown = settings
    ? {
        defaultWindow: locked ? settings.display.defaultWindow : (chosen.defaultWindow ?? settings.display.defaultWindow),
        countingRule: chosen.countingRule ?? settings.display.countingRule,
      }
    : null;

  const save = async (patch: Parameters<typeof updateDisplaySettings>[0], said: string) => {
    setChosen((c) => ({ ...c, ...patch }));
    try {
      await updateDisplaySettings(patch);
      setMessage(said);
    } catch (error) {
      setMessage(errorText(error));
    }
  };

  return (
    <section id="display" aria-labelledby="display-heading" className="card" data-testid="display-section">
      <h2 id="display-heading">Display</h2>
      {settings && shown ? (
        <div className="form-grid">
          <label htmlFor={windowId}>Default time window</label>
          <div>
            <select
              id={windowId}
              data-testid="display-window"
              value={shown.defaultWindow}
              disabled={locked}
              aria-describedby={locked ? lockedId : undefined}
              onChange={(e) => {
                const option = WINDOW_OPTIONS.find((o) => o.value === e.target.value);
                if (option) void save({ defaultWindow: option.value }, `Scores now use: ${option.label.toLowerCase()}.`);
              }}
            >
              {WINDOW_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
            {locked && <LockedNote id={lockedId} testId="locked-window" />}
          </div>
          <LanguageSetting onSaved={setMessage} />
          <fieldset className="radio-group">
            <legend>Which responses count</legend>
            {RULES.map((rule) => (
              <label key={rule.value} className="radio">
                <input
                  type="radio"
                  name="counting-rule"
                  value={rule.value}
                  data-testid={`display-rule-${rule.value}`}
                  checked={shown.countingRule === rule.value}
                  onChange={() => void save({ countingRule: rule.value }, `Counting rule: ${rule.label.toLowerCase()}.`)}
                />{' '}
                <span>
                  {rule.label}
                  <span className="muted small block">{rule.help}</span>
                </span>
              </label>
            ))}
          </fieldset>
        </div>
      ) : (
        <p className="muted">…</p>
      )}
      <p role="status" className="small" data-testid="display-message">
        {message}
      </p>
    </section>
  );
}
