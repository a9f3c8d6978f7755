import { useEffect, useId, useState } from 'react';
import { LOCALES, LOCALE_NAMES, resolveLocale, type LanguageChoice } from '../../lib/i18n';
import { languageSetting, LanguageChoiceSchema, readLanguageChoice } from '../../lib/settings';
import { errorText } from '../../lib/core/errors';

/** The UI's language: the browser's by default, or one the person picks; open panels and popups follow at once. */
export function LanguageSetting({ onSaved }: { onSaved: (message: string) => void }) {
  const id = useId();
  const [choice, setChoice] = useState<LanguageChoice | null>(null);
  useEffect(() => {
    void readLanguageChoice().then(setChoice, () => setChoice('auto'));
    return languageSetting.watch((c) => setChoice(c ?? 'auto'));
  }, []);
  const browserLocale = resolveLocale('auto', typeof navigator === 'undefined' ? [] : navigator.languages);

  const save = async (value: string) => {
    const parsed = LanguageChoiceSchema.safeParse(value);
    if (!parsed.success) return;
    setChoice(parsed.data);
    try {
      await languageSetting.setValue(parsed.data);
      onSaved(parsed.data === 'auto' ? `Language: the browser’s (${LOCALE_NAMES[browserLocale]}).` : `Language: ${LOCALE_NAMES[parsed.data]}.`);
    } catch (error) {
      onSaved(errorText(error));
    }
  };

  return (
    <>
      <label htmlFor={id}>Language</label>
      <div>
        <select id={id} data-testid="display-language" value={choice ?? 'auto'} disabled={choice === null} onChange={(e) => void save(e.target.value)}>
          <option value="auto">Browser default ({LOCALE_NAMES[browserLocale]})</option>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {LOCALE_NAMES[locale]}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}
