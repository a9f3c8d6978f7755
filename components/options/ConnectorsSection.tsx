/**
 * Options: survey tools connected directly. Choose the tool, give its API's address and a token (sealed
 * in the background, never shown again; the browser asks for the API's origin at that click), pick the
 * survey and which of its questions is the NPS one (and which hold the comment, the company, the email),
 * see the first answers as they will be stored, then save: it syncs now and hourly, from where the last
 * sync stopped. Every sync is committed whole, as an import is.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { sayError, sayStored } from '../shared/error-text';
import { call } from '../../lib/messaging/client';
import type { ConnectorId } from '../../lib/sources/connectors';
import type { ConnectorPreview, ConnectorStatus, QuestionInfo, SurveyInfo } from '../../lib/sources/connectors/schemas';
import { originPattern } from '../../lib/sources/url';
import { useI18n } from '../shared/i18n';
import type { MessageKey } from '../../lib/i18n';
import { rowErrorText } from './row-error';


interface Draft {
  surveys: SurveyInfo[];
  surveyId: string;
  questions: QuestionInfo[];
  npsQuestionId: string;
  commentQuestionId: string;
  accountField: string;
  emailField: string;
}

export function ConnectorsSection({ onSynced }: { onSynced?: () => void }) {
  const { t, f } = useI18n();
  const [statuses, setStatuses] = useState<ConnectorStatus[]>([]);
  const [vendor, setVendor] = useState<ConnectorId>('qualtrics');
  const [baseUrl, setBaseUrl] = useState('');
  const [token, setToken] = useState('');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [preview, setPreview] = useState<ConnectorPreview | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  const refresh = useCallback(() => void call('connectorStatus', {}).then(setStatuses, (e: unknown) => setMessage({ text: sayError(t, e), error: true })), [t]);
  useEffect(refresh, [refresh]);
  // While a sync runs, its progress is read every second.
  useEffect(() => {
    if (!statuses.some((s) => s.syncing)) return;
    const timer = setInterval(refresh, 1000);
    return () => clearInterval(timer);
  }, [statuses, refresh]);

  const current = statuses.find((s) => s.id === vendor);
  const savedUrl = current?.baseUrl;
  // Another tool chosen: its saved address, and nothing of the last one's choices.
  useEffect(() => {
    setDraft(null);
    setPreview(null);
  }, [vendor]);
  useEffect(() => {
    if (savedUrl) setBaseUrl(savedUrl);
  }, [vendor, savedUrl]);

  const run = async (what: () => Promise<void>) => {
    setBusy(true);
    setMessage(null);
    try {
      await what();
    } catch (error) {
      setMessage({ text: sayError(t, error), error: true });
    } finally {
      setBusy(false);
    }
  };

  const connect = (e: FormEvent) => {
    e.preventDefault();
    const url = baseUrl.trim() || current?.defaultBaseUrl || '';
    void run(async () => {
      // Asked in answer to the click: the browser shows its prompt for the API's origin.
      if (!(await browser.permissions.request({ origins: [originPattern(url)] }))) throw new Error(t('connectors.notAllowed', { origin: new URL(url).origin }));
      const surveys = await call('connectorConnect', { id: vendor, baseUrl: url, ...(token.trim() ? { token: token.trim() } : {}) });
      setToken('');
      setDraft({ surveys, surveyId: '', questions: [], npsQuestionId: '', commentQuestionId: '', accountField: '', emailField: '' });
      refresh();
      setMessage({ text: t('connectors.connected', { n: surveys.length }), error: false });
    });
  };

  const chooseSurvey = (surveyId: string) =>
    void run(async () => {
      const questions = surveyId ? await call('connectorQuestions', { id: vendor, surveyId }) : [];
      const first = (kind: QuestionInfo['kind']) => questions.find((q) => q.kind === kind)?.id ?? '';
      setPreview(null);
      setDraft((d) => d && { ...d, surveyId, questions, npsQuestionId: first('nps'), commentQuestionId: first('text'), accountField: first('company'), emailField: '' });
    });

  const selection = () => {
    if (!draft?.surveyId || !draft.npsQuestionId) throw new Error(t('connectors.choose'));
    return {
      surveyId: draft.surveyId,
      npsQuestionId: draft.npsQuestionId,
      ...(draft.commentQuestionId ? { commentQuestionId: draft.commentQuestionId } : {}),
      ...(draft.accountField ? { accountField: draft.accountField } : {}),
      ...(draft.emailField ? { emailField: draft.emailField } : {}),
    };
  };

  const showPreview = () => void run(async () => setPreview(await call('connectorPreview', { id: vendor, selection: selection() })));

  const sync = (which: ConnectorId) =>
    void run(async () => {
      const started = call('connectorSync', { id: which });
      refresh();
      const result = await started;
      refresh();
      onSynced?.();
      setMessage({
        text: `${t('connectors.synced', { n: f.number(result.imported) })}${result.unassigned ? t('connectors.syncedUnassigned', { n: f.number(result.unassigned) }) : ''}${result.more ? t('connectors.more') : ''}.`,
        error: false,
      });
    });

  const save = () =>
    void run(async () => {
      const surveyName = draft?.surveys.find((s) => s.id === draft.surveyId)?.name ?? '';
      setStatuses(await call('connectorSave', { id: vendor, selection: selection(), surveyName }));
      setDraft(null);
      setPreview(null);
      sync(vendor);
    });

  const select = (label: MessageKey, testId: string, value: string, onChange: (v: string) => void, options: Array<{ id: string; text: string }>, optional: boolean) => (
    <p>
      <label htmlFor={`${id}-${testId}`}>{t(label)}</label>{' '}
      <select id={`${id}-${testId}`} data-testid={testId} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t(optional ? 'connectors.none' : 'connectors.chooseOption')}</option>
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.text}
          </option>
        ))}
      </select>
    </p>
  );

  const configured = statuses.filter((s) => s.baseUrl);
  return (
    <section aria-labelledby={`${id}-heading`} className="card" data-testid="connectors">
      <h2 id={`${id}-heading`}>{t('connectors.heading')}</h2>
      <p className="small muted">{t('connectors.help')}</p>
      {configured.length > 0 && (
        <ul className="list">
          {configured.map((s) => (
            <li key={s.id} data-testid="connector-status" data-id={s.id} data-syncing={s.syncing} data-last-imported={s.lastImported ?? ''}>
              <strong>{s.vendor}</strong>
              {s.surveyName ? ` — ${s.surveyName}` : ` — ${t('connectors.noSurvey')}`}.{' '}
              <span className="small">
                {s.syncing
                  ? t('connectors.syncing', { n: f.number(s.progress?.answers ?? 0) })
                  : s.lastSyncAt
                    ? t('connectors.lastSync', { ago: f.relative(s.lastSyncAt, Date.now()), n: f.number(s.lastImported ?? 0) })
                    : t('source.notSynced')}
              </span>
              {s.lastError && (
                <span className="small error" data-testid="connector-error" role="alert">
                  {' '}
                  {t('connectors.failed', { error: sayStored(t, s.lastError, s.lastErrorWords) })}
                </span>
              )}{' '}
              {s.selection && !s.syncing && (
                <button className="btn small" data-testid="connector-sync-now" disabled={busy} onClick={() => sync(s.id)}>
                  {t('source.syncNow')}
                </button>
              )}
              {s.syncing && (
                <button className="btn small" data-testid="connector-cancel" onClick={() => void call('connectorCancel', { id: s.id }).then(refresh)}>
                  {t('action.cancel')}
                </button>
              )}{' '}
              <button className="btn small" data-testid="connector-remove" disabled={busy} onClick={() => void run(async () => setStatuses(await call('connectorRemove', { id: s.id })))}>
                {t('sites.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={connect} className="connector-form">
        <p>
          <label htmlFor={`${id}-vendor`}>{t('connectors.tool')}</label>{' '}
          <select id={`${id}-vendor`} data-testid="connector-vendor" value={vendor} onChange={(e) => setVendor(e.target.value as ConnectorId)}>
            {statuses.map((s) => (
              <option key={s.id} value={s.id}>
                {s.vendor}
              </option>
            ))}
          </select>
        </p>
        <p>
          <label htmlFor={`${id}-url`}>{t('connectors.api')}</label>{' '}
          <input id={`${id}-url`} data-testid="connector-base-url" type="url" value={baseUrl} placeholder={current?.defaultBaseUrl} onChange={(e) => setBaseUrl(e.target.value)} size={40} />
        </p>
        <p>
          <label htmlFor={`${id}-token`}>{t('source.token')}</label>{' '}
          <input
            id={`${id}-token`}
            data-testid="connector-token"
            type="password"
            autoComplete="off"
            value={token}
            placeholder={current?.hasToken ? t('connectors.tokenSaved') : ''}
            onChange={(e) => setToken(e.target.value)}
            size={40}
          />
        </p>
        {current && <p className="small muted">{t(`connectors.tokenHelp.${current.id}` as MessageKey)}</p>}
        <button type="submit" className="btn" data-testid="connector-connect" disabled={busy}>
          {t('connectors.connect')}
        </button>
      </form>
      {draft && (
        <div className="connector-choose">
          {select('connectors.survey', 'connector-survey', draft.surveyId, chooseSurvey, draft.surveys.map((s) => ({ id: s.id, text: s.name })), false)}
          {draft.surveyId && (
            <>
              {select('connectors.npsQuestion', 'connector-nps-question', draft.npsQuestionId, (v) => setDraft({ ...draft, npsQuestionId: v }), draft.questions, false)}
              {select('connectors.comment', 'connector-comment-question', draft.commentQuestionId, (v) => setDraft({ ...draft, commentQuestionId: v }), draft.questions, true)}
              {select('connectors.company', 'connector-account-field', draft.accountField, (v) => setDraft({ ...draft, accountField: v }), draft.questions, true)}
              {select('connectors.email', 'connector-email-field', draft.emailField, (v) => setDraft({ ...draft, emailField: v }), draft.questions, true)}
              <button type="button" className="btn" data-testid="connector-preview-button" disabled={busy} onClick={showPreview}>
                {t('connectors.preview')}
              </button>{' '}
              <button type="button" className="btn btn-primary" data-testid="connector-save" disabled={busy || !draft.npsQuestionId} onClick={save}>
                {t('connectors.saveSync')}
              </button>
            </>
          )}
        </div>
      )}
      {preview && (
        <div data-testid="connector-preview" data-responses={preview.responses} data-unassigned={preview.unassigned} className="small">
          <p>
            {t('connectors.firstPage', { n: f.number(preview.responses) })}
            {preview.unassigned ? t('connectors.withoutAccount', { n: f.number(preview.unassigned) }) : ''}
            {preview.more ? t('connectors.moreAfter') : ''}.
          </p>
          {preview.problems.length > 0 && (
            <ul className="list error">
              {preview.problems.map((p, i) => (
                <li key={i}>{rowErrorText(p, t)}</li>
              ))}
            </ul>
          )}
          <table>
            <thead>
              <tr>
                <th scope="col">{t('preview.date')}</th>
                <th scope="col">{t('comments.score')}</th>
                <th scope="col">{t('preview.respondent')}</th>
                <th scope="col">{t('connectors.companyColumn')}</th>
                <th scope="col">{t('preview.comment')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.externalId}>
                  <td>{new Date(r.answeredAt).toISOString().slice(0, 10)}</td>
                  <td>{r.score}</td>
                  <td>{r.email ?? r.name ?? '—'}</td>
                  <td>{r.account ?? '—'}</td>
                  <td>{r.comment ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {message && (
        <p className={message.error ? 'error' : 'small'} role={message.error ? 'alert' : 'status'} data-testid="connector-message">
          {message.text}
        </p>
      )}
    </section>
  );
}
