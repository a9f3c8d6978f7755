import type { ActionStatus } from '../../lib/model';
import type { CloseTheLoop, OpenAction } from '../../lib/nps';
import { STATUS_LABEL } from './labels';


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
  closeTheLoop?: CloseTheLoop;
  /** Offers status changes on each action. */
  onSetStatus?: (actionId: string, status: ActionStatus) => void;
  /** Offers "New action". */
  onCreate?: () => void;
  /** Ids of actions whose change is being saved. */
  pending?: ReadonlySet<string>;
}

/** What we promised to do about it: open follow-ups, overdue first, with owner, due date and status. */
export function ActionList({ actions, closeTheLoop, onSetStatus, onCreate, pending }: ActionListProps) {
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
      {actions.length === 0 && <p className="muted small">No open follow-up actions.</p>}
      <ul className="list actions">
        {actions.map(({ action, overdue }) => (
          <li key={action.id} data-testid="action-item" data-action-id={action.id} className={overdue ? 'action overdue' : 'action'}>
            <div data-testid="action-title" className="action-title">
              {action.title}
            </div>
            <div className="small muted">
              <span data-testid="action-status">{STATUS_LABEL[action.status]}</span>
              {action.owner && <> · {action.owner}</>}
              {' · '}
              <span data-testid="action-due" className={overdue ? 'detractor' : ''}>
                {action.dueDate ? `${overdue ? 'overdue since' : 'due'} ${action.dueDate}` : 'no due date'}
              </span>
            </div>
            {onSetStatus && (
              <div className="action-tools" role="group" aria-label={`Change status of “${action.title}”`}>
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
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
