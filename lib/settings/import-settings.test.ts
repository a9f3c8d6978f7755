import { fakeBrowser } from 'wxt/testing/fake-browser';
import { importSettings, loadImportSettings } from '.';

beforeEach(() => fakeBrowser.reset());

test('"All or nothing" is off by default, kept once set, and a damaged value falls back to off', async () => {
  expect(await loadImportSettings()).toEqual({ allOrNothing: false });
  await importSettings.setValue({ allOrNothing: true });
  expect(await loadImportSettings()).toEqual({ allOrNothing: true });
  await fakeBrowser.storage.local.set({ 'settings.import': { allOrNothing: 'yes' } });
  expect(await loadImportSettings()).toEqual({ allOrNothing: false });
});
