import { defineConfig } from '@playwright/test';

// End-to-end tests run the built extension (`npm run build` first) in a real Chromium; firefox.spec.ts
// runs the Firefox build in Firefox ESR (puppeteer-core over WebDriver BiDi).
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  outputDir: 'test-results',
});
