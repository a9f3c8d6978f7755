import type { ResponseRate, RoleSummary } from '../../lib/nps';
import type { Role } from '../../lib/model';
import { translator, type Translator } from '../../lib/i18n';
import { formatCounts, formatInterval, ScoreValue } from './Score';
import { roleLabel, roleNoun, windowWord } from './labels';
import { useI18n } from './i18n';

const english = translator('en');

/** "No executive has answered in 12 months": what we do not hear from is part of the picture. */
export function silenceText(role: Role, window: string, t: Translator = english): string {
  return t('roles.silence', { role: roleNoun(t, role), window: windowWord(window) });
}

/**
 * "3 answers to 12 surveys sent (25%)", or null where no sends are known. Answers in the window can
 * outnumber its sends (surveys sent before it, answers from review sites): then no percentage is given.
 */
export function formatRate(rate: ResponseRate | undefined, t: Translator = english): string | null {
  if (!rate || rate.rate === null) return null;
  const counts = t('roles.rateCounts', { responses: rate.responses, sends: rate.sends });
  return rate.rate > 1 ? counts : t('roles.rate', { counts, percent: Math.round(rate.rate * 100) });
}

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
  const { t, f } = useI18n();
  return (
    <section aria-labelledby="roles-heading">
      <h2 id="roles-heading">{t('roles.heading')}</h2>
      <table className="roles">
        <thead>
          <tr>
            <th scope="col">{t('roles.role')}</th>
            <th scope="col">NPS</th>
            <th scope="col">N</th>
            <th scope="col">{t('roles.share')}</th>
          </tr>
        </thead>
        <tbody>
          {roles
            .filter((r) => r.role !== 'unknown' || r.heardFrom)
            .map((r) => {
              const rate = formatRate(rates?.[r.role], t);
              return (
                <tr key={r.role} data-testid={`role-row-${r.role}`} className={r.heardFrom ? '' : 'silent'}>
                  <th scope="row">
                    {roleLabel(t, r.role)}
                    {r.heardFrom ? (
                      <div className="muted small">
                        {r.summary.withheld ? formatCounts(r.summary, t) : <span data-testid="role-interval">{formatInterval(r.summary, t)}</span>}
                        {r.newestResponseAt !== null && <> · {t('roles.latest', { date: f.date(r.newestResponseAt) })}</>}
                      </div>
                    ) : (
                      <div className="muted small" data-testid="role-silence">
                        {silenceText(r.role, window, t)}
                      </div>
                    )}
                    {rate && <div className={`small ${rates?.[r.role]?.lowRateWarning ? 'detractor' : 'muted'}`}>{rate}</div>}
                  </th>
                  <td>
                    <ScoreValue summary={r.summary} testId="role-nps" />
                  </td>
                  <td data-testid="role-n">{r.summary.n}</td>
                  <td>{r.share === null ? '—' : f.percent(r.share)}</td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </section>
  );
}
