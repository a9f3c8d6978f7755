/**
 * The domain model: zod schemas and the types inferred from them. Every boundary (CSV rows after
 * parsing, API responses, messages between contexts, stored records) validates against these.
 *
 * Conventions: instants are epoch milliseconds (UTC); calendar dates (due dates) are `YYYY-MM-DD`;
 * ids are strings; CRM ids are stored normalised (Salesforce: 18 characters).
 */
import { z } from 'zod';
import { StoredInsightSchema, type EncodedInsight } from './insight';
import { ACTION_STATUSES, CHANNELS, COUNTING_RULES, ROLES, WINDOWS } from './constants';

export { StoredInsightSchema, encodeInsight, insightKeyOf, insightOf, withInsightDecoded, type EncodedInsight, type StoredInsight } from './insight';

export { ACTION_STATUSES, CHANNELS, COUNTING_RULES, ROLES, WINDOWS } from './constants';

export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

export const ChannelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof ChannelSchema>;

export const ActionStatusSchema = z.enum(ACTION_STATUSES);
export type ActionStatus = z.infer<typeof ActionStatusSchema>;

const Instant = z.number().int().nonnegative();
/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
  }, 'is not a date of the calendar');
const IsoDate = IsoDateSchema;

export const AccountSchema = z.object({
  /** The account's key in the data source. */
  id: z.string().min(1),
  name: z.string().min(1),
  /** Lower-case domains, without scheme or `www.`. */
  domains: z.array(z.string()).default([]),
  /** 18-character Salesforce Account ids. */
  salesforceIds: z.array(z.string()).default([]),
  zendeskOrganizationIds: z.array(z.string()).default([]),
  hubspotCompanyIds: z.array(z.string()).default([]),
  updatedAt: Instant,
});
export type Account = z.infer<typeof AccountSchema>;

/**
 * What an import row or a data source says about an account: the name may be missing (an actions file
 * with only ids). The store merges these into `Account` records.
 */
export const AccountFactsSchema = AccountSchema.partial({ name: true, updatedAt: true });
export type AccountFacts = z.infer<typeof AccountFactsSchema>;

export const ResponseSchema = z.object({
  id: z.string().min(1),
  accountId: z.string().min(1),
  score: z.number().int().min(0).max(10),
  respondedAt: Instant,
  respondentEmail: z.string().optional(),
  respondentName: z.string().optional(),
  /** The role as the data gave it (a role or a synonym); mapped to a canonical role when read. */
  respondentRole: z.string().optional(),
  respondentTitle: z.string().optional(),
  comment: z.string().optional(),
  channel: ChannelSchema.optional(),
  survey: z.string().optional(),
  tags: z.array(z.string()).default([]),
  /** Kept but never counted. */
  excluded: z.boolean().default(false),
  updatedAt: Instant,
  /** What was read from the comment, once it has been analysed (`insight.ts`). */
  insight: StoredInsightSchema.optional(),
});
/** A response as stored and read: its comment's result may be kept as text (`EncodedInsight`). */
export type SurveyResponse = z.infer<typeof ResponseSchema> & EncodedInsight;

/** A note on an action: what was done or said, when, and by whom when a shared source knows them. */
export const ActionNoteSchema = z.object({
  id: z.string().min(1).max(200),
  at: Instant,
  text: z.string().min(1).max(5_000),
  by: z.string().max(200).optional(),
});
export type ActionNote = z.infer<typeof ActionNoteSchema>;

export const ActionSchema = z.object({
  id: z.string().min(1),
  accountId: z.string().min(1),
  title: z.string().min(1),
  status: ActionStatusSchema,
  owner: z.string().optional(),
  dueDate: IsoDate.optional(),
  createdAt: Instant,
  updatedAt: Instant,
  /** The response this action follows up, if any. */
  responseId: z.string().optional(),
  /** Who created it, as a shared data source knows them (its token's user); absent when unknown. */
  createdBy: z.string().optional(),
  /** Who last changed it (at `updatedAt`), as a shared data source knows them; absent when unknown. */
  updatedBy: z.string().optional(),
  /** When it was marked done (absent while open; an older done action without it was closed at `updatedAt`). */
  closedAt: Instant.optional(),
  /** Who marked it done, when known. */
  closedBy: z.string().optional(),
  /** Notes, oldest first. */
  notes: z.array(ActionNoteSchema).max(500).optional(),
});
export type Action = z.infer<typeof ActionSchema>;

export const SurveySendSchema = z.object({
  id: z.string().min(1),
  accountId: z.string().min(1),
  respondentEmail: z.string().optional(),
  respondentRole: z.string().optional(),
  sentAt: Instant,
  channel: ChannelSchema.optional(),
  survey: z.string().optional(),
});
export type SurveySend = z.infer<typeof SurveySendSchema>;

export const WindowKeySchema = z.enum(WINDOWS);
export type WindowKey = z.infer<typeof WindowKeySchema>;

export const CountingRuleSchema = z.enum(COUNTING_RULES);
export type CountingRule = z.infer<typeof CountingRuleSchema>;

/** Everything known about one account: what the metrics are computed from. */
export interface AccountRecords {
  account: Account;
  responses: SurveyResponse[];
  actions: Action[];
  sends: SurveySend[];
}
