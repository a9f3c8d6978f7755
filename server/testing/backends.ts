/**
 * The server tests run on each storage: SQLite always, Postgres when the global setup has a cluster
 * (`postgres-cluster.ts`), with a fresh database per call. Without one, the Postgres half is skipped
 * with its reason in the test's name.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, inject } from 'vitest';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** Why this backend's tests are skipped, if they are. */
  skipReason?: string;
  /** A database for one server (or several sharing it): undefined is SQLite in memory. */
  database(): Promise<string | undefined>;
}

const created: string[] = [];

/** A new, empty Postgres database on the test cluster; its URL. */
export async function freshPostgresDatabase(): Promise<string> {
  const base = inject('postgresUrl');
  if (!base) throw new Error(`no Postgres for the tests: ${inject('postgresSkipReason')}`);
  const name = `nps_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  created.push(name);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

export function postgresSkipReason(): string | undefined {
  return inject('postgresUrl') ? undefined : inject('postgresSkipReason') || 'no Postgres';
}

export const BACKENDS: Backend[] = [
  { name: 'sqlite', database: async () => undefined },
  { name: 'postgres', skipReason: postgresSkipReason(), database: freshPostgresDatabase },
];

/** `describe` once per backend; a skipped backend names its reason. */
export function describeEachBackend(title: string, define: (backend: Backend) => void): void {
  for (const backend of BACKENDS) {
    if (backend.skipReason) describe.skip(`${title} on ${backend.name} (skipped: ${backend.skipReason})`, () => define(backend));
    else describe(`${title} on ${backend.name}`, () => define(backend));
  }
}
