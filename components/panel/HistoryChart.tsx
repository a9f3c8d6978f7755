import { useId, useState, type KeyboardEvent, type MouseEvent } from 'react';
import type { History, HistoryGranularity, HistoryPoint } from '../../lib/nps';
import { formatNps } from '../../lib/nps/nps';
import { ROLES, type Role } from '../../lib/model/constants';
import { bandPath, chartScale, isPlotted, linePath, yDomain, type ChartBox } from './chart-geometry';

import { formatInterval } from '../shared/Score';
import { roleLabel } from '../shared/labels';
import { useI18n } from '../shared/i18n';
import { translator, type Formats, type Translator } from '../../lib/i18n';

const english = translator('en');

const BOX: ChartBox = { width: 340, height: 150, left: 30, right: 16, top: 8, bottom: 20 };
const DASH: Record<Role, string | undefined> = {
  executive: undefined,
  decision_maker: '6 3',
  influencer: '2 3',
  end_user: '8 3 2 3',
  unknown: '1 4',
};

/** "2025 Q3" → "Q3 '25"; "2025-07" → "Jul '25" (short enough for eight ticks in a narrow panel), in the UI's language. */
function tickLabel(p: HistoryPoint, granularity: HistoryGranularity, t: Translator, f: Formats): string {
  const year = p.label.slice(2, 4);
  if (granularity === 'quarter') return t('history.quarterTick', { quarter: p.label.slice(6), year });
  return t('history.monthTick', { month: f.month(p.start), year });
}

