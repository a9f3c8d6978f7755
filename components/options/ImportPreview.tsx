/**
 * What an import read from a file, before and after it is saved: the survey tool it recognised, the
 * header rows it skipped, how the score and the accounts were found, the rows it set aside (and how to
 * bring them in), the first responses as they are stored, and the NPS it gives each account.
 */
import { formatNps } from '../../lib/nps/nps';
import type { ImportSummary } from '../../lib/import';

const numberFormat = new Intl.NumberFormat();
const plural = (n: number, one: string, many: string) => `${numberFormat.format(n)} ${n === 1 ? one : many}`;

const WHY_SKIPPED: Record<ImportSummary['detection']['headerRowsSkipped'][number]['why'], string> = {
  question_text: 'question text',
  sub_header: 'answer labels',
  metadata: 'export metadata',
};

const SCORE_FOUND: Record<NonNullable<ImportSummary['detection']['scoreFoundBy']>, string> = {
  header: 'by its header',
  question_text: 'by its question (“how likely … recommend”)',
  companion: 'by its NPS group column',
  values: 'as the only column of whole numbers 0–10: check it is the NPS question',
  preset: 'from the vendor’s layout',
  mapping: 'as you chose',
};

export function ImportPreview({ summary }: { summary: ImportSummary }) {
  const { detection, skipped } = summary;
  const scoreHeader = summary.mapping.score;
  return (
    <div className="import-preview" data-testid="import-preview" data-vendor={detection.vendor?.id ?? ''} data-account-from={detection.accountFrom}>
      <ul className="list small">
        <li data-testid="import-detected">
          {detection.vendor ? `Recognised as a ${detection.vendor.name} export.` : 'Read as a CSV of its own layout.'}
          {detection.remembered && ' Read with the columns you chose for files like this one.'}
        </li>
        {detection.headerRowsSkipped.length > 0 && (
          <li data-testid="import-header-rows">
            {detection.headerRowsSkipped.map((row) => `Row ${row.row} (${WHY_SKIPPED[row.why]})`).join(', ')}{' '}
            {detection.headerRowsSkipped.length === 1 ? 'is a header row' : 'are header rows'}, not responses.
          </li>
        )}
        {summary.kind === 'responses' && scoreHeader !== undefined && (
          <li>
            Score: column “{scoreHeader}”{detection.scoreFoundBy ? `, found ${SCORE_FOUND[detection.scoreFoundBy]}` : ''}.
            {detection.timeZone && ` Dates are in ${detection.timeZone}, as the file says.`}
          </li>
        )}
        <li data-testid="import-account-source">
          {detection.accountFrom === 'email_domain'
            ? `The file names no account: ${plural(summary.accountCount, 'account comes', 'accounts come')} from respondents’ email domains, joined to a stored account with that domain when there is exactly one.`
            : `${plural(summary.accountCount, 'account', 'accounts')} named by the file’s account columns.`}
        </li>
        {skipped.noScore > 0 && <li>{plural(skipped.noScore, 'respondent', 'respondents')} skipped the NPS question: not counted.</li>}
        {skipped.notNps > 0 && <li>{plural(skipped.notNps, 'row answers', 'rows answer')} another kind of survey (CSAT, CES): not imported.</li>}
      </ul>
      {skipped.unassigned > 0 && <Unassigned skipped={skipped} />}
      {summary.accounts.length > 0 && (
        <table className="small import-accounts" data-testid="import-accounts">
          <caption className="small muted">
            NPS per account from this file{summary.accountCount > summary.accounts.length ? ` (the ${summary.accounts.length} with most responses of ${numberFormat.format(summary.accountCount)})` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">Account</th>
              <th scope="col">Responses</th>
              <th scope="col">NPS</th>
            </tr>
          </thead>
          <tbody>
            {summary.accounts.slice(0, 10).map((account) => (
              <tr key={account.accountId} data-testid="import-account" data-account-id={account.accountId} data-n={account.counts.n} data-nps={account.nps ?? ''}>
                <td>{account.name}</td>
                <td>{numberFormat.format(account.counts.n)}</td>
                <td>{account.nps === null ? '—' : formatNps(account.nps)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.firstRecords.length > 0 && (
        <details className="small">
          <summary>The first responses as they are stored</summary>
          <table className="import-first-rows" data-testid="import-first-rows">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Score</th>
                <th scope="col">Respondent</th>
                <th scope="col">Comment</th>
              </tr>
            </thead>
            <tbody>
              {summary.firstRecords.map((record) => (
                <tr key={record.id}>
                  <td>{new Date(record.respondedAt).toISOString().replace('T', ' ').slice(0, 16)} UTC</td>
                  <td>{record.score}</td>
                  <td>{record.respondentEmail ?? record.respondentName ?? '—'}</td>
                  <td>{record.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </div>
  );
}

function Unassigned({ skipped }: { skipped: ImportSummary['skipped'] }) {
  return (
    <div className="small warning" data-testid="import-unassigned" data-count={skipped.unassigned}>
      <p>
        {plural(skipped.unassigned, 'response has', 'responses have')} no account to go under
        {skipped.unassignedAnonymous > 0 ? ` (${numberFormat.format(skipped.unassignedAnonymous)} anonymous)` : ''}
        {skipped.unassignedEmails.length > 0 ? ': their respondents write from personal addresses' : ''}. To bring them in, add an
        <code> account_name</code> (or <code>account_domain</code>) column with each respondent’s company to the file and import it again.
      </p>
      {skipped.unassignedEmails.length > 0 && (
        <ul className="list">
          {skipped.unassignedEmails.slice(0, 20).map(({ email, rows }) => (
            <li key={email}>
              {email}
              {rows > 1 ? ` (${rows} rows)` : ''}
            </li>
          ))}
          {skipped.unassignedEmails.length > 20 && <li>… and {numberFormat.format(skipped.unassignedEmails.length - 20)} more</li>}
        </ul>
      )}
    </div>
  );
}
