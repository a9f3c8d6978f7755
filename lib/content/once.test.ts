// @vitest-environment happy-dom
/**
 * A content script injected twice into the same world (declared and injected, or two injections)
 * runs once: the second copy does nothing and, although WXT's context for it announces a new script,
 * the running copy stays valid. A copy left by a reloaded extension is taken over.
 */
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { runOnce } from './once';
import { CONTENT_SCRIPT_CLAIM, type WorldClaim } from '../messaging/injected';

const key = Symbol.for(CONTENT_SCRIPT_CLAIM);
const world = globalThis as unknown as Record<symbol, unknown>;

/** What WXT's wrapper does with a content script: evaluate the module (runOnce), make a context, call main. */
function inject(main: (ctx: ContentScriptContext) => unknown) {
  const wrapped = runOnce(main);
  const ctx = new ContentScriptContext('salesforce');
  void wrapped(ctx);
  return ctx;
}

afterEach(() => {
  delete world[key];
});

test('the second copy does nothing, and the first keeps running', () => {
  const runs: ContentScriptContext[] = [];
  const first = inject((ctx) => runs.push(ctx));
  const second = inject((ctx) => runs.push(ctx));
  const third = inject((ctx) => runs.push(ctx));
  expect(runs).toEqual([first]);
  expect(first.isValid).toBe(true);
  expect(second.isValid).toBe(false);
  expect(third.isValid).toBe(false);
  expect((world[key] as WorldClaim).duplicates).toBe(0);
});

test("without the claim, WXT's context would stop the first copy (what runOnce prevents)", () => {
  const first = new ContentScriptContext('salesforce');
  new ContentScriptContext('salesforce');
  expect(first.isValid).toBe(false);
});

test('a claim whose copy is gone (the extension was reloaded) is taken over', () => {
  world[key] = { alive: () => false, duplicates: 0 } satisfies WorldClaim;
  const runs: ContentScriptContext[] = [];
  const ctx = inject((c) => runs.push(c));
  expect(runs).toEqual([ctx]);
  expect((world[key] as WorldClaim).alive()).toBe(true);
});

test('once the running copy is invalidated, a new copy runs', () => {
  const runs: ContentScriptContext[] = [];
  const first = inject((ctx) => runs.push(ctx));
  first.abort('extension reloaded');
  const second = inject((ctx) => runs.push(ctx));
  expect(runs).toEqual([first, second]);
  expect(second.isValid).toBe(true);
});

test('the page cannot shut the running copy down by dispatching WXT’s “script started” event itself', () => {
  const runs: ContentScriptContext[] = [];
  const first = inject((ctx) => runs.push(ctx));
  const type = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;
  document.dispatchEvent(new CustomEvent(type, { detail: { contentScriptName: 'salesforce', messageId: 'forged' } }));
  expect(first.isValid).toBe(true);
  expect(runs).toEqual([first]);
});
