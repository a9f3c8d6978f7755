import { useI18n } from './i18n';

export interface ShowAllProps {
  /** Entries shown, and how many there are. */
  shown: number;
  total: number;
  /** The id of the list's heading, which the button is about. */
  describedBy: string;
  onShowAll?: () => void;
}

/** "Show all (312)": a list that shows its first entries asks for the rest. Nothing when all are shown. */
export function ShowAll({ shown, total, describedBy, onShowAll }: ShowAllProps) {
  const { t } = useI18n();
  if (!onShowAll || shown >= total) return null;
  return (
    <button type="button" className="link small" aria-describedby={describedBy} onClick={onShowAll} data-testid="list-show-all">
      {t('panel.showAll', { n: total })}
    </button>
  );
}
