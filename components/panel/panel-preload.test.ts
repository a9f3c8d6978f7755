// @vitest-environment happy-dom
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { early, preloadPanelData, startPanelPreload } from './panel-preload';
import type { PanelData } from '../../lib/messaging/protocol';

type Listener = (message: unknown, sender: { id?: string; tab?: unknown }) => void;

function fakeRuntime() {
  const listeners = new Set<Listener>();
  return {
    id: 'own',
    onMessage: { addListener: (l: Listener) => listeners.add(l), removeListener: (l: Listener) => listeners.delete(l) },
    send: (message: unknown, sender: { id?: string; tab?: unknown }) => listeners.forEach((l) => l(message, sender)),
    listeners,
  };
}

const DATA = { tabId: 7 } as unknown as PanelData;

test('early: the value can be read synchronously once the promise is fulfilled', async () => {
  const box = early(Promise.resolve(5));
  expect(box.value).toBeUndefined();
  await box.promise;
  expect(box.value).toBe(5);
  const failed = early(Promise.reject(new Error('no')));
  await expect(failed.promise).rejects.toThrow('no');
  expect(failed.value).toBeUndefined();
});

test('the first request names the frame’s report, and notes changes the background announces meanwhile', async () => {
  const runtime = fakeRuntime();
  const asked: unknown[] = [];
  const preload = preloadPanelData('abc.1', runtime, async (input) => (asked.push(input), DATA));
  expect(asked).toEqual([{ report: 'abc.1' }]);
  expect(await preload.data.promise).toBe(DATA);
  // Messages from a content script, another extension, or events of no consequence change nothing.
  runtime.send({ channel: 'nps-event', event: 'pageChanged', tabId: 7 }, { id: 'own', tab: { id: 7 } });
  runtime.send({ channel: 'nps-event', event: 'pageChanged', tabId: 7 }, { id: 'other' });
  runtime.send({ channel: 'nps-event', event: 'importProgress' }, { id: 'own' });
  expect(preload.changedSince()).toBe(false);
  runtime.send({ channel: 'nps-event', event: 'dataChanged' }, { id: 'own' });
  expect(preload.changedSince()).toBe(true);
  preload.dispose();
  expect(runtime.listeners.size).toBe(0);
  // No report named: none is sent.
  preloadPanelData(undefined, runtime, async (input) => (asked.push(input), DATA));
  expect(asked[1]).toEqual({});
});

test('the page’s first script and the panel share one preload, whichever runs first', async () => {
  fakeBrowser.reset();
  window.history.replaceState(null, '', '/panel.html?report=k3j9x0aa.4#theme=dark');
  const sendMessage = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true, value: DATA });
  const first = startPanelPreload(window);
  expect(startPanelPreload(window)).toBe(first);
  expect(sendMessage).toHaveBeenCalledTimes(1);
  expect(sendMessage).toHaveBeenCalledWith({ channel: 'nps-service', method: 'getPanelData', input: { report: 'k3j9x0aa.4' } });
  expect(await first.data.promise).toBe(DATA);
});
