/**
 * Channel (docs/nps-method.md, "Beyond the score"): NPS and N per delivery channel. Responses with no
 * channel are kept in their own 'unspecified' row rather than dropped.
 */
import { CHANNELS } from '../model/constants';
import type { Channel, SurveyResponse } from '../model';
import { addCategory, emptyCounts, type NpsCounts } from './nps';
import { classifyScore } from './classify';
import type { ResolvedResponse } from './resolved';
import { summarizeCounts, type NpsSummary } from './summary';

export type ChannelKey = Channel | 'unspecified';
export const CHANNEL_KEYS: readonly ChannelKey[] = [...CHANNELS, 'unspecified'];

/** The row a response or send belongs to. */
export function channelKeyOf(item: { channel?: Channel | undefined }): ChannelKey {
  return item.channel ?? 'unspecified';
}

/** An empty record with one entry per channel key. */
export function perChannel<T>(make: () => T): Record<ChannelKey, T> {
  const out = {} as Record<ChannelKey, T>;
  for (const key of CHANNEL_KEYS) out[key] = make();
  return out;
}

/** NPS summaries per channel from responses already counted (window and rule applied). */
export function channelSummariesFromResolved(counted: readonly ResolvedResponse[]): Record<ChannelKey, NpsSummary> {
  const counts = perChannel<NpsCounts>(emptyCounts);
  for (const e of counted) addCategory(counts[channelKeyOf(e.response)], e.category);
  const out = {} as Record<ChannelKey, NpsSummary>;
  for (const key of CHANNEL_KEYS) out[key] = summarizeCounts(counts[key]);
  return out;
}

/** NPS summaries per channel from responses already counted (window and rule applied). */
export function channelSummaries(counted: readonly SurveyResponse[]): Record<ChannelKey, NpsSummary> {
  const counts = perChannel<NpsCounts>(emptyCounts);
  for (const r of counted) addCategory(counts[channelKeyOf(r)], classifyScore(r.score));
  const out = {} as Record<ChannelKey, NpsSummary>;
  for (const key of CHANNEL_KEYS) out[key] = summarizeCounts(counts[key]);
  return out;
}
