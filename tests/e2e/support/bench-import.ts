/**
 * The import benchmark in a real Chromium with the built extension: 1,000,000 generated responses
 * imported through the options page, its worker and the background, as a person would (file input),
 * with the JS heaps of the options page, the import worker and the service worker sampled throughout;
 * parsing alone timed in the same browser; then, with the million responses stored, the read of one
 * account's records (10,000 responses) and its analytics.
 */
import { chromium, type BrowserContext, type CDPSession, type Page, type Worker } from '@playwright/test';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BenchFigure } from '../../../scripts/bench/nps';
import type { AccountRecords } from '../../../lib/model';
import { DEMO_ACCOUNTS, qualtricsCsvChunks, responsesCsvChunks } from '../../../lib/sample';
import { openHarness } from './browser-bundle';
import { chromiumExecutable, EXTENSION_DIR } from './chromium';

/** A figure where more is better: its budget is a floor. */
export type ImportBenchFigure = BenchFigure & { atLeast?: boolean };

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const FOCUS_ROWS = Math.min(10_000, ROWS);
const FOCUS_ACCOUNT = DEMO_ACCOUNTS[0]!.id;
const MB = 1024 * 1024;
const FLOOR_ROWS = Math.min(ROWS, 100_000);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The CSV written to a temporary file, chunk by chunk: never one string in memory. */
function writeCsv(dir: string, now: number): string {
  const file = path.join(dir, `responses-${ROWS}.csv`);
  const fd = openSync(file, 'w');
  try {
    for (const chunk of responsesCsvChunks({ seed: 11, rows: ROWS, accounts: 2000, now, rowsPerChunk: 20_000, focusRows: FOCUS_ROWS })) {
      writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
  return file;
}

/** Like the tests' launcher, with exact `performance.memory` figures. */
async function launch(userDataDir: string): Promise<{ context: BrowserContext; serviceWorker: Worker; extensionId: string }> {
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumExecutable(),
    headless: false,
    args: [
      '--headless=new',
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--enable-precise-memory-info',
    ],
  });
  let [serviceWorker] = context.serviceWorkers();
  serviceWorker ??= await context.waitForEvent('serviceworker');
  return { context, serviceWorker, extensionId: new URL(serviceWorker.url()).host };
}

interface HeapUsage {
  usedSize: number;
}

/**
 * Samples the used JS heap of the options page (its own CDP session) and of the service worker and the
 * import worker (attached through the page's session, non-flat, since Playwright gives workers none).
 */
class HeapSampler {
  /** The most used heap seen (garbage not yet collected included). */
  readonly peak = { page: 0, serviceWorker: 0, importWorker: 0 };
  /** The most heap seen right after a forced collection: what the import really holds on to. */
  readonly live = { page: 0, serviceWorker: 0, importWorker: 0 };
  private samples = 0;
  private timer: ReturnType<typeof setInterval> | undefined;
  private sessions = new Map<string, { kind: 'serviceWorker' | 'importWorker'; sessionId: string }>();
  private pending = new Map<number, (usage: HeapUsage | null) => void>();
  private nextId = 1;
  private busy = false;

  constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.receivedMessageFromTarget', (event: { message: string }) => {
      const reply = JSON.parse(event.message) as { id?: number; result?: HeapUsage };
      if (reply.id !== undefined) this.pending.get(reply.id)?.(reply.result ?? null);
    });
  }

  static async start(page: Page, extensionId: string): Promise<HeapSampler> {
    const sampler = new HeapSampler(await page.context().newCDPSession(page));
    sampler.timer = setInterval(() => void sampler.sample(extensionId), 250);
    return sampler;
  }

  private async attachNew(extensionId: string) {
    const { targetInfos } = (await this.cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string; url: string }> };
    for (const target of targetInfos) {
      if (this.sessions.has(target.targetId) || !target.url.includes(extensionId)) continue;
      const kind = target.type === 'service_worker' ? 'serviceWorker' : target.type === 'worker' ? 'importWorker' : null;
      if (!kind) continue;
      const { sessionId } = (await this.cdp.send('Target.attachToTarget', { targetId: target.targetId, flatten: false })) as { sessionId: string };
      this.sessions.set(target.targetId, { kind, sessionId });
    }
  }

  private inTarget(sessionId: string, method: string): Promise<HeapUsage | null> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timeout = setTimeout(() => resolve(null), 10_000);
      this.pending.set(id, (usage) => {
        clearTimeout(timeout);
        this.pending.delete(id);
        resolve(usage);
      });
      this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method }) }).catch(() => resolve(null));
    });
  }

  async sample(extensionId: string) {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.attachNew(extensionId);
      // Every 20th sample (5 s) follows a forced collection, and measures the live heap.
      const collect = this.samples++ % 20 === 19;
      if (collect) await this.cdp.send('HeapProfiler.collectGarbage');
      const page = (await this.cdp.send('Runtime.getHeapUsage')) as HeapUsage;
      this.peak.page = Math.max(this.peak.page, page.usedSize);
      if (collect) this.live.page = Math.max(this.live.page, page.usedSize);
      for (const [targetId, { kind, sessionId }] of this.sessions) {
        if (collect) await this.inTarget(sessionId, 'HeapProfiler.collectGarbage');
        const usage = await this.inTarget(sessionId, 'Runtime.getHeapUsage');
        if (!usage) {
          this.sessions.delete(targetId);
          continue;
        }
        this.peak[kind] = Math.max(this.peak[kind], usage.usedSize);
        if (collect) this.live[kind] = Math.max(this.live[kind], usage.usedSize);
      }
    } catch {
      // A target that went away between listing and asking: the next sample carries on.
    } finally {
      this.busy = false;
    }
  }

  async stop(extensionId: string) {
    clearInterval(this.timer);
    await this.sample(extensionId);
    await this.cdp.detach().catch(() => undefined);
  }
}