/** "2025 Q3" / "July 2025" as the readout names a period. */
function periodLabel(p: HistoryPoint, granularity: HistoryGranularity, t: Translator): string {
  if (granularity === 'quarter') return t('history.quarter', { quarter: p.label.slice(6), year: p.label.slice(0, 4) });
  return new Intl.DateTimeFormat(t.locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(p.start);
}

/** One line of the tooltip: the score as shown, or why there is none, and N always. */
export function describePoint(p: HistoryPoint, t: Translator = english): string {
  if (p.gap) return t('history.noAnswers');
  if (p.nps === null) return t('history.tooFew', { n: p.n });
  const interval = formatInterval(p, t);
  return `${formatNps(p.nps)} · N ${p.n}${interval ? ` · ${interval}` : ''}`;
}

export interface HistoryChartProps {
  history: History;
  /** Roles drawn beside the overall line. */
  shownRoles: readonly Role[];
  onShownRolesChange: (roles: Role[]) => void;
  onGranularityChange?: (granularity: HistoryGranularity) => void;
}

/**
 * NPS by quarter (or month): the overall line with its 95% interval band, and per-role lines the user
 * toggles. Empty and withheld periods are gaps. One tab stop: arrow keys move between periods, and the
 * readout under the chart gives each point's score and N (hover does the same).
 */
export function HistoryChart({ history, shownRoles, onShownRolesChange, onGranularityChange }: HistoryChartProps) {
  const { t, f } = useI18n();
  const [active, setActive] = useState<number | null>(null);
  const headingId = useId();
  const periods = history.overall;
  const heardRoles = ROLES.filter((role) => history.byRole[role].some((p) => !p.gap));
  const visibleRoles = heardRoles.filter((role) => shownRoles.includes(role));
  const lines = [periods, ...visibleRoles.map((role) => history.byRole[role])];
  const scale = chartScale(BOX, periods.length, yDomain(lines, periods));
  const activePoint = active === null ? null : periods[active];
  const period = history.granularity;

  const move = (e: KeyboardEvent) => {
    const last = periods.length - 1;
    const next =
      e.key === 'ArrowRight' ? Math.min(last, (active ?? -1) + 1)
      : e.key === 'ArrowLeft' ? Math.max(0, (active ?? last + 1) - 1)
      : e.key === 'Home' ? 0
      : e.key === 'End' ? last
      : e.key === 'Escape' ? null
      : undefined;
    if (next === undefined) return;
    e.preventDefault();
    setActive(next);
  };
  const hover = (e: MouseEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    if (rect.width === 0 || periods.length === 0) return;
    const x = ((e.clientX - rect.left) / rect.width) * BOX.width;
    let best = 0;
    periods.forEach((_, i) => {
      if (Math.abs(scale.x(i) - x) < Math.abs(scale.x(best) - x)) best = i;
    });
    setActive(best);
  };
  const toggle = (role: Role) =>
    onShownRolesChange(shownRoles.includes(role) ? shownRoles.filter((r) => r !== role) : [...shownRoles, role]);

  return (
    <section aria-labelledby={headingId} className="history">
      <div className="section-head">
        <h2 id={headingId}>{t('history.heading', { period })}</h2>
        {onGranularityChange && (
          <div role="group" aria-label={t('history.period')} className="segmented small">
            {(['quarter', 'month'] as const).map((g) => (
              <button key={g} type="button" aria-pressed={history.granularity === g} onClick={() => onGranularityChange(g)}>
                {t(g === 'quarter' ? 'history.quarters' : 'history.months')}
              </button>
            ))}
          </div>
        )}
      </div>
      <div
        className="chart"
        tabIndex={0}
        role="group"
        aria-label={t('history.chartLabel', { n: periods.length, period })}
        onKeyDown={move}
        onBlur={() => setActive(null)}
      >
        <svg
          viewBox={`0 0 ${BOX.width} ${BOX.height}`}
          width="100%"
          aria-hidden="true"
          onMouseMove={hover}
          onMouseLeave={() => setActive(null)}
          data-testid="history-chart"
        >
          {scale.ticks.map((t) => (
            <g key={t} className={t === 0 ? 'axis zero' : 'axis'}>
              <line x1={BOX.left} x2={BOX.width - BOX.right} y1={scale.y(t)} y2={scale.y(t)} />
              <text x={BOX.left - 4} y={scale.y(t) + 3} textAnchor="end">
                {formatNps(t)}
              </text>
            </g>
          ))}
          {periods.map((p, i) => (
            <text key={p.label} className="axis-label" x={scale.x(i)} y={BOX.height - 5} textAnchor="middle">
              {tickLabel(p, history.granularity, t, f)}
            </text>
          ))}
          {active !== null && (
            <line className="cursor" x1={scale.x(active)} x2={scale.x(active)} y1={BOX.top} y2={BOX.height - BOX.bottom} />
          )}
          <path className="band" d={bandPath(periods, scale)} data-testid="history-band" />
          {visibleRoles.map((role) => (
            <g key={role} className="series" style={{ color: `var(--series-${role})` }} data-testid={`history-line-${role}`}>
              <path d={linePath(history.byRole[role], scale)} strokeDasharray={DASH[role]} />
              {history.byRole[role].map((p, i) => (isPlotted(p) ? <circle key={i} cx={scale.x(i)} cy={scale.y(p.nps)} r={2.5} /> : null))}
            </g>
          ))}
          <g className="series overall" data-testid="history-line-overall">
            <path d={linePath(periods, scale)} />
            {periods.map((p, i) =>
              isPlotted(p) ? <circle key={i} cx={scale.x(i)} cy={scale.y(p.nps)} r={active === i ? 4.5 : 3.5} data-testid="history-point" /> : null,
            )}
          </g>
        </svg>
        {!periods.some(isPlotted) && periods.some((p) => !p.gap) && (
          <p className="small muted chart-note">{t('history.nothingToDraw', { period })}</p>
        )}
        <div className="chart-readout small" aria-live="polite" data-testid="history-readout">
          {activePoint ? (
            <>
              <strong>{periodLabel(activePoint, history.granularity, t)}</strong> · {t('history.overall')} {describePoint(activePoint, t)}
              {visibleRoles.map((role) => (
                <div key={role}>
                  {roleLabel(t, role)}: {describePoint(history.byRole[role][active!]!, t)}
                </div>
              ))}
            </>
          ) : (
            <span className="muted">{t('history.pointAt', { period })}</span>
          )}
        </div>
      </div>
      <details className="chart-table small" data-testid="history-table">
        <summary>{t('history.asTable')}</summary>
        <table className="roles">
          <caption className="visually-hidden">{t('history.tableCaption', { period })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('history.period')}</th>
              <th scope="col">NPS</th>
              <th scope="col">N</th>
              <th scope="col">{t('headline.interval')}</th>
              {visibleRoles.map((role) => (
                <th key={role} scope="col">
                  {roleLabel(t, role)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {periods.map((p, i) => (
              <tr key={p.label} data-testid="history-table-row">
                <th scope="row">{periodLabel(p, history.granularity, t)}</th>
                <td>{p.nps === null ? '—' : formatNps(p.nps)}</td>
                <td>{p.n}</td>
                <td>{formatInterval(p, t) ?? '—'}</td>
                {visibleRoles.map((role) => {
                  const r = history.byRole[role][i]!;
                  return <td key={role}>{r.nps === null ? `— (N ${r.n})` : `${formatNps(r.nps)} (N ${r.n})`}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      {heardRoles.length > 0 && (
        <div role="group" aria-label={t('history.rolesShown')} className="legend small">
          <span className="legend-item">
            <span className="swatch overall" aria-hidden="true" /> {t('history.legendOverall')}
          </span>
          {heardRoles.map((role) => (
            <button
              key={role}
              type="button"
              className="legend-item toggle"
              aria-pressed={shownRoles.includes(role)}
              onClick={() => toggle(role)}
            >
              <span className="swatch" style={{ color: `var(--series-${role})` }} aria-hidden="true" />
              {roleLabel(t, role)}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
