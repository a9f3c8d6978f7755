/**
 * What an import read from a file, before and after it is saved: the survey tool it recognised, the
 * header rows it skipped, how the score and the accounts were found, the rows it set aside (and how to
 * bring them in), the first responses as they are stored, and the NPS it gives each account.
 */
import { formatNps } from '../../lib/nps/nps';
import type { ImportSummary } from '../../lib/import';
import type { MessageKey } from '../../lib/i18n';
import { useI18n } from '../shared/i18n';

const WHY_SKIPPED: Record<ImportSummary['detection']['headerRowsSkipped'][number]['why'], MessageKey> = {
  question_text: 'preview.why.questionText',
  sub_header: 'preview.why.subHeader',
  metadata: 'preview.why.metadata',
};

const SCORE_FOUND: Record<NonNullable<ImportSummary['detection']['scoreFoundBy']>, MessageKey> = {
  header: 'preview.found.header',
  question_text: 'preview.found.question',
  companion: 'preview.found.companion',
  values: 'preview.found.values',
  preset: 'preview.found.preset',
  mapping: 'preview.found.mapping',
};

export function ImportPreview({ summary }: { summary: ImportSummary }) {
  const { t, f } = useI18n();
  const { detection, skipped } = summary;
  const scoreHeader = summary.mapping.score;
  return (
    <div className="import-preview" data-testid="import-preview" data-vendor={detection.vendor?.id ?? ''} data-account-from={detection.accountFrom}>
      <ul className="list small">
        <li data-testid="import-detected">
          {detection.vendor ? t('preview.recognised', { vendor: detection.vendor.name }) : t('preview.ownLayout')}
          {detection.remembered && ` ${t('preview.remembered')}`}
        </li>
        {detection.headerRowsSkipped.length > 0 && (
          <li data-testid="import-header-rows">
            {t('preview.headerRows', {
              rows: detection.headerRowsSkipped.map((row) => t('preview.row', { row: row.row, why: t(WHY_SKIPPED[row.why]) })).join(', '),
              n: detection.headerRowsSkipped.length,
            })}
          </li>
        )}
        {summary.kind === 'responses' && scoreHeader !== undefined && (
          <li>
            {detection.scoreFoundBy ? t('preview.scoreFound', { column: scoreHeader, how: t(SCORE_FOUND[detection.scoreFoundBy]) }) : t('preview.score', { column: scoreHeader })}
            {detection.timeZone && ` ${t('preview.timeZone', { zone: detection.timeZone })}`}
          </li>
        )}
        <li data-testid="import-account-source">
          {detection.accountFrom === 'email_domain'
            ? t('preview.accountsFromEmail', { n: summary.accountCount })
            : t('preview.accountsNamed', { n: summary.accountCount })}
        </li>
        {skipped.noScore > 0 && <li>{t('preview.noScore', { n: skipped.noScore })}</li>}
        {skipped.notNps > 0 && <li>{t('preview.notNps', { n: skipped.notNps })}</li>}
      </ul>
      {skipped.unassigned > 0 && <Unassigned skipped={skipped} />}
      {summary.accounts.length > 0 && (
        <table className="small import-accounts" data-testid="import-accounts">
          <caption className="small muted">
            {summary.accountCount > summary.accounts.length
              ? t('preview.perAccountTop', { shown: summary.accounts.length, total: summary.accountCount })
              : t('preview.perAccount')}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('preview.account')}</th>
              <th scope="col">{t('preview.responses')}</th>
              <th scope="col">NPS</th>
            </tr>
          </thead>
          <tbody>
            {summary.accounts.slice(0, 10).map((account) => (
              <tr key={account.accountId} data-testid="import-account" data-account-id={account.accountId} data-n={account.counts.n} data-nps={account.nps ?? ''}>
                <td>{account.name}</td>
                <td>{f.number(account.counts.n)}</td>
                <td>{account.nps === null ? '—' : formatNps(account.nps)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {summary.firstRecords.length > 0 && (
        <details className="small">
          <summary>{t('preview.firstRows')}</summary>
          <table className="import-first-rows" data-testid="import-first-rows">
            <thead>
              <tr>
                <th scope="col">{t('preview.date')}</th>
                <th scope="col">{t('comments.score')}</th>
                <th scope="col">{t('preview.respondent')}</th>
                <th scope="col">{t('preview.comment')}</th>
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
  const { t, f } = useI18n();
  return (
    <div className="small warning" data-testid="import-unassigned" data-count={skipped.unassigned}>
      <p>
        {t('preview.unassigned', { n: skipped.unassigned })}
        {skipped.unassignedAnonymous > 0 ? ` ${t('preview.anonymous', { n: f.number(skipped.unassignedAnonymous) })}` : ''}
        {skipped.unassignedEmails.length > 0 ? t('preview.personal') : ''}. {t('preview.bringIn')}
      </p>
      {skipped.unassignedEmails.length > 0 && (
        <ul className="list">
          {skipped.unassignedEmails.slice(0, 20).map(({ email, rows }) => (
            <li key={email}>
              {email}
              {rows > 1 ? ` ${t('preview.rows', { n: rows })}` : ''}
            </li>
          ))}
          {skipped.unassignedEmails.length > 20 && <li>{t('preview.andMore', { n: f.number(skipped.unassignedEmails.length - 20) })}</li>}
        </ul>
      )}
    </div>
  );
}
