/**
 * The background's side of the protocol: checks who sent a call, validates its input with the
 * method's schema, runs the handler and replies `{ok, value}` or `{ok: false, error}`.
 */
import { toErrorInfo } from '../core/errors';
import { PROTOCOL, type Caller, type MethodName, type MethodOutput, type MethodParams, type Reply } from './protocol';

/** What the handlers learn about the caller (from the browser, not from the message). */
export interface CallerInfo {
  caller: Caller;
  tabId?: number;
  frameId?: number;
  url?: string;
}

export type Handlers = {
  [K in MethodName]: (input: MethodParams<K>, from: CallerInfo) => Promise<MethodOutput<K>> | MethodOutput<K>;
};

/** The subset of `runtime.MessageSender` we rely on. */
export interface Sender {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

const EXTENSION_SCHEMES = ['chrome-extension:', 'moz-extension:', 'safari-web-extension:'];

/** Classifies a sender; null for anything that is not this extension (other extensions, web pages). */
export function classifySender(sender: Sender, ownId: string): CallerInfo | null {
  if (sender.id !== ownId || !sender.url) return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  const base = { tabId: sender.tab?.id, frameId: sender.frameId, url: sender.url };
  if (EXTENSION_SCHEMES.includes(url.protocol)) return { caller: 'extension', ...base };
  if ((url.protocol === 'https:' || url.protocol === 'http:') && sender.tab?.id !== undefined) {
    return { caller: 'content', ...base };
  }
  return null;
}

export function isServiceCall(message: unknown): message is { channel: 'nps-service'; method: string; input: unknown } {
  return typeof message === 'object' && message !== null && (message as { channel?: unknown }).channel === 'nps-service';
}

/**
 * Handles one incoming message. Returns undefined for messages that are not service calls, so other
 * listeners may answer them.
 */
export async function dispatch(
  handlers: Handlers,
  message: unknown,
  sender: Sender,
  ownId: string,
): Promise<Reply<unknown> | undefined> {
  if (!isServiceCall(message)) return undefined;
  const method = message.method as MethodName;
  const spec = Object.hasOwn(PROTOCOL, method) ? PROTOCOL[method] : undefined;
  if (!spec) return { ok: false, code: 'not_found', error: `Unknown method ${String(message.method)}` };
  const from = classifySender(sender, ownId);
  if (!from || !spec.callers.includes(from.caller)) {
    return { ok: false, code: 'permission', error: `${method} may not be called from here` };
  }
  const parsed = spec.input.safeParse(message.input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'input';
    return { ok: false, code: 'validation', field: where, error: `${method}: ${where} — ${issue?.message ?? 'invalid'}` };
  }
  try {
    const handler = handlers[method] as (input: unknown, from: CallerInfo) => unknown;
    return { ok: true, value: await handler(parsed.data, from) };
  } catch (error) {
    const { message: text, ...info } = toErrorInfo(error);
    return { ok: false, error: text, ...info };
  }
}

/** The part of `runtime.Port` the background serves calls on. */
export interface CallPort {
  name: string;
  sender?: Sender;
  postMessage(message: unknown): void;
  onMessage: { addListener(listener: (message: unknown) => void): void };
}

/**
 * Serves service calls that arrive over a port (`lib/messaging/port-client.ts`), each answered with the
 * number it came with. The same checks as a one-off message: the port's sender, then the call's input.
 * Ports of another name are left to other listeners; a message without a whole-number id is ignored.
 */
export function servePort(handlers: Handlers, port: CallPort, ownId: string, portName: string): boolean {
  if (port.name !== portName) return false;
  port.onMessage.addListener((envelope) => {
    const { id, message } = (envelope ?? {}) as { id?: unknown; message?: unknown };
    if (typeof id !== 'number' || !Number.isSafeInteger(id)) return;
    void dispatch(handlers, message, port.sender ?? {}, ownId).then((reply) => {
      try {
        port.postMessage({ id, reply: reply ?? { ok: false, code: 'validation', error: 'Not a service call' } });
      } catch {
        // The page closed before its answer: nobody is waiting for it.
      }
    });
  });
  return true;
}
