/**
 * Browser notifications, when the user turned them on (the `notifications` permission is asked for then):
 * an action that became overdue, and a new detractor on an account the user opened recently. They follow
 * what-needs-attention's pass (after each change and on its hourly alarm), so they come even when no page
 * is open, and each is raised once: what was notified is kept in `storage.local` and survives the service
 * worker stopping. What was already true when notifications were turned on is not announced (no flood).
 */
import { browser } from 'wxt/browser';

export const NOTIFY_STATE_KEY = 'notify.state';
/** Kept keys at most (oldest dropped): enough for every overdue action and recent detractor a team has. */
const MAX_KEPT = 5_000;

export interface NotifyCandidate {
  /** `overdue:<actionId>` or `detractor:<responseId>`. */
  key: string;
  title: string;
  message: string;
}

export interface NotifyState {
  /** When notifications were found turned on (what was true then is the baseline). */
  since: number;
  sent: string[];
}

/** Which candidates to announce now, and the state after: the first pass with notifications on only records. */
export function selectNotifications(state: NotifyState | null, candidates: readonly NotifyCandidate[], now: number): { notify: NotifyCandidate[]; state: NotifyState } {
  if (!state) return { notify: [], state: { since: now, sent: candidates.map((c) => c.key).slice(-MAX_KEPT) } };
  const sent = new Set(state.sent);
  const notify = candidates.filter((c) => !sent.has(c.key));
  return { notify, state: { since: state.since, sent: [...state.sent, ...notify.map((c) => c.key)].slice(-MAX_KEPT) } };
}

export interface NotifierDeps {
  storage?: { get(key: string): Promise<Record<string, unknown>>; set(items: Record<string, unknown>): Promise<void>; remove(key: string): Promise<void> };
  /** Shows one notification; the default uses `browser.notifications` when the permission is held. */
  show?: (candidate: NotifyCandidate) => Promise<void>;
  granted?: () => Promise<boolean>;
}

async function showInBrowser(c: NotifyCandidate): Promise<void> {
  await browser.notifications.create(c.key, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title: c.title, message: c.message });
}

const holdsPermission = () => browser.permissions.contains({ permissions: ['notifications'] });

export interface Notifier {
  /** Announces what is new among `candidates` when `enabled`; turning them off forgets the baseline. */
  consider(candidates: readonly NotifyCandidate[], enabled: boolean, now: number): Promise<number>;
}

export function createNotifier(deps: NotifierDeps = {}): Notifier {
  const storage = deps.storage ?? browser.storage.local;
  const show = deps.show ?? showInBrowser;
  const granted = deps.granted ?? holdsPermission;
  return {
    async consider(candidates, enabled, now) {
      if (!enabled || !(await granted())) {
        await storage.remove(NOTIFY_STATE_KEY);
        return 0;
      }
      const stored = (await storage.get(NOTIFY_STATE_KEY))[NOTIFY_STATE_KEY] as NotifyState | undefined;
      const { notify, state } = selectNotifications(stored && Array.isArray(stored.sent) ? stored : null, candidates, now);
      // Recorded before showing: a worker stopped in between loses a notification rather than repeating it.
      await storage.set({ [NOTIFY_STATE_KEY]: state });
      for (const c of notify) await show(c);
      return notify.length;
    },
  };
}
