import { createLogger, setLogSink } from '../core/log';
import { AppError } from '../core/errors';
import { createDiagnostics, DIAGNOSTICS_KEY, MAX_DIAGNOSTICS, type DiagnosticsStorage } from './diagnostics';

function memoryStorage(): DiagnosticsStorage & { data: Record<string, unknown> } {
  const data: Record<string, unknown> = {};
  return {
    data,
    get: async (key) => (key in data ? { [key]: structuredClone(data[key]) } : {}),
    set: async (items) => void Object.assign(data, structuredClone(items)),
    remove: async (key) => void delete data[key],
  };
}

afterEach(() => setLogSink(null));

test('failures of background work are kept, newest first, and outlive the worker', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const storage = memoryStorage();
  const diagnostics = createDiagnostics(storage, 10_000);
  setLogSink(diagnostics.sink);
  let t = 1;
  const log = createLogger('sync', () => t++);
  log.error('sync failed', new AppError('network', 'no answer'));
  log.error('alarm failed', new Error('boom'));
  await diagnostics.flush();
  // A new worker reads what the last one recorded.
  const again = createDiagnostics(storage);
  expect((await again.list()).map((e) => [e.at, e.message, e.code])).toEqual([
    [2, 'alarm failed: boom', 'internal'],
    [1, 'sync failed: no answer', 'network'],
  ]);
  await again.clear();
  expect(storage.data[DIAGNOSTICS_KEY]).toBeUndefined();
  expect(await again.list()).toEqual([]);
});

test('only the last entries are kept, and damaged stored values are dropped', async () => {
  const storage = memoryStorage();
  storage.data[DIAGNOSTICS_KEY] = [{ nonsense: true }, 'x'];
  const diagnostics = createDiagnostics(storage, 10_000);
  for (let i = 0; i < MAX_DIAGNOSTICS + 20; i++) diagnostics.sink({ at: i, level: 'info', area: 'test', message: `m${i}` });
  const list = await diagnostics.list();
  expect(list).toHaveLength(MAX_DIAGNOSTICS);
  expect(list[0]?.message).toBe(`m${MAX_DIAGNOSTICS + 19}`);
  expect(list.at(-1)?.message).toBe('m20');
});
