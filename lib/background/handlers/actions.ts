/** Follow-up actions: created, edited and moved along from the panel; written through the data source. */
import type { HandlerGroup, ServiceContext } from '../service-context';

export function actionHandlers(ctx: ServiceContext): HandlerGroup<'saveAction' | 'setActionStatus'> {
  const { store, sources, now } = ctx;
  return {
    async saveAction(action) {
      const s = await store();
      if (!(await s.getAccount(action.accountId))) throw new Error(`No account ${action.accountId}`);
      const known = await s.getAction(action.id);
      // For the HTTP source the write is queued durably and delivered when the source answers.
      return sources.writeAction({ ...action, updatedAt: now() }, known ? 'update' : 'create');
    },

    async setActionStatus({ actionId, status }) {
      const action = await (await store()).getAction(actionId);
      if (!action) throw new Error(`No action ${actionId}`);
      return sources.writeAction({ ...action, status, updatedAt: now() }, 'update');
    },
  };
}
