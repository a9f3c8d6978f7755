import { useEffect, useId, useState } from 'react';
import type { CountingRule, WindowKey } from '../../lib/model';
import { updateDisplaySettings, type EffectiveSettings } from '../../lib/settings';
import { LockedNote } from './LockedNote';
import { LanguageSetting } from './LanguageSetting';
import { useI18n } from '../shared/i18n';
import type { MessageKey } from '../../lib/i18n';
import { windowWord } from '../shared/labels';
import { sayError } from '../shared/error-text';

const WINDOW_OPTIONS: Array<{ value: WindowKey; label: MessageKey }> = [
  { value: '90d', label: 'display.w90' },
  { value: '180d', label: 'display.w180' },
  { value: '365d', label: 'display.w365' },
  { value: 'all', label: 'display.all' },
];

const RULES: Array<{ value: CountingRule; label: MessageKey; help: MessageKey }> = [
  { value: 'all', label: 'display.ruleAll', help: 'display.ruleAllHelp' },
  { value: 'latest_per_respondent', label: 'display.ruleLatest', help: 'display.ruleLatestHelp' },
];

/** Display: the window the headline uses by default, and which responses count. */
export function DisplaySection({ settings }: { settings: EffectiveSettings | null }) {
  const { t } = useI18n();
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
      setMessage(sayError(t, error));
    }
  };

  return (
    <section id="display" aria-labelledby="display-heading" className="card" data-testid="display-section">
      <h2 id="display-heading">{t('options.nav.display')}</h2>
      {settings && shown ? (
        <div className="form-grid">
          <label htmlFor={windowId}>{t('display.window')}</label>
          <div>
            <select
              id={windowId}
              data-testid="display-window"
              value={shown.defaultWindow}
              disabled={locked}
              aria-describedby={locked ? lockedId : undefined}
              onChange={(e) => {
                const option = WINDOW_OPTIONS.find((o) => o.value === e.target.value);
                if (option) void save({ defaultWindow: option.value }, t('display.windowSaved', { window: windowWord(option.value) }));
              }}
            >
              {WINDOW_OPTIONS.map((o) => (
                <option key={o.value} value={o.value}>
                  {t(o.label)}
                </option>
              ))}
            </select>
            {locked && <LockedNote id={lockedId} testId="locked-window" />}
          </div>
          <LanguageSetting onSaved={setMessage} />
          <fieldset className="radio-group">
            <legend>{t('display.rule')}</legend>
            {RULES.map((rule) => (
              <label key={rule.value} className="radio">
                <input
                  type="radio"
                  name="counting-rule"
                  value={rule.value}
                  data-testid={`display-rule-${rule.value}`}
                  checked={shown.countingRule === rule.value}
                  onChange={() => void save({ countingRule: rule.value }, t('display.ruleSaved', { rule: rule.value === 'all' ? 'all' : 'latest' }))}
                />{' '}
                <span>
                  {t(rule.label)}
                  <span className="muted small block">{t(rule.help)}</span>
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
