import { AppError } from './errors';
import { createLogger, redact, setLogSink, type LogEntry } from './log';

afterEach(() => setLogSink(null));

test('a failure is recorded with its area, code and time, never its customer data', () => {
  const entries: LogEntry[] = [];
  setLogSink((entry) => entries.push(entry));
  const log = createLogger('sync', () => 1000);
  log.error('sync failed', new AppError('network', 'GET /changes for ana@acme.com: no answer'));
  log.failed('alarm')(new DOMException('full', 'QuotaExceededError'));
  log.info('started');
  expect(entries).toEqual([
    { at: 1000, level: 'error', area: 'sync', message: 'sync failed: GET /changes for <email>: no answer', code: 'network' },
    { at: 1000, level: 'error', area: 'sync', message: 'alarm: full', code: 'storage_full' },
    { at: 1000, level: 'info', area: 'sync', message: 'started' },
  ]);
});

test('long messages are cut short', () => {
  expect(redact('x'.repeat(1000))).toHaveLength(300);
});

test('a sink that throws falls back to the console', () => {
  const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
  setLogSink(() => {
    throw new Error('sink down');
  });
  createLogger('store').error('write failed', new Error('x'));
  expect(spy).toHaveBeenCalledOnce();
});
