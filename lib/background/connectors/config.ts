/**
 * What the user set up for each survey-tool connector (its API's base URL, the survey and questions
 * read) and where each stands (the cursor of the last committed sync, when, how many, the last error),
 * in `storage.local`, validated when read: a damaged entry is dropped, never half-used. The token is
 * kept apart, sealed (`lib/sources/token.ts`).
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { ErrorWordsSchema } from '../../model/error-words';
import type { ConnectorId } from '../../sources/connectors';
import { ConnectorIdSchema, SelectionSchema } from '../../sources/connectors/schemas';

export const CONFIG_KEY = 'connectors.config';
export const STATE_KEY = 'connectors.state';
export const tokenKeyOf = (id: ConnectorId) => `connector.token.${id}`;

const ConfigSchema = z.object({
  baseUrl: z.string().url().max(2000),
  selection: SelectionSchema.optional(),
  surveyName: z.string().max(500).optional(),
});
export type ConnectorConfig = z.infer<typeof ConfigSchema>;
const StateSchema = z.object({
  cursor: z.string().max(100_000).optional(),
  lastSyncAt: z.number().optional(),
  lastImported: z.number().optional(),
  lastUnassigned: z.number().optional(),
  lastError: z.string().max(2000).optional(),
  lastErrorWords: z.optional(ErrorWordsSchema),
});
export type ConnectorState = z.infer<typeof StateSchema>;

async function readAll<T>(key: string, schema: z.ZodType<T>): Promise<Partial<Record<ConnectorId, T>>> {
  const raw = (await browser.storage.local.get(key))[key];
  const out: Partial<Record<ConnectorId, T>> = {};
  if (raw && typeof raw === 'object') {
    for (const [id, value] of Object.entries(raw)) {
      const parsed = schema.safeParse(value);
      if (ConnectorIdSchema.safeParse(id).success && parsed.success) out[id as ConnectorId] = parsed.data;
    }
  }
  return out;
}

export const loadConfigs = () => readAll(CONFIG_KEY, ConfigSchema);
export const loadStates = () => readAll(STATE_KEY, StateSchema);

export async function saveConfig(id: ConnectorId, config: ConnectorConfig | null): Promise<void> {
  const all = await loadConfigs();
  if (config) all[id] = config;
  else delete all[id];
  await browser.storage.local.set({ [CONFIG_KEY]: all });
}

export async function saveState(id: ConnectorId, state: ConnectorState | null): Promise<void> {
  const all = await loadStates();
  if (state) all[id] = state;
  else delete all[id];
  await browser.storage.local.set({ [STATE_KEY]: all });
}

/** Forgets every connector's cursor (the stored data was cleared): the next syncs pull everything again. */
export async function resetCursors(): Promise<void> {
  const all = await loadStates();
  for (const state of Object.values(all)) delete state.cursor;
  await browser.storage.local.set({ [STATE_KEY]: all });
}
