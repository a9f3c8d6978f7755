/** Follow-up actions: created, edited, moved along and annotated from the panel; written through the data source. */
import { wordedError, words } from '../../i18n/words';
import type { Action, ActionStatus } from '../../model';
import { closeStamp } from '../../model/action-fields';
import type { HandlerGroup, ServiceContext } from '../service-context';

/** The action after a status change: done stamps when it was closed; reopening clears it (as a shared source does). */
export function withStatus(action: Action, status: ActionStatus, now: number): Action {
  const { closedAt: _closedAt, closedBy: _closedBy, ...rest } = action;
  return { ...rest, status, updatedAt: now, ...closeStamp(action, status, now, undefined) };
}

export function actionHandlers(ctx: ServiceContext): HandlerGroup<'saveAction' | 'setActionStatus' | 'addActionNote'> {
  const { store, sources, now } = ctx;
  const existing = async (actionId: string): Promise<Action> => {
    const action = await (await store()).getAction(actionId);
    if (!action) throw wordedError('not_found', words('error.noAction', { id: actionId }));
    return action;
  };
  return {
    async saveAction(action) {
      const s = await store();
      if (!(await s.getAccount(action.accountId))) throw new Error(`No account ${action.accountId}`);
      const known = await s.getAction(action.id);
      // An edit keeps what the form does not show: its notes, and when and by whom it was closed.
      let merged: Action = action.status === 'done' && action.closedAt === undefined ? { ...action, closedAt: now() } : action;
      if (known) {
        const closed = action.status === known.status ? known : withStatus(known, action.status, now());
        const { closedAt: _a, closedBy: _b, notes: _n, ...fields } = action;
        merged = {
          ...fields,
          ...(closed.closedAt !== undefined ? { closedAt: closed.closedAt } : {}),
          ...(closed.closedBy !== undefined ? { closedBy: closed.closedBy } : {}),
          ...((action.notes ?? known.notes) ? { notes: action.notes ?? known.notes } : {}),
        };
      }
      // For the HTTP source the write is queued durably and delivered when the source answers.
      return sources.writeAction({ ...merged, updatedAt: now() }, known ? 'update' : 'create');
    },

    async setActionStatus({ actionId, status }) {
      return sources.writeAction(withStatus(await existing(actionId), status, now()), 'update');
    },

    async addActionNote({ actionId, text }) {
      // With a shared source the note travels with the action's next write (the outbox, exactly once);
      // the source names its author.
      const action = await existing(actionId);
      const at = now();
      const notes = [...(action.notes ?? []), { id: `${at.toString(36)}-${crypto.randomUUID().slice(0, 8)}`, at, text }];
      return sources.writeAction({ ...action, notes, updatedAt: at }, 'update');
    },
  };
}
