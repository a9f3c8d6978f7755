/**
 * One content script per page, however often it is injected. A CRM's script can reach the same
 * page twice: declared in the manifest and injected by the background on an in-app navigation into a
 * record (`lib/background/record-injector.ts`), or injected twice when two navigations race. All copies
 * share the extension's isolated world, so the first one claims it (a symbol on `globalThis`) and any
 * later copy does nothing.
 *
 * WXT's wrapper creates a `ContentScriptContext` before it calls `main`, and that constructor tells
 * earlier copies of the script to stop (an event on `document`, meant for development reloads). The
 * claim is therefore taken when the entry module is evaluated, before the wrapper runs, and the
 * running copy stops that event while it runs, so neither a duplicate nor the page (which can dispatch
 * the same event on the shared DOM) can invalidate it.
 * A claim left by a copy whose extension was reloaded or updated (its context is invalid) is taken over.
 */
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { CONTENT_SCRIPT_CLAIM, type WorldClaim } from '../messaging/injected';

type Main = (ctx: ContentScriptContext) => unknown;

/** WXT's name for the "a content script started" event (not part of its typed API). */
function scriptStartedEvent(): string | undefined {
  const type = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE?: unknown }).SCRIPT_STARTED_MESSAGE_TYPE;
  return typeof type === 'string' ? type : undefined;
}

function isAlive(claim: WorldClaim): boolean {
  try {
    return claim.alive();
  } catch {
    return false;
  }
}

/**
 * Wraps a content script's `main` so that only the first copy in this world runs it. Call it where
 * the entry module is evaluated (in the `defineContentScript` object), not inside `main`.
 */
export function runOnce(main: Main, world: Record<symbol, unknown> = globalThis as unknown as Record<symbol, unknown>): Main {
  const key = Symbol.for(CONTENT_SCRIPT_CLAIM);
  const held = world[key] as WorldClaim | undefined;
  if (held && isAlive(held)) {
    held.duplicates++;
    // This copy's own context only: it stops listening and leaves the page as it was.
    return (ctx) => ctx.abort('Another copy of this content script runs in this page');
  }
  let context: ContentScriptContext | undefined;
  const claim: WorldClaim = { alive: () => !context?.isInvalid, duplicates: 0 };
  world[key] = claim;
  const started = scriptStartedEvent();
  if (started && typeof addEventListener === 'function') {
    // Capture on the window runs before the running context's own listener on `document`.
    addEventListener(
      started,
      (event) => {
        if (world[key] !== claim || !isAlive(claim)) return;
        // While this copy runs, the event comes from a duplicate of it, or from the page itself (which
        // can dispatch any event on the shared DOM to shut the script down): neither may stop it.
        if (claim.duplicates > 0) claim.duplicates--;
        event.stopImmediatePropagation();
      },
      { capture: true },
    );
  }
  return (ctx) => {
    context = ctx;
    return main(ctx);
  };
}
