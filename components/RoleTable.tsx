import type { RoleSummary } from '../lib/nps';
import type { Role } from '../lib/model';
import { formatCounts, formatInterval, ScoreValue } from './Score';

export const ROLE_LABEL: Record<Role, string> = {
  executive: 'Executive',
  decision_maker: 'Decision maker',
  influencer: 'Influencer',
  end_user: 'End user',
  unknown: 'Role unknown',
};

const WINDOW_SILENCE: Record<string, string> = {
  '90d': 'in 90 days',
  '180d': 'in 180 days',
  '365d': 'in 12 months',
  all: 'ever',
};

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A row per canonical role: who answered, and who we have not heard from. */
export function RoleTable({ roles, window }: { roles: RoleSummary[]; window: string }) {
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
                      {r.summary.withheld ? formatCounts(r.summary) : formatInterval(r.summary)}
                      {r.newestResponseAt !== null && <> · latest {dateFormat.format(r.newestResponseAt)}</>}
                    </div>
                  ) : (
                    <div className="muted small">
                      No {ROLE_LABEL[r.role].toLowerCase()} has answered {WINDOW_SILENCE[window] ?? ''}
                    </div>
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
