/**
 * Calls the background service. Tiny on purpose: the content script imports it, so it carries only
 * types from the protocol (no zod); the background validates what arrives.
 */
import { browser } from 'wxt/browser';
import { AppError } from '../core/errors';
import type { Call, MethodInput, MethodName, MethodOutput, Reply } from './protocol';

/** A failed call, with the failure's code (`conflict`, `validation` …) as the background gave it. */
export class ServiceError extends AppError {
  override name = 'ServiceError';
}

/** The value of a reply, or its failure thrown as a `ServiceError`. */
export function valueOf<K extends MethodName>(method: K, reply: Reply<MethodOutput<K>> | undefined): MethodOutput<K> {
  // Words written out (not through lib/i18n: the content script imports this file and stays small).
  if (!reply) throw new ServiceError('internal', `The extension's background did not answer ${method}.`, { words: { key: 'error.noBackground', values: { method } } });
  if (!reply.ok) {
    const { ok: _ok, error, code, ...where } = reply;
    throw new ServiceError(code, error, where);
  }
  return reply.value;
}

export async function call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodOutput<K>> {
  const message: Call<K> = { channel: 'nps-service', method, input };
  return valueOf(method, (await browser.runtime.sendMessage(message)) as Reply<MethodOutput<K>> | undefined);
}
