import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadImportShapes, MAX_REMEMBERED_SHAPES, rememberImportShape } from './import-shapes';

beforeEach(() => fakeBrowser.reset());

test('a correction is remembered per shape, the newest kept, a damaged entry dropped', async () => {
  await rememberImportShape('a|b', { kind: 'responses', mapping: { score: 2, account_name: null } }, 1);
  expect(await loadImportShapes()).toEqual({ 'a|b': { kind: 'responses', mapping: { score: 2, account_name: null }, savedAt: 1 } });
  for (let i = 0; i < MAX_REMEMBERED_SHAPES + 5; i++) await rememberImportShape(`shape-${i}`, { kind: 'responses', mapping: {} }, 10 + i);
  const kept = await loadImportShapes();
  expect(Object.keys(kept)).toHaveLength(MAX_REMEMBERED_SHAPES);
  expect(kept['a|b']).toBeUndefined();
  await fakeBrowser.storage.local.set({ 'import.shapes': { good: { kind: 'responses', mapping: { score: 1 }, savedAt: 5 }, bad: { kind: 'nope' } } });
  expect(Object.keys(await loadImportShapes())).toEqual(['good']);
});
