import type { NpsSummary } from '../lib/nps';
import { formatCounts, formatInterval, ScoreValue } from './Score';

const WINDOW_LABEL: Record<string, string> = {
  '90d': 'last 90 days',
  '180d': 'last 180 days',
  '365d': 'last 12 months',
  all: 'all time',
};

/** The headline: NPS with its sign, N and the 95% interval; the counts instead when N < 5. */
export function Headline({ summary, window }: { summary: NpsSummary; window: string }) {
  const interval = formatInterval(summary);
  return (
    <section className="headline" aria-label="Net Promoter Score">
      <div className="headline-score">
        <ScoreValue summary={summary} testId="nps-score" />
        <div className="headline-meta">
          <div>
            NPS · <span data-testid="nps-n">{summary.n}</span> {summary.n === 1 ? 'response' : 'responses'} ·{' '}
            {WINDOW_LABEL[window] ?? window}
          </div>
          {interval && (
            <div className={summary.showInterval ? '' : 'muted'} title="95% interval (adjusted Wald)">
              95% interval <span data-testid="nps-interval">{interval}</span>
            </div>
          )}
        </div>
      </div>
      {summary.withheld && (
        <p className="warning small">
          {summary.n === 0 ? 'No responses in this window.' : `Too few responses for a score: ${formatCounts(summary)}.`}
        </p>
      )}
      {!summary.withheld && summary.showInterval && (
        <p className="warning small">Small sample: the true score could be anywhere in the interval.</p>
      )}
    </section>
  );
}
