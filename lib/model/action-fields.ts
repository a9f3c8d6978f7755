import type { Action, ActionNote } from './index';

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

/**
 * Notes as a writer keeps them: the ones it knew stay as they were; new ones are stamped with the writer's
 * user (when known), so a client cannot write a note in someone else's name. The shared source and the
 * extension's own store apply the same rule.
 */
export function stampNotes(notes: readonly ActionNote[] | undefined, known: readonly ActionNote[] | undefined, author: string | undefined): ActionNote[] | undefined {
  if (notes === undefined) return known ? [...known] : undefined;
  const before = new Map((known ?? []).map((n) => [n.id, n]));
  return notes.map((n) => {
    const kept = before.get(n.id);
    if (kept) return kept;
    const { by: _claimed, ...note } = n;
    return author ? { ...note, by: author } : note;
  });
}

/** When and by whom an action is closed after a status change: done stamps them, reopening clears them. */
export function closeStamp(
  before: Pick<Action, 'status' | 'closedAt' | 'closedBy' | 'updatedAt'> | null,
  status: Action['status'],
  now: number,
  author: string | undefined,
): Pick<Action, 'closedAt' | 'closedBy'> {
  if (status !== 'done') return {};
  if (before?.status === 'done') {
    return { closedAt: before.closedAt ?? before.updatedAt, ...(before.closedBy ? { closedBy: before.closedBy } : {}) };
  }
  return { closedAt: now, ...(author ? { closedBy: author } : {}) };
}
