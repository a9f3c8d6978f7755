/**
 * For component tests (happy-dom): a React root mounted in a fresh container before each test and
 * unmounted after it. `mounted.container` and `mounted.root` are the current test's.
 */
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

export interface MountedRoot {
  container: HTMLDivElement;
  root: Root;
}

export function mountReactTestRoot(): MountedRoot {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  const mounted = {} as MountedRoot;
  beforeEach(() => {
    mounted.container = document.createElement('div');
    document.body.append(mounted.container);
    mounted.root = createRoot(mounted.container);
  });
  afterEach(() => {
    act(() => mounted.root.unmount());
    mounted.container.remove();
  });
  return mounted;
}
