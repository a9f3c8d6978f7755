import type { ReactNode } from 'react';
import type { Action, ActionStatus } from '../../lib/model';
import { closedAtOf, type CloseTheLoop, type LoopClosure, type OpenAction } from '../../lib/nps';
import { STATUS_LABEL } from './labels';
import { timeAgo } from './time-ago';

/** The status changes offered from each status: start it, finish it, or put it back. */
const NEXT: Record<ActionStatus, Array<{ status: ActionStatus; label: string }>> = {
  open: [
    { status: 'in_progress', label: 'Start' },
    { status: 'done', label: 'Mark done' },
  ],
  in_progress: [
    { status: 'done', label: 'Mark done' },
    { status: 'open', label: 'Back to open' },
  ],
  done: [{ status: 'open', label: 'Reopen' }],
};

export interface ActionListProps {
  /** Open and in-progress actions, overdue first (as the account context gives them). */
  actions: OpenAction[];
  /** Done actions, most recently closed first; shown in their own list when given. */
  done?: Action[];
  closeTheLoop?: CloseTheLoop;
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

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const days = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

function LoopRate({ loop }: { loop: LoopClosure }) {
  if (loop.n === 0) {
    return (
      <p className="small muted" data-testid="loop-rate" data-n={0}>
        No response in this window needed a follow-up.
      </p>
    );
  }
  return (
    <p className="small" data-testid="loop-rate" data-n={loop.n} data-closed={loop.closed}>
      Loop closed for {loop.closed} of {loop.n} ({percent.format(loop.rate ?? 0)}) responses that needed a follow-up in this window
      {loop.inProgress > 0 && <>, {loop.inProgress} in progress</>}
      {loop.medianDaysToClose !== null && <>; median {days.format(loop.medianDaysToClose)} days from answer to close</>}.
    </p>
  );
}

function StatusButtons({ action, onSetStatus, pending }: { action: Action; onSetStatus: NonNullable<ActionListProps['onSetStatus']>; pending?: ReadonlySet<string> }) {
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
          {next.label}
        </button>
      ))}
    </>
  );
}

/** What we promised to do about it: open follow-ups, overdue first, with owner, due date and status; then what was done. */
export function ActionList({ actions, done, closeTheLoop, loop, onSetStatus, onCreate, onEdit, renderDetails, pending, now = Date.now() }: ActionListProps) {
  const tools = (action: Action) =>
    (onSetStatus || onEdit) && (
      <div className="action-tools" role="group" aria-label={`Change “${action.title}”`}>
        {onEdit && (
          <button type="button" className="link small" onClick={() => onEdit(action)} data-testid="action-edit">
            Edit
          </button>
        )}
        {onSetStatus && <StatusButtons action={action} onSetStatus={onSetStatus} pending={pending} />}
      </div>
    );
  return (
    <section aria-labelledby="actions-heading">
      <div className="section-head">
        <h2 id="actions-heading">Open follow-ups ({actions.length})</h2>
        {onCreate && (
          <button type="button" className="btn small" onClick={onCreate} data-testid="action-new">
            New action
          </button>
        )}
      </div>
      {closeTheLoop && closeTheLoop.detractors > 0 && (
        <p className={`small ${closeTheLoop.followedUp < closeTheLoop.detractors ? '' : 'muted'}`} data-testid="close-the-loop">
          {closeTheLoop.followedUp} of {closeTheLoop.detractors} {closeTheLoop.detractors === 1 ? 'detractor' : 'detractors'} in this window
          got an action within 7 days.
        </p>
      )}
      {loop && <LoopRate loop={loop} />}
      {actions.length === 0 && <p className="muted small">No open follow-up actions.</p>}
      <ul className="list actions" data-testid="actions-open">
        {actions.map(({ action, overdue }) => (
          <li key={action.id} data-testid="action-item" data-action-id={action.id} className={overdue ? 'action overdue' : 'action'}>
            <div data-testid="action-title" className="action-title">
              {action.title}
            </div>
            <div className="small muted">
              <span data-testid="action-status">{STATUS_LABEL[action.status]}</span>
              {action.owner && (
                <>
                  {' · '}
                  <span data-testid="action-owner">{action.owner}</span>
                </>
              )}
              {' · '}
              <span data-testid="action-due" className={overdue ? 'detractor' : ''}>
                {action.dueDate ? `${overdue ? 'overdue since' : 'due'} ${action.dueDate}` : 'no due date'}
              </span>
              {action.updatedBy && <> · changed by {action.updatedBy}</>}
            </div>
            {tools(action)}
            {renderDetails?.(action)}
          </li>
        ))}
      </ul>
      {done && done.length > 0 && (
        <div className="actions-done" data-testid="actions-done" data-count={done.length}>
          <h3 className="small">Done ({done.length})</h3>
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
                    <span data-testid="action-status">{STATUS_LABEL.done}</span>
                    {action.owner && <> · {action.owner}</>}
                    {' · '}
                    <span data-testid="action-closed" data-closed-at={closedAt ?? undefined}>
                      closed{by ? ` by ${by}` : ''}
                      {closedAt !== null ? `, ${timeAgo(closedAt, now)}` : ''}
                    </span>
                  </div>
                  {tools(action)}
                  {renderDetails?.(action)}
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
