import { CHANNEL_KEYS, classifyScore, type ChannelKey, type NpsSummary, type ResponseRate, type ResponseRates, type ScoreDistribution } from '../../lib/nps';
import { ScoreValue } from '../shared/Score';
import { CHANNEL_LABEL } from '../shared/labels';

/** The count of each score 0–10 as bars coloured by category, with the counts readable as text. */
export function ScoreDistributionBars({ distribution }: { distribution: ScoreDistribution }) {
  const max = Math.max(1, ...distribution);
  const total = distribution.reduce((a, b) => a + b, 0);
  return (
    <ol className="dist" aria-label={`Answers per score, ${total} in all`} data-testid="score-distribution">
      {distribution.map((count, score) => (
        <li key={score} data-testid={`dist-${score}`} data-count={count}>
          <span className="dist-count" aria-hidden="true">
            {count || ''}
          </span>
          <span className={`dist-bar ${classifyScore(score)}`} style={{ height: `${(count / max) * 100}%` }} aria-hidden="true" />
          <span className="dist-score">
            {score}
            <span className="visually-hidden">: {count === 1 ? '1 answer' : `${count} answers`}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}

function rateText(rate: ResponseRate): string {
  return `${Math.round((rate.rate ?? 0) * 100)}%`;
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
  const overall = responseRates.overall;
  const used = channelsInUse(channels, responseRates);
  // A channel table is worth showing once any answer's channel is known.
  const showChannels = used.some((key) => key !== 'unspecified');
  const anySends = overall.sends > 0;
  return (
    <section aria-labelledby="dist-heading">
      <h2 id="dist-heading">Scores</h2>
      <ScoreDistributionBars distribution={distribution} />
      {anySends && (
        <p className="small" data-testid="response-rate">
          {believable(overall) ? (
            <>
              Response rate <strong>{rateText(overall)}</strong> ({overall.responses} of {overall.sends} surveys sent in this window)
            </>
          ) : (
            <>
              {overall.responses} answers to {overall.sends} surveys sent in this window: more answers than sends (some answer surveys sent
              earlier, or came another way), so no rate is given.
            </>
          )}
        </p>
      )}
      {overall.lowRateWarning && (
        <p className="warning small" data-testid="low-rate-warning">
          Under 20% answered: these answers may over-represent the very happy and the very unhappy.
        </p>
      )}
      {showChannels && (
        <table className="roles channels" data-testid="channel-table">
          <caption className="visually-hidden">NPS by channel</caption>
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">NPS</th>
              <th scope="col">N</th>
              {anySends && <th scope="col">Rate</th>}
            </tr>
          </thead>
          <tbody>
            {used.map((key) => {
              const rate = responseRates.byChannel[key];
              return (
                <tr key={key} data-testid={`channel-row-${key}`}>
                  <th scope="row">{CHANNEL_LABEL[key]}</th>
                  <td>
                    <ScoreValue summary={channels[key]} testId="channel-nps" />
                  </td>
                  <td data-testid="channel-n">{channels[key].n}</td>
                  {anySends && (
                    <td className={rate.lowRateWarning ? 'detractor' : ''} title={believable(rate) ? undefined : `${rate.responses} answers to ${rate.sends} surveys sent`}>
                      {believable(rate) ? rateText(rate) : '—'}
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
