import { formatNps, type ChangeVsPrevious, type NpsSummary } from '../../lib/nps';
import { formatCounts, formatInterval, ScoreValue } from './Score';
import { WINDOW_LABEL, PREVIOUS_LABEL } from './labels';

/** Up or down only when significant; otherwise says there is no significant change, or why it cannot. */
function ChangeLine({ change, window }: { change: ChangeVsPrevious; window: string }) {
  const { significance, previous } = change;
  const before = PREVIOUS_LABEL[window];
  if (!before || !previous || significance.reason === 'no_previous_period') return null;
  if (significance.direction !== 'none' && significance.delta !== null) {
    const up = significance.direction === 'up';
    return (
      <p className={`change small ${up ? 'promoter' : 'detractor'}`} data-testid="nps-change" data-direction={significance.direction}>
        <span aria-hidden="true">{up ? '▲' : '▼'} </span>
        {up ? 'Up' : 'Down'} {Math.abs(Math.round(significance.delta))} points from {formatNps(previous.nps ?? 0)} in {before} (significant)
      </p>
    );
  }
  const text =
    significance.reason === 'not_significant'
      ? `No significant change from ${formatNps(previous.nps ?? 0)} in ${before} (N ${previous.n}).`
      : `Too few answers in ${before} to compare (N ${previous.n}).`;
  return (
    <p className="change small muted" data-testid="nps-change" data-direction="none">
      {text}
    </p>
  );
}

/** The headline: NPS with its sign, N and the 95% interval; the counts instead when N < 5. */
export function Headline({ summary, window, change }: { summary: NpsSummary; window: string; change?: ChangeVsPrevious }) {
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
      {change && !summary.withheld && <ChangeLine change={change} window={window} />}
    </section>
  );
}
