/**
 * Which storage a server runs on: Postgres for a `postgres://` (or `postgresql://`) URL, else SQLite
 * (a file path, or in memory when none is given). Both are migrated to their current version on opening.
 */
import { PostgresStorage } from './pg-storage';
import { SqliteStorage } from './sqlite-storage';
import type { SourceStorage } from './storage';

export function isPostgresUrl(value: string | undefined): value is string {
  return !!value && /^postgres(ql)?:\/\//i.test(value);
}

export interface StorageChoice {
  /** A `postgres://` URL or an SQLite file; default an SQLite database in memory. */
  db?: string;
  clock?: () => number;
  /** Postgres connections in this process's pool. */
  poolSize?: number;
}

export async function openStorage(choice: StorageChoice): Promise<SourceStorage> {
  if (isPostgresUrl(choice.db)) return PostgresStorage.open({ url: choice.db, clock: choice.clock, poolSize: choice.poolSize });
  return new SqliteStorage(choice.db ?? ':memory:', choice.clock);
}
