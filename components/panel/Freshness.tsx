import type { Freshness as FreshnessInfo } from '../../lib/model/page';

/** "just now", "4 min ago", "3 h ago", "2 days ago": an age short enough for the panel's header. */
export function formatAge(then: number, now: number): string {
  const seconds = Math.max(0, Math.round((now - then) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} days ago`;
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
  const at = freshness.fetchedAt ?? updatedAt;
  const error = refreshError ?? freshness.lastError;
  return (
    <div className="freshness small" data-testid="panel-freshness" data-stale={freshness.stale ? 'true' : 'false'}>
      <span className="muted">
        {sourceName && <span data-testid="panel-source">{sourceName}</span>}
        {sourceName && at !== null && ' · '}
        {at !== null && (
          <time dateTime={new Date(at).toISOString()} title={new Date(at).toLocaleString()}>
            updated {formatAge(at, now)}
          </time>
        )}
      </span>
      {freshness.stale && !freshness.refreshing && <span className="badge">stale</span>}
      {freshness.refreshing ? (
        <span className="muted" role="status">
          refreshing…
        </span>
      ) : (
        onRefresh && (
          <button type="button" className="link" onClick={onRefresh}>
            Refresh
          </button>
        )
      )}
      {error && (
        <p className="warning small" role="status" data-testid="panel-refresh-error">
          Could not refresh{at !== null ? `; showing data from ${formatAge(at, now)}` : ''}: {error}
        </p>
      )}
    </div>
  );
}
