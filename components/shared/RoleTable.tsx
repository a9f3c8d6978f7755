import type { ResponseRate, RoleSummary } from '../../lib/nps';
import type { Role } from '../../lib/model';
import { formatCounts, formatInterval, ScoreValue } from './Score';
import { ROLE_LABEL, WINDOW_SILENCE } from './labels';

/** "No executive has answered in 12 months": what we do not hear from is part of the picture. */
export function silenceText(role: Role, window: string): string {
  return `No ${ROLE_LABEL[role].toLowerCase()} ${WINDOW_SILENCE[window] ?? 'has answered'}`;
}

/**
 * "3 answers to 12 surveys sent (25%)", or null where no sends are known. Answers in the window can
 * outnumber its sends (surveys sent before it, answers from review sites): then no percentage is given.
 */
export function formatRate(rate: ResponseRate | undefined): string | null {
  if (!rate || rate.rate === null) return null;
  const counts = `${rate.responses} ${rate.responses === 1 ? 'answer' : 'answers'} to ${rate.sends} ${rate.sends === 1 ? 'survey' : 'surveys'} sent`;
  return rate.rate > 1 ? counts : `${counts} (${Math.round(rate.rate * 100)}%)`;
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A row per canonical role: who answered, and who we have not heard from. */
export function RoleTable({
  roles,
  window,
  rates,
}: {
  roles: RoleSummary[];
  window: string;
  /** Response rates per role, where survey sends are known. */
  rates?: Partial<Record<Role, ResponseRate>>;
}) {
  return (
    <section aria-labelledby="roles-heading">
      <h2 id="roles-heading">By role</h2>
      <table className="roles">
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">NPS</th>
            <th scope="col">N</th>
            <th scope="col">Share</th>
          </tr>
        </thead>
        <tbody>
          {roles
            .filter((r) => r.role !== 'unknown' || r.heardFrom)
            .map((r) => (
              <tr key={r.role} data-testid={`role-row-${r.role}`} className={r.heardFrom ? '' : 'silent'}>
                <th scope="row">
                  {ROLE_LABEL[r.role]}
                  {r.heardFrom ? (
                    <div className="muted small">
                      {r.summary.withheld ? formatCounts(r.summary) : <span data-testid="role-interval">{formatInterval(r.summary)}</span>}
                      {r.newestResponseAt !== null && <> · latest {dateFormat.format(r.newestResponseAt)}</>}
                    </div>
                  ) : (
                    <div className="muted small" data-testid="role-silence">
                      {silenceText(r.role, window)}
                    </div>
                  )}
                  {formatRate(rates?.[r.role]) && (
                    <div className={`small ${rates?.[r.role]?.lowRateWarning ? 'detractor' : 'muted'}`}>{formatRate(rates?.[r.role])}</div>
                  )}
                </th>
                <td>
                  <ScoreValue summary={r.summary} testId="role-nps" />
                </td>
                <td data-testid="role-n">{r.summary.n}</td>
                <td>{r.share === null ? '—' : `${Math.round(r.share * 100)}%`}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </section>
  );
}
