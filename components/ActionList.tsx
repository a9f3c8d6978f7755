import type { OpenAction } from '../lib/nps';

const STATUS_LABEL = { open: 'Open', in_progress: 'In progress', done: 'Done' } as const;

/** What we promised to do about it: open follow-ups, overdue first. */
export function ActionList({ actions }: { actions: OpenAction[] }) {
  return (
    <section aria-labelledby="actions-heading">
      <h2 id="actions-heading">Open follow-ups ({actions.length})</h2>
      {actions.length === 0 && <p className="muted small">No open follow-up actions.</p>}
      <ul className="list actions">
        {actions.map(({ action, overdue }) => (
          <li key={action.id} data-testid="action-item" className={overdue ? 'action overdue' : 'action'}>
            <div data-testid="action-title">{action.title}</div>
            <div className="small muted">
              <span data-testid="action-status">{STATUS_LABEL[action.status]}</span>
              {action.owner && <> · {action.owner}</>}
              {' · '}
              <span data-testid="action-due" className={overdue ? 'detractor' : ''}>
                {action.dueDate ? `${overdue ? 'overdue since' : 'due'} ${action.dueDate}` : 'no due date'}
              </span>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
