import { useEffect, useState } from 'react';
import { call } from '../../lib/messaging/client';
import { errorText } from '../../lib/core/errors';
import type { PortfolioInsights } from '../../lib/messaging/protocol';
import { EMOTION_LABEL, WINDOW_LABEL } from '../shared/labels';
import { themeLabel } from '../shared/theme-label';
import { useServiceEvents } from '../shared/useServiceEvents';

const numberFormat = new Intl.NumberFormat();
const signed = (n: number | null) => {
  if (n === null) return '—';
  const r = Math.round(n);
  return `${r > 0 ? '+' : r < 0 ? '−' : ''}${Math.abs(r)}`;
};

/**
 * What customers say across every account (docs/insights.md): one account rarely has enough comments for
 * a driver, so themes and drivers are shown here over all of them, in the default window, among the
 * responses with a comment. Opened from the popup.
 */
export function PortfolioApp() {
  const [data, setData] = useState<PortfolioInsights | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = () =>
    call('getPortfolioInsights', {}).then(
      (d) => (setData(d), setError(null)),
      (e) => setError(errorText(e)),
    );
  useEffect(() => void load(), []);
  useServiceEvents((event) => {
    if (event.event === 'dataChanged' || event.event === 'insightsChanged') void load();
  });

  if (error) return <main className="panel portfolio"><p role="alert" className="error">Could not read the stored comments: {error}</p></main>;
  if (!data) return <main className="panel portfolio" aria-busy="true"><p className="muted">Reading what customers say…</p></main>;
  const { summary, taxonomy } = data;
  const label = (id: string) => themeLabel(id, taxonomy);
  const drivers = summary.drivers.filter((d) => d.direction !== 'none');
  return (
    <main className="panel portfolio" data-testid="portfolio">
      <h1>What customers say, across all accounts</h1>
      <p className="small muted" data-testid="portfolio-coverage">
        {WINDOW_LABEL[data.window] ?? data.window}: {numberFormat.format(summary.coverage.comments)} comments of {numberFormat.format(data.responses)} responses
        {summary.coverage.unread > 0 && `; ${numberFormat.format(summary.coverage.unread)} not read yet`}
        {summary.coverage.notAnalysed.length > 0 && `; ${numberFormat.format(summary.coverage.notAnalysed.reduce((n, l) => n + l.count, 0))} not analysed (other languages)`}.
        Drivers compare the comments that mention a theme with the other comments.
      </p>
      <h2>What moves the score</h2>
      {drivers.length === 0 ? (
        <p className="small muted">No theme moves the score significantly ({summary.drivers.length} themes have enough respondents to tell).</p>
      ) : (
        <ul className="list small">
          {drivers.map((d) => (
            <li key={d.id} data-testid="portfolio-driver" data-theme-id={d.id} data-direction={d.direction}>
              {d.direction === 'down' ? '▼' : '▲'} {label(d.id)}: NPS {signed(d.mentioning.nps)} when mentioned (N={d.mentioning.counts.n}) against {signed(d.rest.nps)}{' '}
              otherwise (N={d.rest.counts.n})
            </li>
          ))}
        </ul>
      )}
      {(['detractors', 'promoters'] as const).map((group) => (
        <section key={group}>
          <h2>{group === 'detractors' ? 'Detractors mention' : 'Promoters mention'}</h2>
          {summary[group].length === 0 ? (
            <p className="small muted">No theme mentioned by two or more respondents.</p>
          ) : (
            <ul className="list small portfolio-themes">
              {summary[group].map((t) => (
                <li key={t.id} data-testid="portfolio-theme" data-theme-id={t.id} data-group={group} data-count={t.respondents}>
                  <strong>{label(t.id)}</strong> · {numberFormat.format(t.respondents)} respondents
                  <q className="insight-quote">{t.quote}</q>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {summary.emotions.detractors.length > 0 && (
        <>
          <h2>How detractors feel</h2>
          <p className="small">{summary.emotions.detractors.map(([id, n]) => `${EMOTION_LABEL[id] ?? id} ${numberFormat.format(n)}`).join(' · ')}</p>
        </>
      )}
    </main>
  );
}
