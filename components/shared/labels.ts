/**
 * The words the UIs show for the domain's values (roles, channels, windows, action statuses), in one
 * place so the panel, the popup and the options page say the same thing.
 */
import type { Role } from '../../lib/model';
import type { ChannelKey } from '../../lib/nps';
import type { MessageKey, Translator } from '../../lib/i18n';

export const ROLE_LABEL: Record<Role, string> = {
  executive: 'Executive',
  decision_maker: 'Decision maker',
  influencer: 'Influencer',
  end_user: 'End user',
  unknown: 'Role unknown',
};

export const CHANNEL_LABEL: Record<ChannelKey, string> = {
  email: 'Email',
  in_app: 'In app',
  web: 'Web',
  phone: 'Phone',
  sms: 'SMS',
  third_party: 'Third party',
  unspecified: 'Not recorded',
};

export const STATUS_LABEL = { open: 'Open', in_progress: 'In progress', done: 'Done' } as const;

/** A time window as the headline names it. */
export const WINDOW_LABEL: Record<string, string> = {
  '90d': 'last 90 days',
  '180d': 'last 180 days',
  '365d': 'last 12 months',
  all: 'all time',
};

/** The window before, for the change line. */
export const PREVIOUS_LABEL: Record<string, string> = {
  '90d': 'the 90 days before',
  '180d': 'the 180 days before',
  '365d': 'the 12 months before',
};

/** "… has answered in 12 months", after a role that has not. */
export const WINDOW_SILENCE: Record<string, string> = {
  '90d': 'has answered in 90 days',
  '180d': 'has answered in 180 days',
  '365d': 'has answered in 12 months',
  all: 'has ever answered',
};

/** A time window in a few words (the popup's results). */
export const WINDOW_SHORT: Record<string, string> = { '90d': '90 days', '180d': '180 days', '365d': '12 months', all: 'all time' };

/** The emotions of docs/insights.md, as the panel names them. */
export const EMOTION_LABEL: Record<string, string> = {
  frustration: 'Frustration',
  anger: 'Anger',
  annoyance: 'Annoyance',
  disappointment: 'Disappointment',
  confusion: 'Confusion',
  worry: 'Worry',
  delight: 'Delight',
  gratitude: 'Gratitude',
};

export const SENTIMENT_LABEL: Record<string, string> = { positive: 'Positive', negative: 'Negative', neutral: 'Neutral', mixed: 'Mixed' };

/** The same words in the UI's language (`lib/i18n`): what the panel shows. */
export const roleLabel = (t: Translator, role: Role): string => t(`role.${role}` as MessageKey);
export const roleNoun = (t: Translator, role: Role): string => t(`roleNoun.${role}` as MessageKey);
export const channelLabel = (t: Translator, channel: ChannelKey): string => t(`channel.${channel}` as MessageKey);
export const statusLabel = (t: Translator, status: keyof typeof STATUS_LABEL): string => t(`status.${status}` as MessageKey);
export const emotionLabel = (t: Translator, emotion: string): string =>
  emotion in EMOTION_LABEL ? t(`emotion.${emotion}` as MessageKey) : emotion;
/** A window key as an ICU select value ("90d" is not a word ICU selects on). */
export const windowWord = (window: string): string => (window === 'all' ? 'all' : `w${window.replace(/d$/, '')}`);
