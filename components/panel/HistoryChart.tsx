import { useId, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { formatNps, type History, type HistoryGranularity, type HistoryPoint } from '../../lib/nps';
import { ROLES, type Role } from '../../lib/model';
import { bandPath, chartScale, isPlotted, linePath, yDomain, type ChartBox } from './chart-geometry';

import { formatInterval } from '../shared/Score';
import { ROLE_LABEL } from '../shared/labels';

const BOX: ChartBox = { width: 340, height: 150, left: 30, right: 16, top: 8, bottom: 20 };
const DASH: Record<Role, string | undefined> = {
  executive: undefined,
  decision_maker: '6 3',
  influencer: '2 3',
  end_user: '8 3 2 3',
  unknown: '1 4',
};

/** "2025 Q3" → "Q3 '25"; "2025-07" → "Jul '25" (short enough for eight ticks in a narrow panel). */
function tickLabel(p: HistoryPoint, granularity: HistoryGranularity): string {
  const year = p.label.slice(2, 4);
  if (granularity === 'quarter') return `${p.label.slice(5)} '${year}`;
  const month = new Date(p.start).toLocaleString(undefined, { month: 'short', timeZone: 'UTC' });
  return `${month} '${year}`;
}

/** One line of the tooltip: the score as shown, or why there is none, and N always. */
export function describePoint(p: HistoryPoint): string {
  if (p.gap) return 'no answers';
  if (p.nps === null) return `N ${p.n}, too few for a score`;
  const interval = formatInterval(p);
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
  const [active, setActive] = useState<number | null>(null);
  const headingId = useId();
  const periods = history.overall;
  const heardRoles = ROLES.filter((role) => history.byRole[role].some((p) => !p.gap));
  const visibleRoles = heardRoles.filter((role) => shownRoles.includes(role));
  const lines = [periods, ...visibleRoles.map((role) => history.byRole[role])];
  const scale = chartScale(BOX, periods.length, yDomain(lines, periods));
  const activePoint = active === null ? null : periods[active];
  const word = history.granularity === 'quarter' ? 'quarter' : 'month';

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
        <h2 id={headingId}>History by {word}</h2>
        {onGranularityChange && (
          <div role="group" aria-label="Period" className="segmented small">
            {(['quarter', 'month'] as const).map((g) => (
              <button key={g} type="button" aria-pressed={history.granularity === g} onClick={() => onGranularityChange(g)}>
                {g === 'quarter' ? 'Quarters' : 'Months'}
              </button>
            ))}
          </div>
        )}
      </div>
      <div
        className="chart"
        tabIndex={0}
        role="group"
        aria-label={`NPS for the last ${periods.length} ${word}s. Use the left and right arrow keys to read each ${word}.`}
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
              {tickLabel(p, history.granularity)}
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
          <p className="small muted chart-note">Under 5 answers in every {word}: no score to draw. Move along the chart to read each {word}'s N.</p>
        )}
        <div className="chart-readout small" aria-live="polite" data-testid="history-readout">
          {activePoint ? (
            <>
              <strong>{activePoint.label}</strong> · overall {describePoint(activePoint)}
              {visibleRoles.map((role) => (
                <div key={role}>
                  {ROLE_LABEL[role]}: {describePoint(history.byRole[role][active!]!)}
                </div>
              ))}
            </>
          ) : (
            <span className="muted">Point at (or focus and use the arrow keys on) the chart for each {word}'s N.</span>
          )}
        </div>
      </div>
      {heardRoles.length > 0 && (
        <div role="group" aria-label="Roles shown on the chart" className="legend small">
          <span className="legend-item">
            <span className="swatch overall" aria-hidden="true" /> Overall (band: 95% interval)
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
              {ROLE_LABEL[role]}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
