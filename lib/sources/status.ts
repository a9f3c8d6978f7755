/** What the options page and panels learn about the data source (types only: pages import them). */
import type { Action } from '../model';
import type { SourceKind } from './types';
import type { ErrorWords } from '../core/errors';

export interface SyncStatus {
  state: 'idle' | 'running' | 'cancelled' | 'failed';
  startedAt: number | null;
  finishedAt: number | null;
  /** Pages and rows stored by the pass under way (or the last one). */
  pages: number;
  rows: number;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorWords?: ErrorWords | null;
}

export interface SourceStatus {
  kind: SourceKind;
  url: string;
  name: string;
  ttlMinutes: number;
  /** A token is saved (it is never sent to a page). */
  hasToken: boolean;
  /** An administrator's policy fixes the URL. */
  urlLocked: boolean;
  /** The browser lets the extension reach the source's origin. */
  permissionGranted: boolean;
  /** The origin pattern to ask the browser for (`https://nps.example.com/*`), for the HTTP source. */
  originPattern: string | null;
  sync: SyncStatus | null;
  outbox: { pending: number; conflicts: number; lastError: string | null; lastErrorWords?: ErrorWords | null };
}

/** A write the source refused or that met someone else's change: the user decides. */
export interface WriteConflict {
  seq: number;
  /** `conflict`: changed on the source too; `rejected`: the source refused the write. */
  kind: 'conflict' | 'rejected';
  mine: Action;
  theirs: Action | null;
  reason: string;
  reasonWords?: ErrorWords | null;
  enqueuedAt: number;
}

export interface SourceTestResult {
  name: string;
  version: string;
  capabilities: string[];
}
