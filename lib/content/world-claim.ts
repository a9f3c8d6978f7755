/**
 * The mark a running content script leaves in the extension's isolated world (`once.ts`), read by the
 * background's probe before it injects a script (`lib/service/record-injector.ts`). Kept apart so the
 * background imports a name, not the content script's code.
 */

/** `Symbol.for` key of the claim on the isolated world's `globalThis`. */
export const CONTENT_SCRIPT_CLAIM = 'nps-context.content-script';

export interface WorldClaim {
  /** False once the running copy's context is invalid (the extension was reloaded or updated). */
  alive(): boolean;
  /** Copies that are starting now and must be ignored by the running one. */
  duplicates: number;
}
