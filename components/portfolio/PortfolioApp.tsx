import { useEffect, useState } from 'react';
import { call } from '../../lib/messaging/client';
import { sayError } from '../shared/error-text';
import { formatNps } from '../../lib/nps';
import type { PortfolioInsights } from '../../lib/messaging/protocol';
import { emotionLabel, windowWord } from '../shared/labels';
import { themeLabel } from '../shared/theme-label';
import { useServiceEvents } from '../shared/useServiceEvents';
import { useI18n } from '../shared/i18n';

const signed = (n: number | null) => (n === null ? '—' : formatNps(n));

/**
 * What customers say across every account (docs/insights.md): one account rarely has enough comments for
 * a driver, so themes and drivers are shown here over all of them, in the default window, among the
 * responses with a comment. Opened from the popup.
 */
export function PortfolioApp() {
  const { t, f } = useI18n();
  const [data, setData] = useState<PortfolioInsights | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = () =>
    call('getPortfolioInsights', {}).then(
      (d) => (setData(d), setError(null)),
      (e: unknown) => setError(e),
    );
  useEffect(() => void load(), []);
  useServiceEvents((event) => {
    if (event.event === 'dataChanged' || event.event === 'insightsChanged') void load();
  });

  if (error != null) return <main className="panel portfolio"><p role="alert" className="error">{t('portfolio.couldNotRead', { error: sayError(t, error) })}</p></main>;
  if (!data) return <main className="panel portfolio" aria-busy="true"><p className="muted">{t('portfolio.reading')}</p></main>;
  const { summary, taxonomy } = data;
  const label = (id: string) => themeLabel(id, taxonomy);
  const drivers = summary.drivers.filter((d) => d.direction !== 'none');
  const notAnalysed = summary.coverage.notAnalysed.reduce((n, l) => n + l.count, 0);
  return (
    <main className="panel portfolio" data-testid="portfolio">
      <h1>{t('portfolio.heading')}</h1>
      <p className="small muted" data-testid="portfolio-coverage">
        {t('portfolio.coverageLine', {
          coverage: t('portfolio.coverage', { window: t('window.headline', { window: windowWord(data.window) }), comments: summary.coverage.comments, responses: data.responses }),
          unread: summary.coverage.unread > 0 ? t('insights.unread', { n: f.number(summary.coverage.unread) }) : '',
          notAnalysed: notAnalysed > 0 ? t('portfolio.notAnalysed', { n: f.number(notAnalysed) }) : '',
        })}
      </p>
      <h2>{t('insights.drivers')}</h2>
      {drivers.length === 0 ? (
        <p className="small muted">{t('portfolio.noDrivers', { n: summary.drivers.length })}</p>
      ) : (
        <ul className="list small">
          {drivers.map((d) => (
            <li key={d.id} data-testid="portfolio-driver" data-theme-id={d.id} data-direction={d.direction}>
              {d.direction === 'down' ? '▼' : '▲'}{' '}
              {t('insights.driver', {
                theme: label(d.id),
                mentioning: signed(d.mentioning.nps),
                n: f.number(d.mentioning.counts.n),
                rest: signed(d.rest.nps),
                restN: f.number(d.rest.counts.n),
              })}
            </li>
          ))}
        </ul>
      )}
      {(['detractors', 'promoters'] as const).map((group) => (
        <section key={group}>
          <h2>{t(group === 'detractors' ? 'insights.detractorsMention' : 'insights.promotersMention')}</h2>
          {summary[group].length === 0 ? (
            <p className="small muted">{t('portfolio.noTheme')}</p>
          ) : (
            <ul className="list small portfolio-themes">
              {summary[group].map((theme) => (
                <li key={theme.id} data-testid="portfolio-theme" data-theme-id={theme.id} data-group={group} data-count={theme.respondents}>
                  <strong>{label(theme.id)}</strong> · {t('portfolio.respondents', { n: theme.respondents })}
                  <q className="insight-quote">{theme.quote}</q>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {summary.emotions.detractors.length > 0 && (
        <>
          <h2>{t('portfolio.feel')}</h2>
          <p className="small">{summary.emotions.detractors.map(([id, n]) => `${emotionLabel(t, id)} ${f.number(n)}`).join(' · ')}</p>
        </>
      )}
    </main>
  );
}
