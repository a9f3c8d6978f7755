/**
 * The words the UIs show for the domain's values (roles, channels, action statuses, emotions, windows),
 * in one place so the panel, the popup and the options page say the same thing, in the UI's language
 * (`lib/i18n`).
 */
import type { ActionStatus, Role } from '../../lib/model';
import type { ChannelKey } from '../../lib/nps';
import type { MessageKey, Translator } from '../../lib/i18n';

/** The emotions of docs/insights.md, each worded by `emotion.<id>` in the message files. */
const EMOTIONS = new Set(['frustration', 'anger', 'annoyance', 'disappointment', 'confusion', 'worry', 'delight', 'gratitude']);

export const roleLabel = (t: Translator, role: Role): string => t(`role.${role}` as MessageKey);
/** A role inside a sentence ("No executive has answered…"). */
export const roleNoun = (t: Translator, role: Role): string => t(`roleNoun.${role}` as MessageKey);
export const channelLabel = (t: Translator, channel: ChannelKey): string => t(`channel.${channel}` as MessageKey);
export const statusLabel = (t: Translator, status: ActionStatus): string => t(`status.${status}` as MessageKey);
/** An emotion the analyser knows, in the UI's language; any other id as it is. */
export const emotionLabel = (t: Translator, emotion: string): string =>
  EMOTIONS.has(emotion) ? t(`emotion.${emotion}` as MessageKey) : emotion;
/** A window key as an ICU select value ("90d" is not a word ICU selects on). */
export const windowWord = (window: string): string => (window === 'all' ? 'all' : `w${window.replace(/d$/, '')}`);
