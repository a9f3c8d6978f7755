import { emotionLabel } from '../shared/labels';
import { useI18n } from '../shared/i18n';
import type { Taxonomy } from '../../lib/insights/types';
import { themeLabel, type PanelInsights } from './panel-insights';

/** A language's name in the UI's language ("French", "Französisch"); the code when the browser has none. */
function languageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}
const signed = (n: number | null) => {
  if (n === null) return '—';
  const r = Math.round(n);
  return `${r > 0 ? '+' : r < 0 ? '−' : ''}${Math.abs(r)}`;
};

/**
 * "What they are saying" (docs/insights.md): the themes detractors and promoters mention, the themes that
 * move the score, the emotions behind the low scores, the comments a number hides, and always how much
 * was read. Customer text (the quotes) is rendered as text. A theme filters the comments below.
 */
export function InsightsSection({ insights: view, taxonomy, onTheme }: {
  /** Computed in the background over the window's counted responses (`lib/insights/panel.ts`). */
  insights: PanelInsights;
  taxonomy?: Taxonomy;
  onTheme: (themeId: string) => void;
}) {
  const { t, locale } = useI18n();
  const label = (id: string) => themeLabel(id, taxonomy);
  const { coverage } = view;
  if (coverage.comments === 0) return null;
  const drivers = view.drivers.filter((d) => d.direction !== 'none');
  return (
    <section aria-labelledby="insights-heading" className="insights" data-testid="insights">
      <h2 id="insights-heading">{t('insights.heading')}</h2>
      <p className="small muted" data-testid="insight-coverage" data-comments={coverage.comments} data-analysed={coverage.analysed}>
        {t('insights.coverage', { comments: coverage.comments, responses: coverage.responses })}
        {coverage.notAnalysed.length > 0 &&
          t('insights.notAnalysed', {
            n: coverage.notAnalysed.reduce((n, l) => n + l.count, 0),
            languages: coverage.notAnalysed.map((l) => `${l.language === 'und' ? t('insights.tooShort') : languageName(l.language, locale)}: ${l.count}`).join(', '),
          })}
        {coverage.unread > 0 && t('insights.unread', { n: coverage.unread })}.
      </p>
      {(['detractors', 'promoters'] as const).map((group) =>
        view[group].length > 0 ? (
          <div key={group} className="insight-group">
            <h3 className="small">{t(group === 'detractors' ? 'insights.detractorsMention' : 'insights.promotersMention')}</h3>
            <ul className="list insight-themes">
              {view[group].map((theme) => (
                <li key={theme.id}>
                  <button
                    type="button"
                    className={`chip ${group}`}
                    data-testid="insight-theme"
                    data-theme-id={theme.id}
                    data-group={group}
                    data-count={theme.respondents}
                    onClick={() => onTheme(theme.id)}
                    aria-label={t('insights.themeLabel', { theme: label(theme.id), n: theme.respondents })}
                  >
                    {label(theme.id)} · {theme.respondents}
                  </button>
                  <q className="small insight-quote">{theme.quote}</q>
                </li>
              ))}
            </ul>
          </div>
        ) : null,
      )}
      {drivers.length > 0 && (
        <div className="insight-group">
          <h3 className="small">{t('insights.drivers')}</h3>
          <ul className="list small">
            {drivers.map((d) => (
              <li key={d.id} data-testid="insight-driver" data-theme-id={d.id} data-direction={d.direction}>
                {d.direction === 'down' ? '▼' : '▲'}{' '}
                {t('insights.driver', { theme: label(d.id), mentioning: signed(d.mentioning.nps), n: d.mentioning.counts.n, rest: signed(d.rest.nps), restN: d.rest.counts.n })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {view.emotions.detractors.length + view.emotions.passives.length > 0 && (
        <div className="insight-group small">
          <h3 className="small">{t('insights.feel')}</h3>
          {(['detractors', 'passives'] as const).map((group) =>
            view.emotions[group].length > 0 ? (
              <p key={group} data-testid={`insight-emotions-${group}`}>
                {t(group === 'detractors' ? 'filters.detractors' : 'filters.passives')}: {view.emotions[group].map(([id, n]) => `${emotionLabel(t, id)} ${n}`).join(' · ')}
              </p>
            ) : null,
          )}
        </div>
      )}
      {view.readThis.length > 0 && (
        <div className="insight-group">
          <h3 className="small">{t('insights.readThis')}</h3>
          <ul className="list small">
            {view.readThis.map(({ comment, kind }) => (
              <li key={comment.responseId} data-testid="insight-read-this" data-response-id={comment.responseId}>
                <span className={`score ${comment.category}`}>{comment.score}</span>{' '}
                {t(kind === 'negative_promoter' ? 'insights.promoterComplains' : 'insights.detractorPraises')} <q>{comment.comment}</q>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
