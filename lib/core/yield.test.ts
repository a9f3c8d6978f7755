import { nextTask, slicer } from './yield';

test('a slicer lets the thread go only once its slice has run its time, then starts a new slice', async () => {
  let clock = 0;
  const pause = slicer(8, () => clock);
  expect(pause()).toBeUndefined();
  clock = 7.9;
  expect(pause()).toBeUndefined();
  clock = 8;
  const handedBack = pause();
  expect(handedBack).toBeInstanceOf(Promise);
  await handedBack;
  expect(pause()).toBeUndefined();
  clock = 15.9;
  expect(pause()).toBeUndefined();
  clock = 16;
  expect(pause()).toBeInstanceOf(Promise);
});

test('work waiting on the thread runs before the next task begins', async () => {
  const order: string[] = [];
  const waiting = new MessageChannel();
  waiting.port1.onmessage = () => {
    order.push('a waiting message');
    waiting.port1.close();
  };
  waiting.port2.postMessage(null);
  void Promise.resolve().then(() => order.push('a microtask'));
  await nextTask();
  order.push('the long work again');
  expect(order).toEqual(['a microtask', 'a waiting message', 'the long work again']);
});

test('where the browser schedules by priority, a slice ends in a task of the priority asked for (background by default)', async () => {
  const asked: string[] = [];
  const scheduler = { postTask: async (callback: () => void, options: { priority: string }) => void (asked.push(options.priority), callback()) };
  (globalThis as { scheduler?: unknown }).scheduler = scheduler;
  try {
    await nextTask();
    let clock = 0;
    const pause = slicer(8, () => clock, 'user-visible');
    clock = 9;
    await pause();
    expect(asked).toEqual(['background', 'user-visible']);
    // Asked at each hand-back when it is a function.
    let waited = false;
    const raised = slicer(8, () => clock, () => (waited ? 'user-visible' : 'background'));
    clock = 18;
    await raised();
    waited = true;
    clock = 27;
    await raised();
    expect(asked).toEqual(['background', 'user-visible', 'background', 'user-visible']);
  } finally {
    delete (globalThis as { scheduler?: unknown }).scheduler;
  }
});
