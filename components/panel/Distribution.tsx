import type { ChannelKey, NpsSummary, ResponseRate, ResponseRates, ScoreDistribution } from '../../lib/nps';
// Leaf modules, not the barrel: the panel loads none of the schemas the rest of lib/nps brings.
import { CHANNEL_KEYS } from '../../lib/nps/channels';
import { classifyScore } from '../../lib/nps/classify';
import { ScoreValue } from '../shared/Score';
import { channelLabel } from '../shared/labels';
import { useI18n } from '../shared/i18n';
import type { Formats } from '../../lib/i18n';

/** The count of each score 0–10 as bars coloured by category, with the counts readable as text. */
export function ScoreDistributionBars({ distribution }: { distribution: ScoreDistribution }) {
  const { t } = useI18n();
  const max = Math.max(1, ...distribution);
  const total = distribution.reduce((a, b) => a + b, 0);
  return (
    <ol className="dist" aria-label={t('scores.perScore', { total })} data-testid="score-distribution">
      {distribution.map((count, score) => (
        <li key={score} data-testid={`dist-${score}`} data-count={count}>
          <span className="dist-count" aria-hidden="true">
            {count || ''}
          </span>
          <span className={`dist-bar ${classifyScore(score)}`} style={{ height: `${(count / max) * 100}%` }} aria-hidden="true" />
          <span className="dist-score">
            {score}
            <span className="visually-hidden">: {t('scores.answers', { n: count })}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}

function rateText(rate: ResponseRate, f: Formats): string {
  return f.percent(rate.rate ?? 0);
}

/**
 * A rate a person can believe: none where the window's answers outnumber its sends (surveys sent
 * before the window, answers that came another way), which would read as over 100%.
 */
const believable = (rate: ResponseRate) => rate.rate !== null && rate.rate <= 1;

/** Channels that carry an answer or a send in the window; the rest would be empty rows. */
function channelsInUse(channels: Record<ChannelKey, NpsSummary>, rates: ResponseRates): ChannelKey[] {
  return CHANNEL_KEYS.filter((key) => channels[key].n > 0 || rates.byChannel[key].sends > 0);
}

export interface DistributionProps {
  distribution: ScoreDistribution;
  responseRates: ResponseRates;
  channels: Record<ChannelKey, NpsSummary>;
}

/** Distribution 0–10, and the response rate and channel breakdown where the data has them. */
export function Distribution({ distribution, responseRates, channels }: DistributionProps) {
  const { t, f } = useI18n();
  const overall = responseRates.overall;
  const used = channelsInUse(channels, responseRates);
  // A channel table is worth showing once any answer's channel is known.
  const showChannels = used.some((key) => key !== 'unspecified');
  const anySends = overall.sends > 0;
  return (
    <section aria-labelledby="dist-heading">
      <h2 id="dist-heading">{t('scores.heading')}</h2>
      <ScoreDistributionBars distribution={distribution} />
      {anySends && (
        <p className="small" data-testid="response-rate">
          {believable(overall) ? (
            <>
              {t('scores.rate')} <strong>{rateText(overall, f)}</strong> {t('scores.rateOf', { responses: overall.responses, sends: overall.sends })}
            </>
          ) : (
            t('scores.moreAnswersThanSends', { responses: overall.responses, sends: overall.sends })
          )}
        </p>
      )}
      {overall.lowRateWarning && (
        <p className="warning small" data-testid="low-rate-warning">
          {t('scores.lowRate')}
        </p>
      )}
      {showChannels && (
        <table className="roles channels" data-testid="channel-table">
          <caption className="visually-hidden">{t('scores.byChannel')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('scores.channel')}</th>
              <th scope="col">NPS</th>
              <th scope="col">N</th>
              {anySends && <th scope="col">{t('scores.rateColumn')}</th>}
            </tr>
          </thead>
          <tbody>
            {used.map((key) => {
              const rate = responseRates.byChannel[key];
              return (
                <tr key={key} data-testid={`channel-row-${key}`}>
                  <th scope="row">{channelLabel(t, key)}</th>
                  <td>
                    <ScoreValue summary={channels[key]} testId="channel-nps" />
                  </td>
                  <td data-testid="channel-n">{channels[key].n}</td>
                  {anySends && (
                    <td className={rate.lowRateWarning ? 'detractor' : ''} title={believable(rate) ? undefined : t('roles.rateCounts', { responses: rate.responses, sends: rate.sends })}>
                      {believable(rate) ? rateText(rate, f) : '—'}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
