/**
 * CPU profiles of the extension's service worker and pages for the benchmarks, through the browser's
 * DevTools endpoint (Chromium started with `--remote-debugging-port=0`). Playwright opens sessions on
 * pages only; the service worker is reached by its own WebSocket. A diagnostic, not a figure: a bench
 * records one when asked to (for example POPUP_BENCH_CPU_PROFILE=<directory>).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
export interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The DevTools endpoint Chromium wrote into its profile directory when started with port 0. */
export function devtoolsEndpoint(userDataDir: string): string {
  const [port] = readFileSync(path.join(userDataDir, 'DevToolsActivePort'), 'utf8').split('\n');
  return `http://127.0.0.1:${port}`;
}

type Send = (method: string, params?: object) => Promise<unknown>;

async function connect(url: string): Promise<{ send: Send; close(): void }> {
  const WebSocketClass = (globalThis as unknown as { WebSocket?: typeof WebSocket }).WebSocket ?? (await import('ws')).default;
  const socket = new WebSocketClass(url) as unknown as WebSocket;
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error(`no DevTools connection to ${url}`));
  });
  let next = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  socket.onmessage = (event: MessageEvent) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown; error?: { message: string } };
    const pending = message.id === undefined ? undefined : waiting.get(message.id);
    if (!pending) return;
    waiting.delete(message.id!);
    if (message.error) pending.reject(new Error(message.error.message));
    else pending.resolve(message.result);
  };
  return {
    send: (method, params = {}) =>
      new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        socket.send(JSON.stringify({ id, method, params }));
      }),
    close: () => socket.close(),
  };
}

/** Starts sampling the first target whose type and URL match; `stop()` writes the profile and returns its summary. */
export async function startCpuProfile(endpoint: string, match: { type: string; urlIncludes: string }, file: string): Promise<{ stop(): Promise<string> }> {
  const targets = (await (await fetch(`${endpoint}/json/list`)).json()) as Array<{ type: string; url: string; webSocketDebuggerUrl: string }>;
  const target = targets.find((t) => t.type === match.type && t.url.includes(match.urlIncludes));
  if (!target) throw new Error(`no ${match.type} target at ${match.urlIncludes} (targets: ${targets.map((t) => `${t.type} ${t.url}`).join(', ')})`);
  const session = await connect(target.webSocketDebuggerUrl);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 200 });
  const heapBefore = (await session.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
  await session.send('Profiler.start');
  return {
    async stop() {
      const { profile } = (await session.send('Profiler.stop')) as { profile: Profile };
      const heapAfter = (await session.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
      session.close();
      writeFileSync(file, JSON.stringify(profile));
      const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
      return `${summarize(profile)}\nheap used ${mb(heapBefore.usedSize)} before, ${mb(heapAfter.usedSize)} after (of ${mb(heapAfter.totalSize)})`;
    },
  };
}

/** Self time by function (top 25) and the share of samples outside JavaScript (idle, GC, program), over one or more profiles. */
export function summarize(profiles: Profile | Profile[], top = 25): string {
  const self = new Map<string, number>();
  let total = 0;
  for (const profile of Array.isArray(profiles) ? profiles : [profiles]) {
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const dt = profile.timeDeltas[i] ?? 0;
      total += dt;
      const frame = byId.get(id)!.callFrame;
      const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + dt);
    });
  }
  const rows = [...self].sort((a, b) => b[1] - a[1]).slice(0, top);
  return [`${(total / 1000).toFixed(0)} ms sampled`, ...rows.map(([k, us]) => `${(us / 1000).toFixed(1).padStart(8)} ms  ${k}`)].join('\n');
}

/**
 * Records a performance trace of the whole browser (every process: the page, the extension's frames and
 * worker, the browser's own thread) through its DevTools endpoint; `stop(file)` writes the events in the
 * trace-event format DevTools opens. A diagnostic, like the profiles above.
 */
export async function startTrace(endpoint: string): Promise<{ stop(file: string): Promise<void> }> {
  const { webSocketDebuggerUrl } = (await (await fetch(`${endpoint}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  const WebSocketClass = (globalThis as unknown as { WebSocket?: typeof WebSocket }).WebSocket ?? (await import('ws')).default;
  const socket = new WebSocketClass(webSocketDebuggerUrl) as unknown as WebSocket;
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error(`no DevTools connection to ${webSocketDebuggerUrl}`));
  });
  const events: unknown[] = [];
  let complete: () => void = () => undefined;
  let next = 1;
  socket.onmessage = (event: MessageEvent) => {
    const message = JSON.parse(String(event.data)) as { method?: string; params?: { value?: unknown[] } };
    if (message.method === 'Tracing.dataCollected') events.push(...(message.params?.value ?? []));
    if (message.method === 'Tracing.tracingComplete') complete();
  };
  const send = (method: string, params: object = {}) => socket.send(JSON.stringify({ id: next++, method, params }));
  const categories = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'v8.execute', 'blink.user_timing', 'loading', 'toplevel', 'disabled-by-default-v8.compile'];
  send('Tracing.start', { traceConfig: { includedCategories: categories }, transferMode: 'ReportEvents' });
  return {
    async stop(file) {
      const done = new Promise<void>((resolve) => (complete = resolve));
      send('Tracing.end');
      await done;
      socket.close();
      writeFileSync(file, JSON.stringify(events));
    },
  };
}
