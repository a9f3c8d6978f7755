import { useEffect, useId, useState } from 'react';
import { LOCALES, LOCALE_NAMES, resolveLocale, translatorFor, type LanguageChoice } from '../../lib/i18n';
import { isLanguageChoice, languageSetting, readLanguageChoice } from '../../lib/settings';
import { sayError } from '../shared/error-text';
import { useI18n } from '../shared/i18n';

/** The UI's language: the browser's by default, or one the person picks; open panels and popups follow at once. */
export function LanguageSetting({ onSaved }: { onSaved: (message: string) => void }) {
  const { t } = useI18n();
  const id = useId();
  const [choice, setChoice] = useState<LanguageChoice | null>(null);
  useEffect(() => {
    void readLanguageChoice().then(setChoice, () => setChoice('auto'));
    return languageSetting.watch((c) => setChoice(c ?? 'auto'));
  }, []);
  const browserLocale = resolveLocale('auto', typeof navigator === 'undefined' ? [] : navigator.languages);

  const save = async (value: string) => {
    if (!isLanguageChoice(value)) return;
    setChoice(value);
    try {
      await languageSetting.setValue(value);
      // Said in the language just chosen (the page follows it a moment later).
      const said = await translatorFor(resolveLocale(value, navigator.languages));
      onSaved(value === 'auto' ? said('language.savedAuto', { language: LOCALE_NAMES[browserLocale] }) : said('language.saved', { language: LOCALE_NAMES[value] }));
    } catch (error) {
      onSaved(sayError(t, error));
    }
  };

  return (
    <>
      <label htmlFor={id}>{t('language.label')}</label>
      <div>
        <select id={id} data-testid="display-language" value={choice ?? 'auto'} disabled={choice === null} onChange={(e) => void save(e.target.value)}>
          <option value="auto">{t('language.auto', { language: LOCALE_NAMES[browserLocale] })}</option>
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
