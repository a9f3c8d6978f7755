import { useI18n } from '../shared/i18n';

/** Says that an administrator's policy fixed a setting, so its control is read-only. */
export function LockedNote({ id, testId }: { id: string; testId: string }) {
  const { t } = useI18n();
  return (
    <p id={id} className="locked small" data-testid={testId}>
      <span aria-hidden="true">🔒 </span>{t('options.locked')}
    </p>
  );
}
