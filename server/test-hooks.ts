/**
 * What tests may ask of the reference source, and only when it was started with test hooks: requests
 * counted per route, faults injected (a status, a delay, a Retry-After), responses and action changes
 * written as another user would, and a reset. Served under `TEST_PREFIX` (listed in this folder’s README).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultSchema, TEST_PREFIX, TestActionChangeSchema, TestResponsesSchema, type Fault } from '../lib/wire/schemas';
import { ApiError } from './values';
import type { SourceStorage } from './storage';
import { MAX_TEST_BODY_BYTES, parseWith, readJson, send } from './http-io';

type ParsedFault = ReturnType<typeof FaultSchema.parse>;

interface PendingFault {
  fault: ParsedFault;
  remaining: number;
}

export interface TestHooks {
  isHookPath(pathname: string): boolean;
  /** Answers a request under `TEST_PREFIX`. */
  answer(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void>;
  countRequest(key: string): void;
  counts(): Record<string, number>;
  resetCounts(): void;
  injectFault(fault: Fault): void;
  clearFaults(): void;
  /** The first pending fault for this request, counted down. */
  takeFault(method: string, pathname: string, template: string | undefined): ParsedFault | undefined;
}

/** `onReset` resets what else the server keeps per run (its rate-limit window). */
export function createTestHooks(store: SourceStorage, onReset: () => void): TestHooks {
  let counts = new Map<string, number>();
  let faults: PendingFault[] = [];
  const pending = () => faults.reduce((n, f) => n + f.remaining, 0);
  const addFault = (fault: ParsedFault) => faults.push({ fault, remaining: fault.count });

  async function answerAction(req: IncomingMessage, res: ServerResponse, id: string): Promise<boolean> {
    const current = await store.getAction(id);
    if (!current) throw new ApiError(404, 'not_found', `no action "${id}"`);
    if (req.method === 'GET') {
      send(res, 200, { action: current });
      return true;
    }
    if (req.method === 'POST') {
      const changes = parseWith(TestActionChangeSchema, await readJson(req), 'field');
      send(res, 200, { action: await store.changeAction(id, changes) });
      return true;
    }
    return false;
  }

  const hooks: TestHooks = {
    isHookPath: (pathname) => pathname === TEST_PREFIX || pathname.startsWith(`${TEST_PREFIX}/`),

    async answer(req, res, url) {
      const path = url.pathname.slice(TEST_PREFIX.length);
      const method = req.method ?? 'GET';
      const route = `${method} ${path}`;
      if (route === 'POST /faults') {
        addFault(parseWith(FaultSchema, await readJson(req), 'field'));
        send(res, 200, { pending: pending() });
        return;
      }
      if (route === 'DELETE /faults') {
        faults = [];
        send(res, 200, { pending: 0 });
        return;
      }
      if (route === 'GET /counts') {
        const all = Object.fromEntries(counts);
        send(res, 200, { counts: all, total: Object.values(all).reduce((n, c) => n + c, 0) });
        return;
      }
      if (route === 'POST /reset') {
        counts = new Map();
        faults = [];
        onReset();
        send(res, 200, { ok: true });
        return;
      }
      if (route === 'POST /responses') {
        const { responses } = parseWith(TestResponsesSchema, await readJson(req, MAX_TEST_BODY_BYTES), 'field');
        const now = store.now();
        await store.writeBatch({ accounts: [], responses: responses.map((r) => ({ ...r, updatedAt: r.updatedAt ?? now })) });
        send(res, 200, { responses: await Promise.all(responses.map((r) => store.getResponse(r.id))) });
        return;
      }
      const action = /^\/actions\/([^/]+)$/.exec(path);
      if (action && (await answerAction(req, res, decodeURIComponent(action[1]!)))) return;
      throw new ApiError(404, 'not_found', `no test hook ${method} ${url.pathname}`);
    },

    countRequest(key) {
      counts.set(key, (counts.get(key) ?? 0) + 1);
    },
    counts: () => Object.fromEntries(counts),
    resetCounts() {
      counts = new Map();
    },
    injectFault: (fault) => addFault(FaultSchema.parse(fault)),
    clearFaults() {
      faults = [];
    },
    takeFault(method, pathname, template) {
      const found = faults.find(
        ({ fault, remaining }) =>
          remaining > 0 &&
          (!fault.method || fault.method === method) &&
          (!fault.path || pathname.startsWith(fault.path) || (template?.startsWith(fault.path) ?? false)),
      );
      if (!found) return undefined;
      found.remaining--;
      faults = faults.filter((f) => f.remaining > 0);
      return found.fault;
    },
  };
  return hooks;
}
