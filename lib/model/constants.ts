/**
 * The model's fixed lists, without their schemas: what the panel and the figures read at run time (a
 * role's order, the channels, the windows) without carrying the validation library into every page.
 * The schemas (`index.ts`, `insight.ts`) are built from these.
 */

export const ROLES = ['executive', 'decision_maker', 'influencer', 'end_user', 'unknown'] as const;
export type Role = (typeof ROLES)[number];

export const CHANNELS = ['email', 'in_app', 'web', 'phone', 'sms', 'third_party'] as const;
export type Channel = (typeof CHANNELS)[number];

export const ACTION_STATUSES = ['open', 'in_progress', 'done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The headline windows the product offers; the default is the trailing 365 days. */
export const WINDOWS = ['90d', '180d', '365d', 'all'] as const;
export type WindowKey = (typeof WINDOWS)[number];

/** "every response counts" (the common vendor rule) or only each respondent's newest in the window. */
export const COUNTING_RULES = ['all', 'latest_per_respondent'] as const;
export type CountingRule = (typeof COUNTING_RULES)[number];

/** The emotions of docs/insights.md, in the order the panel lists them. */
export const EMOTION_IDS = ['frustration', 'anger', 'annoyance', 'disappointment', 'confusion', 'worry', 'delight', 'gratitude'] as const;
