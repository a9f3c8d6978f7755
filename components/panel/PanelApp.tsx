import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { HistoryGranularity } from '../../lib/nps';
import type { Action, ActionStatus, Role, WindowKey } from '../../lib/model';
import { call } from '../../lib/messaging/client';
import type { PanelData } from '../../lib/messaging/protocol';

import { AccountPicker } from './AccountPicker';
import { draftFromComment, draftFromWaiting } from './drafts';
import { ActionForm, type ActionDraft } from './ActionForm';
import { ActionList } from '../shared/ActionList';
import { ActionEditor } from './ActionEditor';
import { ActionNotes } from './ActionNotes';
import { FollowUpWaiting } from './FollowUpWaiting';
import { PersonAnswers } from './PersonAnswers';
import { CommentList } from './CommentList';
import { InsightsSection } from './InsightsSection';
import { isFiltering, NO_FILTER, type CommentFilter, type CommentPage } from './comment-filter';
import { DEFAULT_TAXONOMY } from '../../lib/insights/taxonomy';
import { Distribution } from './Distribution';
import { Freshness } from './Freshness';
import { Headline } from '../shared/Headline';
import { HistoryChart } from './HistoryChart';
import { collapsePanel } from './panel-collapse';
import { RoleTable } from '../shared/RoleTable';
import type { PanelPreload } from './panel-preload';
import { useSettingsChanges } from './useSettingsChanges';
import { usePanelData } from './usePanelData';

import { sayError } from '../shared/error-text';
import { useI18n } from '../shared/i18n';

/** Comments shown before "Show more comments" (the background's first page is as long). */
const FIRST_COMMENTS = 20;

export type PanelState = 'loading' | 'ready' | 'no-match' | 'no-data' | 'error';

/** The windows the panel offers, each worded by its message. */
const WINDOW_OPTION_KEY = { '90d': 'panel.window.90d', '180d': 'panel.window.180d', '365d': 'panel.window.365d', all: 'panel.window.all' } as const;
const WINDOW_OPTIONS = Object.keys(WINDOW_OPTION_KEY) as WindowKey[];

export function panelState(data: PanelData | null, error: string | null): PanelState {
  if (error) return 'error';
  if (!data) return 'loading';
  if (data.resolution.status !== 'matched' || !data.view) return 'no-match';
  if (data.view.responses === 0) return 'no-data';
  return 'ready';
}

