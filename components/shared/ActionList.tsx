import type { ReactNode } from 'react';
import type { Action, ActionStatus } from '../../lib/model';
import type { CloseTheLoop, LoopClosure, OpenAction } from '../../lib/nps';
import { closedAtOf } from '../../lib/nps/followup';
import { statusLabel } from './labels';
import { useI18n } from './i18n';
import { ShowAll } from './ShowAll';
import type { MessageKey } from '../../lib/i18n';

/** The status changes offered from each status: start it, finish it, or put it back. */
const NEXT: Record<ActionStatus, Array<{ status: ActionStatus; label: MessageKey }>> = {
  open: [
    { status: 'in_progress', label: 'actions.start' },
    { status: 'done', label: 'actions.markDone' },
  ],
  in_progress: [
    { status: 'done', label: 'actions.markDone' },
    { status: 'open', label: 'actions.backToOpen' },
  ],
  done: [{ status: 'open', label: 'actions.reopen' }],
};

export interface ActionListProps {
  /** Open and in-progress actions, overdue first (as the account context gives them). */
  actions: OpenAction[];
  /** Done actions, most recently closed first; shown in their own list when given. */
  done?: Action[];
  closeTheLoop?: CloseTheLoop;
  /** How many open and done actions there are in all (the lists may hold only the first); absent, their lengths. */
  totals?: { open: number; done: number };
  /** Asks for the whole lists when they hold only the first entries. */
  onShowAll?: () => void;
  /** The window's loop closure (share closed, median days to close), shown when given. */
  loop?: LoopClosure;
  /** Offers status changes on each action. */
  onSetStatus?: (actionId: string, status: ActionStatus) => void;
  /** Offers "New action". */
  onCreate?: () => void;
  /** Offers "Edit" on each action. */
  onEdit?: (action: Action) => void;
  /** What to show under an action (its editor, its notes). */
  renderDetails?: (action: Action) => ReactNode;
  /** Ids of actions whose change is being saved. */
  pending?: ReadonlySet<string>;
  now?: number;
}

function LoopRate({ loop }: { loop: LoopClosure }) {
  const { t, f } = useI18n();
  if (loop.n === 0) {
    return (
      <p className="small muted" data-testid="loop-rate" data-n={0}>
        {t('actions.loopNone')}
      </p>
    );
  }
  const days = new Intl.NumberFormat(t.locale, { maximumFractionDigits: 1 });
  return (
    <p className="small" data-testid="loop-rate" data-n={loop.n} data-closed={loop.closed}>
      {t('actions.loop', { closed: loop.closed, n: loop.n, percent: f.percent(loop.rate ?? 0) })}
      {loop.inProgress > 0 && t('actions.loopInProgress', { n: loop.inProgress })}
      {loop.medianDaysToClose !== null && t('actions.loopMedian', { days: days.format(loop.medianDaysToClose) })}.
    </p>
  );
}

function StatusButtons({ action, onSetStatus, pending }: { action: Action; onSetStatus: NonNullable<ActionListProps['onSetStatus']>; pending?: ReadonlySet<string> }) {
  const { t } = useI18n();
  return (
    <>
      {NEXT[action.status].map((next) => (
        <button
          key={next.status}
          type="button"
          className="link small"
          disabled={pending?.has(action.id)}
          onClick={() => onSetStatus(action.id, next.status)}
          data-testid={`action-set-${next.status}`}
        >
          {t(next.label)}
        </button>
      ))}
    </>
  );
}

/** What we promised to do about it: open follow-ups, overdue first, with owner, due date and status; then what was done. */
export function ActionList({ actions, done, totals, onShowAll, closeTheLoop, loop, onSetStatus, onCreate, onEdit, renderDetails, pending, now = Date.now() }: ActionListProps) {
  const openTotal = totals?.open ?? actions.length;
  const doneTotal = totals?.done ?? done?.length ?? 0;
  const { t, f } = useI18n();
  const tools = (action: Action) =>
    (onSetStatus || onEdit) && (
      <div className="action-tools" role="group" aria-label={t('actions.changeLabel', { title: action.title })}>
        {onEdit && (
          <button type="button" className="link small" onClick={() => onEdit(action)} data-testid="action-edit">
            {t('actions.edit')}
          </button>
        )}
        {onSetStatus && <StatusButtons action={action} onSetStatus={onSetStatus} pending={pending} />}
      </div>
    );
  return (
    <section aria-labelledby="actions-heading">
      <div className="section-head">
        <h2 id="actions-heading">{t('actions.heading', { n: openTotal })}</h2>
        {onCreate && (
          <button type="button" className="btn small" onClick={onCreate} data-testid="action-new">
            {t('actions.new')}
          </button>
        )}
      </div>
      {closeTheLoop && closeTheLoop.detractors > 0 && (
        <p className={`small ${closeTheLoop.followedUp < closeTheLoop.detractors ? '' : 'muted'}`} data-testid="close-the-loop">
          {t('actions.closeTheLoop', { followedUp: closeTheLoop.followedUp, detractors: closeTheLoop.detractors })}
        </p>
      )}
      {loop && <LoopRate loop={loop} />}
      {actions.length === 0 && <p className="muted small">{t('actions.none')}</p>}
      <ul className="list actions" data-testid="actions-open">
        {actions.map(({ action, overdue }) => (
          <li key={action.id} data-testid="action-item" data-action-id={action.id} className={overdue ? 'action overdue' : 'action'}>
            <div data-testid="action-title" className="action-title">
              {action.title}
            </div>
            <div className="small muted">
              <span data-testid="action-status">{statusLabel(t, action.status)}</span>
              {action.owner && (
                <>
                  {' · '}
                  <span data-testid="action-owner">{action.owner}</span>
                </>
              )}
              {' · '}
              <span data-testid="action-due" className={overdue ? 'detractor' : ''}>
                {action.dueDate ? t(overdue ? 'actions.overdueSince' : 'actions.due', { date: action.dueDate }) : t('actions.noDue')}
              </span>
              {action.updatedBy && <> · {t('actions.changedBy', { who: action.updatedBy })}</>}
            </div>
            {tools(action)}
            {renderDetails?.(action)}
          </li>
        ))}
      </ul>
      <ShowAll shown={actions.length} total={openTotal} describedBy="actions-heading" onShowAll={onShowAll} />
      {done && done.length > 0 && (
        <div className="actions-done" data-testid="actions-done" data-count={doneTotal}>
          <h3 className="small" id="actions-done-heading">{t('actions.done', { n: doneTotal })}</h3>
          <ul className="list actions">
            {done.map((action) => {
              const closedAt = closedAtOf(action);
              const by = action.closedBy ?? action.updatedBy;
              return (
                <li key={action.id} data-testid="action-item" data-action-id={action.id} className="action done">
                  <div data-testid="action-title" className="action-title">
                    {action.title}
                  </div>
                  <div className="small muted">
                    <span data-testid="action-status">{statusLabel(t, 'done')}</span>
                    {action.owner && <> · {action.owner}</>}
                    {' · '}
                    <span data-testid="action-closed" data-closed-at={closedAt ?? undefined}>
                      {by ? t('actions.closedBy', { who: by }) : t('actions.closed')}
                      {closedAt !== null ? `, ${f.relative(closedAt, now)}` : ''}
                    </span>
                  </div>
                  {tools(action)}
                  {renderDetails?.(action)}
                </li>
              );
            })}
          </ul>
          <ShowAll shown={done.length} total={doneTotal} describedBy="actions-done-heading" onShowAll={onShowAll} />
        </div>
      )}
    </section>
  );
}
