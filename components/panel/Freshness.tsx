import type { Freshness as FreshnessInfo } from '../../lib/model/page';
import { translator, type Translator } from '../../lib/i18n';
import { useI18n } from '../shared/i18n';
import { sayStored } from '../shared/error-text';

const english = translator('en');

/** "just now", "4 min ago", "3 h ago", "2 days ago": an age short enough for the panel's header. */
export function formatAge(then: number, now: number, t: Translator = english): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return t('age.now');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return t('age.minutes', { n: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return t('age.hours', { n: hours });
  return t('age.days', { n: Math.floor(hours / 24) });
}

export interface FreshnessProps {
  freshness: FreshnessInfo;
  /** When the records were last written locally; used when the source never said when it sent them. */
  updatedAt: number | null;
  sourceName: string;
  now: number;
  /** Asks the source again; absent where refreshing makes no sense. */
  onRefresh?: () => void;
  /** Why the last refresh request itself failed (the background did not answer, say). */
  refreshError?: string | null;
}

/** Where the data came from and how old it is, with a refresh; stale data says so with its age. */
export function Freshness({ freshness, updatedAt, sourceName, now, onRefresh, refreshError }: FreshnessProps) {
  const { t, f } = useI18n();
  const at = freshness.fetchedAt ?? updatedAt;
  const error = refreshError ?? (freshness.lastError === null ? null : sayStored(t, freshness.lastError, freshness.lastErrorWords));
  return (
    <div className="freshness small" data-testid="panel-freshness" data-stale={freshness.stale ? 'true' : 'false'}>
      <span className="muted">
        {sourceName && <span data-testid="panel-source">{sourceName}</span>}
        {sourceName && at !== null && ' · '}
        {at !== null && (
          <time dateTime={new Date(at).toISOString()} title={f.dateTime(at)}>
            {t('freshness.updated', { age: formatAge(at, now, t) })}
          </time>
        )}
      </span>
      {freshness.stale && !freshness.refreshing && <span className="badge">{t('freshness.stale')}</span>}
      {freshness.refreshing ? (
        <span className="muted" role="status">
          {t('freshness.refreshing')}
        </span>
      ) : (
        onRefresh && (
          <button type="button" className="link" onClick={onRefresh}>
            {t('freshness.refresh')}
          </button>
        )
      )}
      {error && (
        <p className="warning small" role="status" data-testid="panel-refresh-error">
          {at !== null ? t('freshness.couldNotRefreshShowing', { age: formatAge(at, now, t), error }) : t('freshness.couldNotRefresh', { error })}
        </p>
      )}
    </div>
  );
}
