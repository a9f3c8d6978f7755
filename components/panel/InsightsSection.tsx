import { useMemo } from 'react';
import type { AccountContext } from '../../lib/nps';
import { EMOTION_LABEL } from '../shared/labels';
import type { Taxonomy } from '../../lib/insights/types';
import { panelInsights, themeLabel } from './panel-insights';

const languageNames = (() => {
  try {
    return new Intl.DisplayNames(undefined, { type: 'language' });
  } catch {
    return null;
  }
})();
const languageName = (code: string) => (code === 'und' ? 'too short to tell' : (languageNames?.of(code) ?? code));
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
export function InsightsSection({ context, insightsKey, taxonomy, onTheme }: {
  context: Pick<AccountContext, 'countedResponses' | 'recentComments'>;
  insightsKey: string;
  taxonomy?: Taxonomy;
  onTheme: (themeId: string) => void;
}) {
  const label = (id: string) => themeLabel(id, taxonomy);
  const view = useMemo(() => panelInsights(context, insightsKey), [context, insightsKey]);
  const { coverage } = view;
  if (coverage.comments === 0) return null;
  const drivers = view.drivers.filter((d) => d.direction !== 'none');
  return (
    <section aria-labelledby="insights-heading" className="insights" data-testid="insights">
      <h2 id="insights-heading">What they are saying</h2>
      <p className="small muted" data-testid="insight-coverage" data-comments={coverage.comments} data-analysed={coverage.analysed}>
        From {coverage.comments} comment{coverage.comments === 1 ? '' : 's'} of {coverage.responses} response{coverage.responses === 1 ? '' : 's'}
        {coverage.notAnalysed.length > 0 &&
          `; ${coverage.notAnalysed.reduce((n, l) => n + l.count, 0)} not analysed (${coverage.notAnalysed.map((l) => `${languageName(l.language)}: ${l.count}`).join(', ')})`}
        {coverage.unread > 0 && `; ${coverage.unread} not read yet`}.
      </p>
      {(['detractors', 'promoters'] as const).map((group) =>
        view[group].length > 0 ? (
          <div key={group} className="insight-group">
            <h3 className="small">{group === 'detractors' ? 'Detractors mention' : 'Promoters mention'}</h3>
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
                    aria-label={`${label(theme.id)}: ${theme.respondents} respondents. Show their comments`}
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
          <h3 className="small">What moves the score</h3>
          <ul className="list small">
            {drivers.map((d) => (
              <li key={d.id} data-testid="insight-driver" data-theme-id={d.id} data-direction={d.direction}>
                {d.direction === 'down' ? '▼' : '▲'} {label(d.id)}: NPS {signed(d.mentioning.nps)} when mentioned (N={d.mentioning.counts.n}) against{' '}
                {signed(d.rest.nps)} otherwise (N={d.rest.counts.n})
              </li>
            ))}
          </ul>
        </div>
      )}
      {view.emotions.detractors.length + view.emotions.passives.length > 0 && (
        <div className="insight-group small">
          <h3 className="small">How they feel</h3>
          {(['detractors', 'passives'] as const).map((group) =>
            view.emotions[group].length > 0 ? (
              <p key={group} data-testid={`insight-emotions-${group}`}>
                {group === 'detractors' ? 'Detractors' : 'Passives'}: {view.emotions[group].map(([id, n]) => `${EMOTION_LABEL[id] ?? id} ${n}`).join(' · ')}
              </p>
            ) : null,
          )}
        </div>
      )}
      {view.readThis.length > 0 && (
        <div className="insight-group">
          <h3 className="small">Read this one</h3>
          <ul className="list small">
            {view.readThis.map(({ comment, kind }) => (
              <li key={comment.responseId} data-testid="insight-read-this" data-response-id={comment.responseId}>
                <span className={`score ${comment.category}`}>{comment.score}</span>{' '}
                {kind === 'negative_promoter' ? 'A promoter who complains:' : 'A detractor who praises:'} <q>{comment.comment}</q>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
