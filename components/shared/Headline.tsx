import type { ChangeVsPrevious, NpsSummary } from '../../lib/nps';
import { formatNps } from '../../lib/nps/nps';
import { formatCounts, formatInterval, ScoreValue } from './Score';
import { windowWord } from './labels';
import { useI18n } from './i18n';

/** Up or down only when significant; otherwise says there is no significant change, or why it cannot. */
function ChangeLine({ change, window }: { change: ChangeVsPrevious; window: string }) {
  const { t, f } = useI18n();
  const { significance, previous } = change;
  if (window === 'all' || !previous || significance.reason === 'no_previous_period') return null;
  const values = { window: windowWord(window), previous: formatNps(previous.nps ?? 0), n: f.number(previous.n) };
  if (significance.direction !== 'none' && significance.delta !== null) {
    const up = significance.direction === 'up';
    return (
      <p className={`change small ${up ? 'promoter' : 'detractor'}`} data-testid="nps-change" data-direction={significance.direction}>
        <span aria-hidden="true">{up ? '▲' : '▼'} </span>
        {t(up ? 'headline.up' : 'headline.down', { ...values, points: Math.abs(Math.round(significance.delta)) })}
      </p>
    );
  }
  return (
    <p className="change small muted" data-testid="nps-change" data-direction="none">
      {t(significance.reason === 'not_significant' ? 'headline.noChange' : 'headline.tooFewToCompare', values)}
    </p>
  );
}

/** The headline: NPS with its sign, N and the 95% interval; the counts instead when N < 5. */
export function Headline({ summary, window, change }: { summary: NpsSummary; window: string; change?: ChangeVsPrevious }) {
  const { t } = useI18n();
  const interval = formatInterval(summary, t);
  return (
    <section className="headline" aria-label={t('headline.label')}>
      <div className="headline-score">
        <ScoreValue summary={summary} testId="nps-score" />
        <div className="headline-meta">
          <div>
            NPS · <span data-testid="nps-n">{summary.n}</span> {t('headline.responses', { n: summary.n })} · {t('window.headline', { window: windowWord(window) })}
          </div>
          {interval && (
            <div className={summary.showInterval ? '' : 'muted'} title={t('headline.intervalTitle')}>
              {t('headline.interval')} <span data-testid="nps-interval">{interval}</span>
            </div>
          )}
        </div>
      </div>
      {summary.withheld && (
        <p className="warning small">
          {summary.n === 0 ? t('headline.noResponses') : t('headline.tooFew', { counts: formatCounts(summary, t) })}
        </p>
      )}
      {!summary.withheld && summary.showInterval && <p className="warning small">{t('headline.smallSample')}</p>}
      {change && !summary.withheld && <ChangeLine change={change} window={window} />}
    </section>
  );
}
