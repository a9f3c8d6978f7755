import type { Action } from './index';

export type ActionFields = Pick<Action, 'title' | 'status' | 'owner' | 'dueDate' | 'responseId'>;

/**
 * An action's own fields as written to a source or stored: empty optional fields (no owner, no due
 * date, no response) are left out rather than sent as empty strings. The client's create request and
 * the server's stored action use the same rule.
 */
export function actionFields(action: { title: string; status: Action['status']; owner?: string | null; dueDate?: string | null; responseId?: string | null }): ActionFields {
  return {
    title: action.title,
    status: action.status,
    ...(action.owner ? { owner: action.owner } : {}),
    ...(action.dueDate ? { dueDate: action.dueDate } : {}),
    ...(action.responseId ? { responseId: action.responseId } : {}),
  };
}
