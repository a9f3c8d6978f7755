// @vitest-environment happy-dom
import { act } from 'react';
import type { LogEntry } from '../../lib/core/log';
import { DiagnosticsSection, diagnosticsText } from './DiagnosticsSection';
import { mountReactTestRoot } from '../shared/react-test-root';

const mounted = mountReactTestRoot();

const entries: LogEntry[] = [
  { at: Date.UTC(2026, 11, 2, 10), level: 'error', area: 'sync', message: 'sync failed: no answer', code: 'network' },
  { at: Date.UTC(2026, 11, 1, 9), level: 'warn', area: 'alarm', message: 'alarm nps-source-outbox failed' },
];

async function render(load: () => Promise<LogEntry[]>, clear: () => Promise<void> = async () => undefined) {
  await act(async () => mounted.root.render(<DiagnosticsSection load={load} clear={clear} />));
}

test('lists what failed, newest first as the background gave them, with area and code', async () => {
  await render(async () => entries);
  const items = [...mounted.container.querySelectorAll('[data-testid="diagnostics-entry"]')].map((li) => li.textContent);
  expect(items).toHaveLength(2);
  expect(items[0]).toContain('sync');
  expect(items[0]).toContain('sync failed: no answer');
  expect(items[0]).toContain('(network)');
  expect(items[1]).toContain('alarm nps-source-outbox failed');
});

test('says so when nothing went wrong, and Clear empties the list', async () => {
  let cleared = 0;
  await render(async () => entries, async () => void cleared++);
  const clear = [...mounted.container.querySelectorAll('button')].find((b) => b.textContent === 'Clear')!;
  await act(async () => clear.click());
  expect(cleared).toBe(1);
  expect(mounted.container.querySelectorAll('[data-testid="diagnostics-entry"]')).toHaveLength(0);
  expect(mounted.container.textContent).toContain('Nothing has gone wrong recently.');
});

test('the text for a support ticket has the version and one line per entry', () => {
  expect(diagnosticsText(entries, '1.2.3').split('\n')).toEqual([
    'NPS Context 1.2.3',
    '2026-12-02T10:00:00.000Z ERROR [sync] sync failed: no answer (network)',
    '2026-12-01T09:00:00.000Z WARN [alarm] alarm nps-source-outbox failed',
  ]);
  expect(diagnosticsText([], '1.2.3')).toBe('NPS Context 1.2.3\nNothing has gone wrong recently.');
});
