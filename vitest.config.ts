import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    globals: true,
    include: ['lib/**/*.test.ts', 'components/**/*.test.{ts,tsx}', 'tests/unit/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts', 'server/**/*.test.ts'],
    environment: 'node',
    // A throwaway Postgres cluster for the server tests (skipped with a reason without one, except in CI).
    globalSetup: ['server/testing/postgres-cluster.ts'],
    // Every language's messages, loaded once per test file (pages load only their own).
    setupFiles: ['tests/unit/setup-locales.ts'],
    restoreMocks: true,
  },
});
