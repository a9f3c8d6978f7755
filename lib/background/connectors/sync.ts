/**
 * One sync of a survey-tool connector: pages pulled from the stored cursor, each turned into responses
 * by the import's rules (`lib/import/answers.ts`) and staged; the whole sync committed at once as an
 * import is, and only then its cursor stored. A sync that fails, is cancelled or is cut off by the
 * worker stopping leaves the data as it was and the cursor where the last committed sync left it, so
 * the next sync takes up from there and no answer is stored twice or missed.
 */
import { browser } from 'wxt/browser';
import { errorText, errorWordsOf } from '../../core/errors';
import { answersToResponses } from '../../import/answers';
import { rowErrorWords } from '../../import/row-context';
import { wordedError, words } from '../../i18n/words';
import { CONNECTORS, ConnectorClient, authHeadersOf, type ConnectorId } from '../../sources/connectors';
import { TokenVault } from '../../sources/token';
import { originPattern } from '../../sources/url';
import type { NpsStore } from '../../store';
import { loadConfigs, loadStates, saveState, tokenKeyOf, type ConnectorConfig } from './config';

/** Pages one sync reads at most (a first sync of a large survey); the next sync goes on from there. */
const MAX_PAGES = 2_000;

export interface ConnectorDeps {
  store: () => Promise<NpsStore>;
  now: () => number;
  /** The accounts a small sync changed; none named: anything may have. */
  dataChanged: (accountIds?: ReadonlySet<string>) => void;
  fetch?: typeof fetch;
}

export interface SyncProgress {
  pages: number;
  answers: number;
}

export interface SyncResult {
  imported: number;
  unassigned: number;
  pages: number;
  /** More answers wait beyond this sync's page bound. */
  more: boolean;
}

export function vaultFor(deps: Pick<ConnectorDeps, 'store'>, id: ConnectorId): TokenVault {
  return new TokenVault(deps.store, browser.storage.local, tokenKeyOf(id));
}

const permitted = async (url: string) => {
  try {
    return await browser.permissions.contains({ origins: [originPattern(url)] });
  } catch {
    return false;
  }
};

export function clientFor(deps: ConnectorDeps, id: ConnectorId, baseUrl: string): ConnectorClient {
  const vault = vaultFor(deps, id);
  return new ConnectorClient({
    vendor: CONNECTORS[id].vendor,
    baseUrl,
    getToken: (origin) => vault.read(origin),
    authHeaders: authHeadersOf(id),
    permitted,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
}

export async function syncConnector(
  deps: ConnectorDeps,
  id: ConnectorId,
  signal?: AbortSignal,
  onProgress?: (progress: SyncProgress) => void,
): Promise<SyncResult> {
  const config: ConnectorConfig | undefined = (await loadConfigs())[id];
  const selection = config?.selection;
  const connector = CONNECTORS[id];
  if (!config || !selection) throw wordedError('validation', words('error.chooseSurvey', { vendor: connector.vendor }), { field: 'selection' });
  const state = (await loadStates())[id] ?? {};
  const client = clientFor(deps, id, config.baseUrl);
  const store = await deps.store();
  const importId = crypto.randomUUID();
  const started = deps.now();
  await store.beginImport({
    id: importId, fileName: `${connector.vendor}: ${config.surveyName ?? selection.surveyId}`, kind: 'responses', state: 'staging',
    startedAt: started, touchedAt: started, batches: 0, committedBatches: 0, imported: 0, rejected: 0,
  });
  let cursor = state.cursor ?? null;
  let imported = 0;
  let changed: ReadonlySet<string> | undefined;
  let unassigned = 0;
  let pages = 0;
  let more = false;
  try {
    for (;;) {
      if (signal?.aborted) throw wordedError('cancelled', words('error.syncCancelled', { vendor: connector.vendor }));
      const page = await connector.pull(client, selection, cursor, signal);
      const converted = answersToResponses(page.rows, { idPrefix: `${id}:${selection.surveyId}`, now: deps.now() });
      if (converted.errors.length > 0) {
        // All or nothing: an answer that cannot be stored as it is stops the sync, naming it.
        throw wordedError('validation', words('error.vendorRow', { vendor: connector.vendor, problem: rowErrorWords(converted.errors[0]!) }), { field: converted.errors[0]!.column });
      }
      await store.stageBatch({ importId, seq: pages, accounts: converted.accounts, responses: converted.responses, actions: [], sends: [] });
      imported += converted.responses.length;
      unassigned += converted.unassigned;
      cursor = page.cursor;
      pages++;
      onProgress?.({ pages, answers: imported });
      if (!page.hasMore) break;
      if (pages >= MAX_PAGES) {
        more = true;
        break;
      }
    }
    await store.commitImport(importId, { imported, rejected: 0 }, undefined, (accountIds) => (changed = accountIds));
  } catch (error) {
    await store.cancelImport(importId, signal?.aborted ? 'cancelled' : 'failed', errorText(error)).catch(() => undefined);
    const said = errorWordsOf(error);
    await saveState(id, { ...state, lastError: errorText(error), ...(said ? { lastErrorWords: said } : {}) });
    throw error;
  }
  // The cursor moves only with what it points past: committed.
  await saveState(id, { cursor: cursor ?? undefined, lastSyncAt: deps.now(), lastImported: imported, lastUnassigned: unassigned });
  if (imported > 0) deps.dataChanged(changed);
  return { imported, unassigned, pages, more };
}