/** Ticks every 30 s so ages ("updated 4 min ago") stay true while the panel is open. */
function useClock(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function Skeleton() {
  const { t } = useI18n();
  return (
    <div className="skeleton-stack" aria-label={t('panel.loading')} role="status">
      <div className="skeleton line" />
      <div className="skeleton block" />
      <div className="skeleton chart" />
      <div className="skeleton block" />
    </div>
  );
}

export interface PanelAppProps {
  place?: 'frame' | 'sidepanel';
  /** The first `getPanelData`, sent by the page's first script (`panel-preload.ts`). */
  preload?: PanelPreload;
}

/** The in-page panel: one account's NPS story, who feels it, why, and what we promised. */
export function PanelApp({ place = 'frame', preload }: PanelAppProps = {}) {
  const { t } = useI18n();
  const [chosenWindow, setChosenWindow] = useState<WindowKey | null>(null);
  const [granularity, setGranularity] = useState<HistoryGranularity>('quarter');
  // The lists of follow-ups and waiting responses come whole once asked for ("Show all"), for this account.
  const [wholeLists, setWholeLists] = useState(false);
  const [shownRoles, setShownRoles] = useState<Role[]>([]);
  const [picking, setPicking] = useState(false);
  const [draft, setDraft] = useState<ActionDraft | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());
  const [actionError, setActionError] = useState<string | null>(null);
  const [refreshError, setRefreshError] = useState<string | null>(null);
  const clock = useClock();
  const { data, error, load, freshness, refresh: refreshAccount } = usePanelData(preload, (event) => {
    if (event === 'pageChanged') {
      setPicking(false);
      setDraft(null);
    }
    setRefreshError(null);
  }, { ...(chosenWindow ? { window: chosenWindow } : {}), granularity, ...(wholeLists ? { wholeLists } : {}) });

  // Settings changed on the options page (counting rule, roles, themes, follow-up rule) or by policy: the
  // background computes with them, so the panel asks again.
  useSettingsChanges(() => void load());

  // What the background computed for the panel (lib/messaging/panel-view.ts): never the raw records.
  const view = data?.view ?? null;
  // The user's choice in this panel wins; until then the window the background used (the settings' default).
  const windowKey = chosenWindow ?? view?.window ?? '365d';
  const context = view?.context ?? null;
  // A failed reload keeps what is shown (with the reason and Retry); only a panel with nothing to show is 'error'.
  const state: PanelState = error && !data ? 'error' : panelState(data, null);
  const accountId = view?.account.id ?? null;
  // The first time an account is shown (a User Timing mark; where a panel's first second goes).
  const shownOnce = useRef(false);
  useEffect(() => {
    if (state !== 'ready' || shownOnce.current) return;
    shownOnce.current = true;
    performance.mark('nps-panel:first-ready');
  }, [state]);
  // Results made by the current analyser and taxonomy count; others are being read again.
  const taxonomy = view?.taxonomy ?? DEFAULT_TAXONOMY;
  const insightsKey = view?.insightsKey ?? '';
  const [commentFilter, setCommentFilter] = useState<CommentFilter>(NO_FILTER);
  const [commentLimit, setCommentLimit] = useState(FIRST_COMMENTS);
  useEffect(() => {
    setCommentFilter(NO_FILTER);
    setCommentLimit(FIRST_COMMENTS);
    setWholeLists(false);
  }, [accountId]);
  // The comments stay in the background: the view brings the first page, a filter or "more" asks for
  // another (the newest request wins), and new data asks again for the page being looked at.
  const [commentPage, setCommentPage] = useState<CommentPage | null>(null);
  const commentRequests = useRef(0);
  useEffect(() => {
    const seq = ++commentRequests.current;
    if (!view) return;
    if (!isFiltering(commentFilter) && commentLimit <= view.comments.items.length) {
      setCommentPage(null);
      return;
    }
    call('getPanelComments', { ...(data?.tabId != null ? { tabId: data.tabId } : {}), window: view.window, filter: commentFilter, limit: commentLimit })
      .then((page) => seq === commentRequests.current && setCommentPage(page))
      .catch((e: unknown) => seq === commentRequests.current && setActionError(sayError(t, e)));
  }, [view, commentFilter, commentLimit, data?.tabId, t]);

  // The person in front of you (a ticket's requester, the contact on the page), within this account only.
  const person = view?.person ?? null;

  const link = async (id: string) => {
    if (!data?.page) return;
    try {
      await call('linkRecord', { recordKey: data.page.recordKey, accountId: id });
      setPicking(false);
      await load();
    } catch (e) {
      setActionError(t('panel.couldNotLink', { error: sayError(t, e) }));
    }
  };

  const refresh = async () => {
    if (!accountId) return;
    setRefreshError(null);
    try {
      await refreshAccount(accountId);
    } catch (e) {
      setRefreshError(sayError(t, e));
    }
  };

  const saveAction = async (action: Action) => {
    await call('saveAction', action);
    setDraft(null);
    setActionError(null);
    await load();
  };

  const editAction = async (action: Action) => {
    await call('saveAction', action);
    setEditing(null);
    setActionError(null);
    await load();
  };

  const addNote = async (actionId: string, text: string) => {
    await call('addActionNote', { actionId, text });
    await load();
  };

  const setStatus = async (actionId: string, status: ActionStatus) => {
    setPending((p) => new Set(p).add(actionId));
    try {
      await call('setActionStatus', { actionId, status });
      setEditing((current) => (current === actionId ? null : current));
      setActionError(null);
      await load();
    } catch (e) {
      setActionError(t('panel.couldNotSetStatus', { error: sayError(t, e) }));
    } finally {
      setPending((p) => {
        const next = new Set(p);
        next.delete(actionId);
        return next;
      });
    }
  };

  const crm = data?.page?.crm;
  const collapse = async () => {
    if (!crm) return;
    try {
      await collapsePanel(browser.storage.local, crm);
    } catch (e) {
      setActionError(t('panel.couldNotCollapse', { error: sayError(t, e) }));
    }
  };

  return (
    <main data-testid="nps-panel" data-state={state} className="panel" aria-busy={state === 'loading'}>
      {crm && place === 'frame' && (
        <button type="button" className="collapse-button" onClick={() => void collapse()} aria-label={t('panel.collapseLabel')} title={t('panel.collapse')} data-testid="panel-collapse">
          <span aria-hidden="true">»</span>
        </button>
      )}
      {state === 'loading' && <Skeleton />}
      {state === 'error' && (
        <div role="alert" className="error">
          <h1 className="panel-title">{t('panel.couldNotLoad')}</h1>
          <p data-testid="panel-error-reason">{error}</p>
          <button type="button" className="btn" onClick={() => void load()}>
            {t('panel.retry')}
          </button>
        </div>
      )}
      {state === 'no-match' && data && (
        <>
          <h1 className="panel-title">{t(data.page ? 'panel.noMatch' : place === 'sidepanel' ? 'panel.noRecordInTab' : 'panel.noRecordHere')}</h1>
          <p className="small muted">
            {t(data.resolution.status === 'ambiguous' ? 'panel.ambiguous' : !data.page ? 'panel.noRecordOnPage' : 'panel.noneMatches')}
          </p>
          {data.page && (
            <AccountPicker candidates={data.resolution.status === 'ambiguous' ? data.resolution.candidates : undefined} onPick={(id) => void link(id)} />
          )}
        </>
      )}
      {(state === 'ready' || state === 'no-data') && data && view && context && (
        <>
          <header className="panel-header">
            <h1 className="panel-title" data-testid="panel-account-name">
              {view.account.name}
            </h1>
            <div className="panel-tools small">
              <label>
                <span className="visually-hidden">{t('panel.timeWindow')}</span>
                <select value={windowKey} onChange={(e) => setChosenWindow(e.target.value as WindowKey)} data-testid="window-select">
                  {WINDOW_OPTIONS.map((value) => (
                    <option key={value} value={value}>
                      {t(WINDOW_OPTION_KEY[value])}
                    </option>
                  ))}
                </select>
              </label>
              {data.page && (
                <button type="button" className="link" onClick={() => setPicking((p) => !p)} aria-expanded={picking} data-testid="panel-relink">
                  {t('panel.notThisAccount')}
                </button>
              )}
            </div>
            <Freshness
              freshness={freshness ?? data.freshness}
              updatedAt={data.updatedAt}
              sourceName={data.sourceName}
              now={clock}
              onRefresh={() => void refresh()}
              refreshError={refreshError}
            />
          </header>
          {picking && <AccountPicker onPick={(id) => void link(id)} />}
          {error && (
            <div role="alert" className="error small">
              {t('panel.couldNotReload', { error })}{' '}
              <button type="button" className="link" onClick={() => void load()}>
                {t('panel.retry')}
              </button>
            </div>
          )}
          {actionError && (
            <p role="alert" className="error small">
              {actionError}
            </p>
          )}
          {state === 'no-data' ? (
            <p className="muted" data-testid="panel-no-data">
              {t('panel.noData')}
            </p>
          ) : (
            <>
              {person && <PersonAnswers found={person} followUpOf={(id) => view?.personFollowUps[id] ?? 'none'} now={clock} />}
              <Headline summary={context.overall} window={windowKey} change={context.change} />
              <FollowUpWaiting
                waiting={context.waiting}
                total={view.lists.waiting}
                onShowAll={() => setWholeLists(true)}
                rule={context.followUpRule}
                onFollowUp={(w) => setDraft(draftFromWaiting(w, t))}
                now={clock}
              />
              <InsightsSection
                insights={view.insights}
                taxonomy={taxonomy}
                onTheme={(theme) => {
                  setCommentFilter({ ...NO_FILTER, theme });
                  document.getElementById('comments-heading')?.scrollIntoView({ block: 'start' });
                }}
              />
              <HistoryChart
                history={context.history}
                shownRoles={shownRoles}
                onShownRolesChange={setShownRoles}
                onGranularityChange={setGranularity}
              />
              <RoleTable roles={context.roles} window={windowKey} rates={context.responseRates.byRole} />
            </>
          )}
          <ActionList
            actions={context.openActions}
            done={context.doneActions}
            totals={{ open: view.lists.openActions, done: view.lists.doneActions }}
            onShowAll={() => setWholeLists(true)}
            closeTheLoop={context.closeTheLoop}
            loop={context.loop}
            onSetStatus={(id, status) => void setStatus(id, status)}
            onCreate={() => setDraft({ title: '' })}
            onEdit={(a) => setEditing((current) => (current === a.id ? null : a.id))}
            renderDetails={(a) =>
              editing === a.id && (
                <>
                  <ActionEditor key={a.id} action={a} onSave={editAction} onCancel={() => setEditing(null)} />
                  <ActionNotes action={a} onAdd={(text) => addNote(a.id, text)} />
                </>
              )
            }
            pending={pending}
            now={clock}
          />
          {draft && (
            <ActionForm
              key={draft.responseId ?? 'new'}
              accountId={view.account.id}
              draft={draft}
              onSave={saveAction}
              onCancel={() => setDraft(null)}
            />
          )}
          {state === 'ready' && (
            <>
              <CommentList
                page={commentPage ?? view.comments}
                onQuery={(_filter, limit) => setCommentLimit(limit)}
                filters
                insightsKey={insightsKey}
                taxonomy={taxonomy}
                filter={commentFilter}
                onFilterChange={setCommentFilter}
                onFollowUp={(c) => setDraft(draftFromComment(c, t))}
              />
              <Distribution distribution={context.distribution} responseRates={context.responseRates} channels={context.channels} />
            </>
          )}
        </>
      )}
    </main>
  );
}
