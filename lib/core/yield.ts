/**
 * Long work on a thread others wait for (the background's passes over every account share the service
 * worker with the popup's and the panel's calls): `slicer()` gives a function to call between items,
 * which hands the thread back to waiting events once the current slice has held it for `sliceMs`.
 *
 * The hand-back is a task of its own (a background-priority task, else a `MessageChannel` message): a
 * timer would do, but nested timers are clamped to 4 ms each, which would stretch a pass by half.
 */

/**
 * `background`: after everything else waiting (passes nobody waits for); `user-visible`: among the
 * other waiting tasks, ahead of background work (work a call is waiting for, such as the search index).
 */
export type SlicePriority = 'background' | 'user-visible';

interface PostTaskScheduler {
  postTask(callback: () => void, options: { priority: SlicePriority }): Promise<void>;
}

/**
 * Resolves in a new task, after the events already waiting have run: at background priority where the
 * browser schedules by priority (`scheduler.postTask`), so that every message, timer and IndexedDB
 * answer waiting goes first; otherwise after those queued before it.
 */
export function nextTask(priority: SlicePriority = 'background'): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<PostTaskScheduler> }).scheduler;
  if (typeof scheduler?.postTask === 'function') return scheduler.postTask(() => undefined, { priority });
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * A function to await between items of long work: it resolves at once while the slice is young, and
 * after a new task once it has run `sliceMs` (the caller's thread has then served what was waiting).
 * `priority` may be a function, asked at each hand-back.
 */
export function slicer(
  sliceMs = 8,
  now: () => number = () => performance.now(),
  priority: SlicePriority | (() => SlicePriority) = 'background',
): () => Promise<void> | undefined {
  let started = now();
  return () => {
    if (now() - started < sliceMs) return undefined;
    // A function says the priority at each hand-back: work that someone starts waiting for goes ahead.
    return nextTask(typeof priority === 'function' ? priority() : priority).then(() => {
      started = now();
    });
  };
}
