/**
 * What the data-source engine's parts share: its options (the store, events, the browser's alarms and
 * permissions, network settings for tests), the clock, and the engine's view of the active source.
 */
import type { EffectiveSettings, SourceSettings } from '../settings';
import type { NpsStore } from '../store';
import type { ServiceEvent } from '../model/events';
import type { HttpSourceOptions } from './http/source';
import type { TokenVault } from './token';
import type { DataSource } from './types';

export const SYNC_ALARM = 'nps-source-sync';
export const OUTBOX_ALARM = 'nps-source-outbox';

export interface AlarmsApi {
  create(name: string, info: { when?: number; periodInMinutes?: number; delayInMinutes?: number }): Promise<void> | void;
  clear(name: string): Promise<boolean> | Promise<void> | void;
}
export interface PermissionsApi {
  contains(permissions: { origins: string[] }): Promise<boolean>;
}

export interface SourceEngineOptions {
  store: () => Promise<NpsStore>;
  now?: () => number;
  emit: (event: ServiceEvent) => void;
  /**
   * Called when stored records changed, for the accounts named, or anywhere when none are (the service
   * drops what it computed from them and tells the pages).
   */
  dataChanged: (accountIds?: Iterable<string>) => void;
  loadSettings?: () => Promise<EffectiveSettings>;
  saveSourceSettings?: (settings: SourceSettings) => Promise<void>;
  vault?: TokenVault;
  permissions?: PermissionsApi;
  alarms?: AlarmsApi;
  /** Network options for the HTTP source (tests pass fetch, sleep, random, timeouts). */
  http?: Partial<Omit<HttpSourceOptions, 'url' | 'getToken' | 'permitted'>>;
  /** After a failed refresh, automatic refreshes of that account wait this long (explicit ones do not). */
  errorCooldownMs?: number;
}

export interface EngineContext {
  readonly options: SourceEngineOptions;
  readonly now: () => number;
  readonly alarms: AlarmsApi;
  /** The configured source, built from the effective settings. */
  active(): Promise<{ settings: EffectiveSettings; source: DataSource }>;
  /** Throws when the browser has not granted the source's origin. */
  requirePermission(url: string): Promise<void>;
  /** Whether the browser has granted the source's origin. */
  permitted(url: string): Promise<boolean>;
  /** The name shown for the configured source. */
  sourceName(settings: SourceSettings): string;
  /** Fetches one account's context again, in the background. */
  refresh(accountId: string): Promise<void>;
}
