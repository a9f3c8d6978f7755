/**
 * Calls the background service. Tiny on purpose: the content script imports it, so it carries only
 * types from the protocol (no zod); the background validates what arrives.
 */
import { browser } from 'wxt/browser';
import type { Call, MethodInput, MethodName, MethodOutput, Reply } from './protocol';

export class ServiceError extends Error {
  override name = 'ServiceError';
}

export async function call<K extends MethodName>(method: K, input: MethodInput<K>): Promise<MethodOutput<K>> {
  const message: Call<K> = { channel: 'nps-service', method, input };
  const reply = (await browser.runtime.sendMessage(message)) as Reply<MethodOutput<K>> | undefined;
  if (!reply) throw new ServiceError(`The extension's background did not answer ${method}.`);
  if (!reply.ok) throw new ServiceError(reply.error);
  return reply.value;
}