/** CPU ticks (user + system, 1/100 s) of the browser whose profile is `userDataDir` and of each of its descendants; null off Linux. */
function browserCpuTicks(userDataDir: string): Map<number, number> | null {
  if (process.platform !== 'linux') return null;
  const stats = new Map<number, { ppid: number; ticks: number }>();
  let root: number | null = null;
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      stats.set(pid, { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
      if (root === null && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--user-data-dir=${userDataDir}`)) root = pid;
    } catch {
      // The process ended while we looked.
    }
  }
  if (root === null) return null;
  const tree = new Map([[root, stats.get(root)!.ticks]]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, { ppid, ticks }] of stats) {
      if (!tree.has(pid) && tree.has(ppid)) {
        tree.set(pid, ticks);
        grew = true;
      }
    }
  }
  return tree;
}

/**
 * CPU seconds the browser's processes used between start and stop, sampled each second so processes
 * that end on the way (a worker, a renderer) still count with what they had used.
 */
class CpuMeter {
  private readonly before: Map<number, number>;
  private readonly latest = new Map<number, number>();
  private readonly timer: ReturnType<typeof setInterval>;

  private constructor(private readonly userDataDir: string, before: Map<number, number>) {
    this.before = before;
    this.timer = setInterval(() => this.sample(), 1000);
  }

  static start(userDataDir: string): CpuMeter | null {
    const before = browserCpuTicks(userDataDir);
    return before ? new CpuMeter(userDataDir, before) : null;
  }

  private sample() {
    for (const [pid, ticks] of browserCpuTicks(this.userDataDir) ?? []) this.latest.set(pid, Math.max(ticks, this.latest.get(pid) ?? 0));
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    let ticks = 0;
    for (const [pid, now] of this.latest) ticks += now - (this.before.get(pid) ?? 0);
    return ticks / 100;
  }
}

interface ServiceReply<T> {
  ok: boolean;
  value: T;
  error?: string;
}

/** Calls the background from an extension page, timing each call in the page. */
export async function timedCalls<T>(page: Page, method: string, input: unknown, runs: number): Promise<{ times: number[]; value: T }> {
  return page.evaluate(
    async ({ method, input, runs }) => {
      const times: number[] = [];
      let value: unknown;
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime;
        const reply = (await runtime.sendMessage({ channel: 'nps-service', method, input })) as ServiceReply<unknown>;
        times.push(performance.now() - start);
        if (!reply.ok) throw new Error(reply.error);
        value = reply.value;
      }
      return { times, value: value as T };
    },
    { method, input, runs },
  );
}

interface AnalysisStatus {
  state: string;
  blocksDone: number;
  blocksTotal: number;
  analysed: number;
}

/**
 * Waits for the background's reading of the imported comments to end (it starts with the commit), so the
 * account figures that follow measure the reads themselves, not the reads competing with that pass. A
 * pass still running after `limitMs` is cancelled (and the figure says so).
 */
async function commentReading(page: Page, limitMs = 20 * 60_000): Promise<{ seconds: number; analysed: number; state: string }> {
  const started = performance.now();
  let status: AnalysisStatus | undefined;
  while (performance.now() - started < limitMs) {
    status = (await timedCalls<AnalysisStatus>(page, 'getAnalysisStatus', {}, 1)).value;
    // Idle before the pass has started (the status stays as a fresh worker left it), idle again once it ended.
    if (status.state !== 'running' && (status.state !== 'idle' || status.analysed > 0)) break;
    await page.waitForTimeout(1000);
  }
  const running = status?.state === 'running';
  if (running) await timedCalls(page, 'cancelAnalysis', {}, 1);
  return { seconds: (performance.now() - started) / 1000, analysed: status?.analysed ?? 0, state: running ? 'cancelled by the bench' : (status?.state ?? 'unknown') };
}

/** The store's own read of one account (the queries of `getAccountRecords`), timed inside the service worker. */
async function storeReadTimes(serviceWorker: Worker, accountId: string, runs: number): Promise<{ times: number[]; responses: number; decodeTimes: number[]; decoded: number }> {
  return serviceWorker.evaluate(
    // No named helpers inside: the function is sent as text and must not need the bundler's own helpers.
    async ({ accountId, runs }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('nps-context');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const times: number[] = [];
      const decodeTimes: number[] = [];
      let responses = 0;
      let decoded = 0;
      try {
        for (let i = 0; i < runs; i++) {
          const start = performance.now();
          const tx = db.transaction(['accounts', 'responseBlocks', 'actions', 'sendBlocks'], 'readonly');
          // Responses and sends are stored in blocks keyed [accountId, n]: one contiguous range each.
          const range = IDBKeyRange.bound([accountId], [accountId, []]);
          const results = await Promise.all(
            [
              tx.objectStore('accounts').get(accountId),
              tx.objectStore('responseBlocks').getAll(range),
              tx.objectStore('actions').index('byAccount').getAll(accountId),
              tx.objectStore('sendBlocks').getAll(range),
            ].map(
              (request: IDBRequest) =>
                new Promise<unknown>((resolve, reject) => {
                  request.onsuccess = () => resolve(request.result);
                  request.onerror = () => reject(request.error);
                }),
            ),
          );
          // The rows out of their blocks, made again from the blocks' columns as the store does
          // (lib/store/block-columns.ts), then checked for date order (blocks.ts).
          type Row = Record<string, unknown> & { respondedAt?: number; sentAt?: number };
          type Column = unknown[] | { same: unknown } | { emptyList: true } | { words: unknown[]; codes: string };
          type Block = { accountId: string; ids: string[]; rows?: Row[]; columns?: Record<string, Column> };
          const rows = [results[1], results[3]].map((blocks) =>
            (blocks as Block[]).flatMap((block) => {
              if (block.rows) return block.rows;
              const made = new Array<Row>(block.ids.length);
              for (let j = 0; j < made.length; j++) made[j] = { id: block.ids[j], accountId: block.accountId };
              for (const name in block.columns) {
                const column = block.columns[name]!;
                if (Array.isArray(column)) {
                  for (let j = 0; j < made.length; j++) if (column[j] !== undefined && column[j] !== null) made[j]![name] = column[j];
                } else if ('same' in column) for (let j = 0; j < made.length; j++) made[j]![name] = column.same;
                else if ('codes' in column) {
                  for (let j = 0; j < made.length; j++) {
                    const at = column.codes.charCodeAt(j);
                    if (at === 0) continue;
                    const value = column.words[at - 1];
                    made[j]![name] = Array.isArray(value) ? value.slice() : value;
                  }
                } else for (let j = 0; j < made.length; j++) made[j]![name] = [];
              }
              return made;
            }),
          );
          let inOrder = 0;
          for (const list of rows) for (let j = 1; j < list.length; j++) if ((list[j - 1]!.respondedAt ?? list[j - 1]!.sentAt!) <= (list[j]!.respondedAt ?? list[j]!.sentAt!)) inOrder++;
          times.push(performance.now() - start);
          if (inOrder < 0) throw new Error('unreachable');
          responses = rows[0]!.length;
          // What the panel's view adds when it is computed: the comments' results, kept as text, decoded.
          const decodeStart = performance.now();
          decoded = 0;
          for (const row of rows[0] as Array<{ insightJson?: string }>) if (row.insightJson !== undefined && JSON.parse(row.insightJson)) decoded++;
          decodeTimes.push(performance.now() - decodeStart);
        }
      } finally {
        db.close();
      }
      return { times, responses, decodeTimes, decoded };
    },
    { accountId, runs },
  );
}

export async function benchImportBrowser(): Promise<ImportBenchFigure[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nps-bench-import-'));
  const now = Date.now();
  const csvPath = writeCsv(dir, now);
  const fileMb = statSync(csvPath).size / MB;
  const profile = path.join(dir, 'profile');
  const { context, serviceWorker, extensionId } = await launch(profile);
  try {
    // Parsing alone, and parsing with validation, in a plain page of the same browser.
    const harness = await context.newPage();
    await openHarness(harness, 'tests/e2e/support/bench-import-harness.ts');
    await harness.locator('#file').setInputFiles(csvPath);
    type Harness = typeof import('./bench-import-harness');
    const parse = await harness.evaluate(() => (window as unknown as { harness: Harness }).harness.parseOnly());
    if (parse.records < ROWS + 1) throw new Error(`parsed ${parse.records} records, expected the header and ${ROWS} rows`);
    const validate = await harness.evaluate(() => (window as unknown as { harness: Harness }).harness.parseAndValidate());
    if (validate.imported !== ROWS) throw new Error(`validated ${validate.imported} rows, expected ${ROWS}`);

    // The import itself, through the options page.
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const heap = await HeapSampler.start(page, extensionId);
    const cpu = CpuMeter.start(profile);
    const started = performance.now();
    await page.getByTestId('import-file').setInputFiles(csvPath);
    let readAt = NaN;
    const saving = page
      .getByText(/^Saving /)
      .waitFor({ timeout: 20 * 60_000 })
      .then(() => (readAt = performance.now()), () => undefined);
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 20 * 60_000 });
    const importSeconds = (performance.now() - started) / 1000;
    const cpuSeconds = cpu?.stop() ?? null;
    await saving;
    await heap.stop(extensionId);
    const imported = Number(await summary.getAttribute('data-imported'));
    if (imported !== ROWS) throw new Error(`imported ${imported} of ${ROWS}: ${await summary.textContent()}`);
    const stats = await timedCalls<{ responses: number }>(page, 'getStats', {}, 1);
    if (stats.value.responses !== ROWS) throw new Error(`the store holds ${stats.value.responses} responses, expected ${ROWS}`);

    // One account's records with the million stored: the store's read, the call from a page, the analytics.
    // The first round right after the import, while the background reads the new comments (what a user
    // opening a record then waits for); the figures are the rounds once that pass has ended.
    const firstRead = await storeReadTimes(serviceWorker, FOCUS_ACCOUNT, 5);
    const reading = await commentReading(page);
    const storeRead = await storeReadTimes(serviceWorker, FOCUS_ACCOUNT, 11);
    if (storeRead.responses !== FOCUS_ROWS) throw new Error(`the account has ${storeRead.responses} responses, expected ${FOCUS_ROWS}`);
    const call = await timedCalls<AccountRecords>(page, 'getAccountRecords', { accountId: FOCUS_ACCOUNT }, 11);
    // What the popup's compact view asks for: the figures it shows, computed in the background. The
    // first call computes them (the records read and the context built); the others are answered from
    // the kept view, as a popup opened again is.
    const glance = await timedCalls<{ overall: { n: number } } | null>(page, 'getAccountGlance', { accountId: FOCUS_ACCOUNT }, 11);
    if (!glance.value) throw new Error('the popup found no account to show');
    const glanceKb = JSON.stringify(glance.value).length / 1024;
    // What the panel asks for: its tab's page (the demo page, showing the account) and the figures the
    // background computes from the account's records, sent instead of them.
    const demo = await context.newPage();
    await demo.goto(`chrome-extension://${extensionId}/demo.html?account=${encodeURIComponent(FOCUS_ACCOUNT)}`);
    await demo.getByTestId('demo-account-name').waitFor({ timeout: 30_000 });
    const panelCall = await timedCalls<{ view: { responses: number } | null }>(demo, 'getPanelData', {}, 11);
    if (panelCall.value.view?.responses !== FOCUS_ROWS) throw new Error(`the panel's view counts ${panelCall.value.view?.responses} responses, expected ${FOCUS_ROWS}`);
    // The first call for each other window and granularity: nothing computed before, the records read
    // and the figures computed during the call (what a panel waits for when no report started it).
    const coldTimes: number[] = [];
    for (const window of ['90d', '180d', '365d', 'all']) {
      for (const granularity of ['quarter', 'month']) {
        if (window === '365d' && granularity === 'quarter') continue;
        coldTimes.push(...(await timedCalls(demo, 'getPanelData', { window, granularity }, 1)).times);
      }
    }
    const panelKb = JSON.stringify(panelCall.value).length / 1024;
    const recordsKb = JSON.stringify(call.value).length / 1024;
    await demo.close();
    const records = call.value;
    const contextTimes = await harness.evaluate(
      ({ records, now }) => (window as unknown as { harness: Harness }).harness.accountContextTimes(records, now, 21),
      { records, now },
    );

    // The floor: plain IndexedDB puts of response records into a store shaped like ours, in one transaction.
    const floor = await harness.evaluate((rows) => (window as unknown as { harness: Harness }).harness.idbFloor(rows, true), FLOOR_ROWS);
    const floorOneIndex = await harness.evaluate((rows) => (window as unknown as { harness: Harness }).harness.idbFloor(rows, false), FLOOR_ROWS);
    const floorPerRow = (floor.putMs * 1000) / floor.rows;

    const parseSeconds = parse.ms / 1000;
    const readSeconds = Number.isFinite(readAt) ? (readAt - started) / 1000 : NaN;
    const figures: ImportBenchFigure[] = [
      { name: `import.browser.file-size`, value: fileMb, unit: 'MB', budget: Infinity },
      { name: `import.browser.parse-only.rows-${ROWS}`, value: parseSeconds, unit: 's', budget: 20 },
      { name: `import.browser.parse-validate.rows-${ROWS}`, value: validate.ms / 1000, unit: 's', budget: 30 },
      { name: `import.browser.total.rows-${ROWS}`, value: importSeconds, unit: 's', budget: 60 },
      { name: `import.browser.read-and-stage.rows-${ROWS}`, value: readSeconds, unit: 's', budget: 60 },
      { name: `import.browser.commit.rows-${ROWS}`, value: importSeconds - readSeconds, unit: 's', budget: 60 },
      { name: 'import.browser.rows-per-second', value: ROWS / importSeconds, unit: 'rows/s', budget: ROWS / 60, atLeast: true },
      { name: 'import.browser.total-over-parse-only', value: importSeconds / parseSeconds, unit: '×', budget: NaN },
      { name: 'import.browser.per-row', value: (importSeconds * 1e6) / ROWS, unit: 'µs', budget: 60 },
      { name: 'import.browser.idb-put-floor.per-row', value: floorPerRow, unit: 'µs', budget: NaN },
      { name: 'import.browser.idb-put-floor.without-byId-index.per-row', value: (floorOneIndex.putMs * 1000) / floorOneIndex.rows, unit: 'µs', budget: NaN },
      { name: 'import.browser.total-over-idb-put-floor', value: (importSeconds * 1e6) / ROWS / floorPerRow, unit: '×', budget: NaN },
      ...(cpuSeconds !== null ? [{ name: `import.browser.cpu-seconds.all-browser-processes.rows-${ROWS}`, value: cpuSeconds, unit: 's', budget: NaN }] : []),
      { name: 'import.browser.peak-heap.options-page', value: heap.peak.page / MB, unit: 'MB', budget: 128 },
      { name: 'import.browser.peak-heap.import-worker', value: heap.peak.importWorker / MB, unit: 'MB', budget: 128 },
      // An import holds up to 150,000 rows (≈ 50 MB) waiting for their accounts to fill blocks, so that
      // most blocks are written whole (lib/store/staged-blocks.ts). Bounded, not growing with the file:
      // these budgets are the page's and the worker's plus that.
      { name: 'import.browser.peak-heap.service-worker', value: heap.peak.serviceWorker / MB, unit: 'MB', budget: 256 },
      { name: 'import.browser.peak-live-heap.options-page', value: heap.live.page / MB, unit: 'MB', budget: 64 },
      { name: 'import.browser.peak-live-heap.import-worker', value: heap.live.importWorker / MB, unit: 'MB', budget: 64 },
      { name: 'import.browser.peak-live-heap.service-worker', value: heap.live.serviceWorker / MB, unit: 'MB', budget: 96 },
      { name: `comment-reading.after-import.seconds (ended ${reading.state})`, value: reading.seconds, unit: 's', budget: NaN },
      { name: 'comment-reading.after-import.comments-read', value: reading.analysed, unit: 'comments', budget: NaN },
      { name: `account-records.store-read.responses-${FOCUS_ROWS}.while-comments-are-read.median`, value: median(firstRead.times), unit: 'ms', budget: 25 },
      { name: `account-records.store-read.responses-${FOCUS_ROWS}.median`, value: median(storeRead.times), unit: 'ms', budget: 25 },
      { name: `account-records.comment-results-decoded.results-${storeRead.decoded}.median (when the panel's view is computed)`, value: median(storeRead.decodeTimes), unit: 'ms', budget: NaN },
      { name: `account-records.idb-floor.range-read.responses-${floor.read}.median`, value: median(floor.readMs), unit: 'ms', budget: NaN },
      // Every record of the account, as a page would receive it: context only, no page asks for them
      // (the panel and the popup receive what they show, below).
      { name: `account-records.call-from-page.responses-${FOCUS_ROWS}.median`, value: median(call.times), unit: 'ms', budget: NaN },
      { name: `account-glance.call-from-popup.responses-${FOCUS_ROWS}.median`, value: median(glance.times), unit: 'ms', budget: 25 },
      { name: `account-glance.call-from-popup.computed-in-the-call.responses-${FOCUS_ROWS}`, value: glance.times[0]!, unit: 'ms', budget: NaN },
      { name: `account-glance.json-size.responses-${FOCUS_ROWS}`, value: glanceKb, unit: 'KB', budget: NaN },
      { name: `account-context.build.responses-${FOCUS_ROWS}.median`, value: median(contextTimes), unit: 'ms', budget: 10 },
      // The panel's call: from its page to the figures arriving, computed in the background (the budget
      // is the one the records' call had: the panel no longer receives them).
      { name: `panel-data.call-from-panel.responses-${FOCUS_ROWS}.median`, value: median(panelCall.times), unit: 'ms', budget: 25 },
      { name: `panel-data.call-from-panel.responses-${FOCUS_ROWS}.slowest-of-11`, value: Math.max(...panelCall.times), unit: 'ms', budget: NaN },
      { name: `panel-data.call-from-panel.computed-in-the-call.responses-${FOCUS_ROWS}.median`, value: median(coldTimes), unit: 'ms', budget: NaN },
      { name: `panel-data.json-size.responses-${FOCUS_ROWS}`, value: panelKb, unit: 'KB', budget: NaN },
      { name: `account-records.json-size.responses-${FOCUS_ROWS}`, value: recordsKb, unit: 'KB', budget: NaN },
    ];
    return figures;
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same number of answers as a Qualtrics export (three header rows, the score only as `Q1`, accounts
 * from email domains, dates in the file's time zone) dropped on the options page of a fresh profile:
 * the whole import, to its summary, against the same 60 s budget.
 */
export async function benchImportSurveyExportBrowser(): Promise<ImportBenchFigure[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nps-bench-qualtrics-'));
  const file = path.join(dir, `qualtrics-${ROWS}.csv`);
  const fd = openSync(file, 'w');
  try {
    for (const chunk of qualtricsCsvChunks({ seed: 12, rows: ROWS, accounts: 2000, now: Date.now(), rowsPerChunk: 20_000 })) writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  const { context, extensionId } = await launch(path.join(dir, 'profile'));
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const started = performance.now();
    await page.getByTestId('import-file').setInputFiles(file);
    const summary = page.getByTestId('import-summary');
    await summary.waitFor({ timeout: 20 * 60_000 });
    const seconds = (performance.now() - started) / 1000;
    const imported = Number(await summary.getAttribute('data-imported'));
    const vendor = await page.getByTestId('import-preview').getAttribute('data-vendor');
    if (vendor !== 'qualtrics' || imported < ROWS * 0.99) throw new Error(`imported ${imported} of ${ROWS} as ${vendor}: ${await summary.textContent()}`);
    return [
      { name: `import.browser.qualtrics-layout.total.rows-${ROWS}`, value: seconds, unit: 's', budget: 60 },
      { name: 'import.browser.qualtrics-layout.per-row', value: (seconds * 1e6) / ROWS, unit: 'µs', budget: 60 },
    ];
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

