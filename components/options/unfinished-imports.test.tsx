// @vitest-environment happy-dom
import { act } from 'react';
import type { ImportRecord } from '../../lib/store';
import { UnfinishedImports } from './UnfinishedImports';
import { mountReactTestRoot } from '../shared/react-test-root';

const mounted = mountReactTestRoot();

const base = { kind: 'responses', startedAt: Date.UTC(2026, 11, 2, 9), touchedAt: Date.UTC(2026, 11, 2, 9), batches: 4, committedBatches: 0, imported: 0, rejected: 0 } as const;
const stuck: ImportRecord = { ...base, id: 'i1', fileName: 'q3.csv', state: 'committing', recoveryAttempts: 2, error: 'The browser’s storage is full' };
const stopped: ImportRecord = { ...base, id: 'i2', fileName: 'q4.csv', state: 'staging' };

test('shows nothing when every import finished', async () => {
  await act(async () => mounted.root.render(<UnfinishedImports load={async () => []} discard={async () => undefined} />));
  expect(mounted.container.querySelector('[data-testid="unfinished-imports"]')).toBeNull();
});

test('lists each unfinished import with why, and Discard drops it and says nothing stored changed', async () => {
  let list = [stuck, stopped];
  const discarded: string[] = [];
  await act(async () =>
    mounted.root.render(
      <UnfinishedImports
        load={async () => list}
        discard={async (id) => {
          discarded.push(id);
          list = list.filter((r) => r.id !== id);
        }}
      />,
    ),
  );
  const items = [...mounted.container.querySelectorAll('[data-testid="unfinished-import"]')];
  expect(items.map((li) => li.getAttribute('data-state'))).toEqual(['committing', 'staging']);
  expect(items[0]!.textContent).toContain('q3.csv');
  expect(items[0]!.textContent).toContain('Tried again 2 times');
  expect(items[0]!.textContent).toContain('storage is full');
  const button = items[0]!.querySelector<HTMLButtonElement>('[data-testid="discard-import"]')!;
  expect(button.getAttribute('aria-label')).toBe('Discard the import of q3.csv');
  await act(async () => button.click());
  expect(discarded).toEqual(['i1']);
  expect(mounted.container.querySelectorAll('[data-testid="unfinished-import"]')).toHaveLength(1);
  expect(mounted.container.textContent).toContain('Discarded q3.csv. Nothing stored was changed.');
});

test('a failed discard says why and keeps the import listed', async () => {
  await act(async () =>
    mounted.root.render(
      <UnfinishedImports
        load={async () => [stuck]}
        discard={async () => {
          throw new Error('the database is closing');
        }}
      />,
    ),
  );
  await act(async () => mounted.container.querySelector<HTMLButtonElement>('[data-testid="discard-import"]')!.click());
  expect(mounted.container.textContent).toContain('Could not discard q3.csv: the database is closing');
  expect(mounted.container.querySelectorAll('[data-testid="unfinished-import"]')).toHaveLength(1);
});
