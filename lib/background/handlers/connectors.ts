/**
 * The options page's survey-tool connectors: connect (token sealed for the API's origin, surveys
 * listed), choose the survey and its questions with a preview of the first answers, save, sync now or
 * cancel, remove. Syncs also run on an hourly alarm (`CONNECTOR_ALARM`). One sync per connector at a time.
 */
import { errorText } from '../../core/errors';
import { wordedError, words } from '../../i18n/words';
import { createLogger } from '../../core/log';
import { answersToResponses } from '../../import/answers';
import { CONNECTOR_IDS, CONNECTORS, type ConnectorId } from '../../sources/connectors';
import type { ConnectorStatus } from '../../sources/connectors/schemas';
import { checkSourceUrl } from '../../sources/url';
import { loadConfigs, loadStates, saveConfig, saveState } from '../connectors/config';
import { clientFor, syncConnector, vaultFor, type ConnectorDeps, type SyncProgress, type SyncResult } from '../connectors/sync';
import type { HandlerGroup, ServiceContext } from '../service-context';

export const CONNECTOR_ALARM = 'connectors-sync';
const log = createLogger('connectors');

export interface ConnectorRunner {
  handlers: HandlerGroup<
    'connectorStatus' | 'connectorConnect' | 'connectorQuestions' | 'connectorPreview' | 'connectorSave' | 'connectorSync' | 'connectorCancel' | 'connectorRemove'
  >;
  /** The alarm's sync of every connector set up; failures are recorded in each one's state. */
  syncAll(): Promise<void>;
}

export function connectorHandlers(ctx: ServiceContext, options: { fetch?: typeof fetch } = {}): ConnectorRunner {
  const deps: ConnectorDeps = { store: ctx.store, now: ctx.now, dataChanged: ctx.dataChanged, ...(options.fetch ? { fetch: options.fetch } : {}) };
  const running = new Map<ConnectorId, { controller: AbortController; done: Promise<SyncResult>; progress?: SyncProgress }>();

  const status = async (): Promise<ConnectorStatus[]> => {
    const [configs, states] = await Promise.all([loadConfigs(), loadStates()]);
    return Promise.all(
      CONNECTOR_IDS.map(async (id) => {
        const c = CONNECTORS[id];
        const config = configs[id];
        const state = states[id];
        const run = running.get(id);
        const item: ConnectorStatus = {
          id, vendor: c.vendor, docs: c.docs, tokenHelp: c.tokenHelp, defaultBaseUrl: c.defaultBaseUrl,
          hasToken: config ? await vaultFor(deps, id).has(new URL(config.baseUrl).origin) : false,
          syncing: run !== undefined,
          ...(config ? { baseUrl: config.baseUrl } : {}),
          ...(config?.surveyName ? { surveyName: config.surveyName } : {}),
          ...(config?.selection ? { selection: config.selection } : {}),
          ...(state?.lastSyncAt ? { lastSyncAt: state.lastSyncAt } : {}),
          ...(state?.lastImported !== undefined ? { lastImported: state.lastImported } : {}),
          ...(state?.lastUnassigned !== undefined ? { lastUnassigned: state.lastUnassigned } : {}),
          ...(state?.lastError ? { lastError: state.lastError } : {}),
          ...(state?.lastErrorWords ? { lastErrorWords: state.lastErrorWords } : {}),
          ...(run?.progress ? { progress: run.progress } : {}),
        };
        return item;
      }),
    );
  };

  const configured = async (id: ConnectorId) => {
    const config = (await loadConfigs())[id];
    if (!config) throw wordedError('validation', words('error.connectFirst', { vendor: CONNECTORS[id].vendor }), { field: 'baseUrl' });
    return config;
  };

  const sync = (id: ConnectorId): Promise<SyncResult> => {
    const current = running.get(id);
    if (current) return current.done;
    const controller = new AbortController();
    const entry: { controller: AbortController; done: Promise<SyncResult>; progress?: SyncProgress } = { controller, done: Promise.resolve({ imported: 0, unassigned: 0, pages: 0, more: false }) };
    entry.done = syncConnector(deps, id, controller.signal, (progress) => {
      entry.progress = progress;
    }).finally(() => running.delete(id));
    running.set(id, entry);
    return entry.done;
  };

  return {
    handlers: {
      connectorStatus: () => status(),

      async connectorConnect({ id, baseUrl, token }) {
        const url = new URL(baseUrl);
        checkSourceUrl(url);
        const base = url.href.replace(/\/+$/, '');
        const vault = vaultFor(deps, id);
        if (token !== undefined) await vault.save(token, url.origin);
        else if (!(await vault.has(url.origin))) throw wordedError('validation', words('error.typeToken', { vendor: CONNECTORS[id].vendor }), { field: 'token' });
        const previous = (await loadConfigs())[id];
        // A connector moved to another account or site starts over: its cursor belonged to the old one.
        if (previous && previous.baseUrl !== base) await saveState(id, null);
        const surveys = await CONNECTORS[id].listSurveys(clientFor(deps, id, base));
        await saveConfig(id, { ...(previous?.baseUrl === base ? previous : {}), baseUrl: base });
        return surveys;
      },

      async connectorQuestions({ id, surveyId }) {
        const config = await configured(id);
        return CONNECTORS[id].listQuestions(clientFor(deps, id, config.baseUrl), surveyId);
      },

      async connectorPreview({ id, selection }) {
        const config = await configured(id);
        const page = await CONNECTORS[id].pull(clientFor(deps, id, config.baseUrl), selection, null);
        const converted = answersToResponses(page.rows, { idPrefix: `${id}:${selection.surveyId}`, now: ctx.now() });
        return {
          rows: page.rows.slice(0, 5),
          responses: converted.responses.length,
          unassigned: converted.unassigned,
          problems: converted.errors.slice(0, 5),
          more: page.hasMore,
        };
      },

      async connectorSave({ id, selection, surveyName }) {
        const config = await configured(id);
        // Another survey or question: the cursor belonged to the old one.
        if (config.selection && JSON.stringify(config.selection) !== JSON.stringify(selection)) await saveState(id, null);
        await saveConfig(id, { ...config, selection, surveyName });
        return status();
      },

      connectorSync: ({ id }) => sync(id),

      async connectorCancel({ id }) {
        running.get(id)?.controller.abort();
      },

      async connectorRemove({ id }) {
        running.get(id)?.controller.abort();
        await vaultFor(deps, id).clear();
        await saveConfig(id, null);
        await saveState(id, null);
        return status();
      },
    },

    async syncAll() {
      const configs = await loadConfigs();
      for (const id of CONNECTOR_IDS) {
        if (!configs[id]?.selection) continue;
        await sync(id).catch((error: unknown) => log.warn(`${CONNECTORS[id].vendor} sync failed: ${errorText(error)}`));
      }
    },
  };
}
