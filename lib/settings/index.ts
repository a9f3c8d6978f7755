/**
 * The user's settings, kept with WXT storage items (versioned; a new version adds a migration) and read
 * through zod so a damaged value falls back to the default instead of breaking a page. An administrator's
 * policy (`storage.managed`, schema in `public/managed_schema.json`) overrides the user's values, and the
 * options page shows those as locked.
 *
 * The data source's token is not here: it is written by the background only (see lib/sources) and never
 * read by a page.
 */
import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { CountingRuleSchema, WindowKeySchema, RoleSchema, type CountingRule, type WindowKey } from '../model';
import { DEFAULT_ROLE_MAPPING, validateRoleMapping, type RoleMapping } from '../nps';
import type { CrmId } from '../crm/types';
import { CRM_IDS } from '../crm/hosts';
import { SITE_SETTINGS_KEY } from './keys';
import { DEFAULT_TAXONOMY, taxonomyProblems } from '../insights/taxonomy';
import type { Taxonomy } from '../insights/types';

export const DisplaySettingsSchema = z.object({
  defaultWindow: WindowKeySchema,
  countingRule: CountingRuleSchema,
});
export type DisplaySettings = z.infer<typeof DisplaySettingsSchema>;
export const DEFAULT_DISPLAY: DisplaySettings = { defaultWindow: '365d', countingRule: 'all' };

export const RoleMappingSchema = z.object({
  synonyms: z.record(z.string().max(200), RoleSchema),
  titleRules: z.array(z.object({ pattern: z.string().min(1).max(500), role: RoleSchema })).max(500),
});

/** The themes comments are read for (docs/insights.md): the default, or the user's or the policy's own. */
export const TaxonomySchema = z.object({
  version: z.string().max(100),
  themes: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9_]{1,40}$/, 'lower-case letters, digits and _'),
        label: z.string().trim().min(1).max(60),
        words: z.array(z.string().trim().min(1).max(80)).min(1).max(200),
      }),
    )
    .max(40),
  ignore: z.array(z.string().max(80)).max(200).optional(),
});

export const SiteSettingsSchema = z.object({
  /** Built-in CRMs the user turned off: their content scripts do nothing there. */
  disabledCrms: z.array(z.enum(CRM_IDS)),
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

/** Where the data comes from. The token lives apart, in the background's keeping. */
export const SourceSettingsSchema = z.object({
  kind: z.enum(['local', 'http']),
  /** The HTTP source's base URL, e.g. `https://nps.example.com/`; empty for the local source. */
  url: z.string().max(2000),
  /** A name shown in the panel's header ("Acme NPS warehouse"). */
  name: z.string().max(200),
  /** Cached data older than this is refreshed in the background while it is shown. */
  ttlMinutes: z.number().int().min(1).max(7 * 24 * 60),
});
export type SourceSettings = z.infer<typeof SourceSettingsSchema>;
export const DEFAULT_SOURCE: SourceSettings = { kind: 'local', url: '', name: '', ttlMinutes: 15 };

export const displaySettings = storage.defineItem<DisplaySettings>('local:settings.display', {
  fallback: DEFAULT_DISPLAY,
  version: 1,
});
export const roleMappingSetting = storage.defineItem<RoleMapping>('local:settings.roleMapping', {
  fallback: DEFAULT_ROLE_MAPPING,
  version: 1,
});
export const siteSettings = storage.defineItem<SiteSettings>(`local:${SITE_SETTINGS_KEY}`, {
  fallback: { disabledCrms: [] },
  version: 1,
});
export const sourceSettings = storage.defineItem<SourceSettings>('local:settings.source', {
  fallback: DEFAULT_SOURCE,
  version: 1,
});
/** The user's theme taxonomy; null: the default (`DEFAULT_TAXONOMY`). */
export const taxonomySetting = storage.defineItem<Taxonomy | null>('local:settings.taxonomy', {
  fallback: null,
  version: 1,
});
/**
 * Closing the loop: which responses need a follow-up (scores at or below `maxScore`, answered in the last
 * `days` days; lockable by policy), whether the toolbar badge counts what needs doing, and whether the
 * browser may notify (the permission is asked for when this is turned on).
 */
export const FollowUpRuleSchema = z.object({
  maxScore: z.number().int().min(0).max(10),
  days: z.number().int().min(1).max(730),
});
export const FollowUpSettingsSchema = FollowUpRuleSchema.extend({
  badge: z.boolean(),
  notifications: z.boolean(),
});
export type FollowUpSettings = z.infer<typeof FollowUpSettingsSchema>;
export const DEFAULT_FOLLOW_UP: FollowUpSettings = { maxScore: 6, days: 90, badge: true, notifications: false };
export const followUpSettings = storage.defineItem<FollowUpSettings>('local:settings.followUp', {
  fallback: DEFAULT_FOLLOW_UP,
  version: 1,
});

/** Set once the user has finished (or skipped) the first-run onboarding. */
export const onboardingDone = storage.defineItem<boolean>('local:settings.onboardingDone', {
  fallback: false,
  version: 1,
});

// ---- import ------------------------------------------------------------------------------
/**
 * How an import treats rejected rows (by default the valid rows are saved; all-or-nothing saves none),
 * and whether every file waits on its preview for a click before it is saved (by default only a file
 * whose score column had to be guessed from its values does).
 */
export const ImportSettingsSchema = z.object({ allOrNothing: z.boolean(), reviewBeforeSaving: z.boolean().optional() });
export type ImportSettings = z.infer<typeof ImportSettingsSchema>;
export const DEFAULT_IMPORT: ImportSettings = { allOrNothing: false };
export const importSettings = storage.defineItem<ImportSettings>('local:settings.import', {
  fallback: DEFAULT_IMPORT,
  version: 1,
});

/** The import settings, validated: a damaged value falls back to the default. */
export async function loadImportSettings(): Promise<ImportSettings> {
  return parsedOr(ImportSettingsSchema, await importSettings.getValue(), DEFAULT_IMPORT);
}
// ---- end import --------------------------------------------------------------------------------------
export { MAX_RECENT_LOOKUPS, RecentLookupsSchema, readRecentLookups, recentLookups, withRecentLookup } from './recent-lookups';

/** What an administrator may set (managed storage); every key optional. */
export const ManagedPolicySchema = z
  .object({
    sourceUrl: z.string().url().max(2000),
    sourceName: z.string().max(200),
    allowedSites: z.array(z.enum(CRM_IDS)),
    defaultWindow: WindowKeySchema,
    themeTaxonomy: TaxonomySchema,
    followUpRule: FollowUpRuleSchema,
  })
  .partial();
export type ManagedPolicy = z.infer<typeof ManagedPolicySchema>;

/** Reads the managed policy; none (or an unreadable one, as in Firefox without a policy) → `{}`. */
export async function readManagedPolicy(): Promise<ManagedPolicy> {
  try {
    const raw = await storage.snapshot('managed');
    const parsed = ManagedPolicySchema.safeParse(raw);
    if (parsed.success) return parsed.data;
    // A policy with one bad key still applies its good ones.
    const good: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(raw)) {
      const one = ManagedPolicySchema.safeParse({ [key]: value });
      if (one.success) good[key] = value;
    }
    return ManagedPolicySchema.parse(good);
  } catch {
    return {};
  }
}

function parsedOr<T>(schema: z.ZodType<T>, value: unknown, fallback: T): T {
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : fallback;
}

/** Settings as they apply: the user's, validated, with the administrator's policy on top. */
export interface EffectiveSettings {
  display: DisplaySettings;
  roleMapping: RoleMapping;
  sites: SiteSettings;
  source: SourceSettings;
  /** The themes comments are read for. */
  taxonomy: Taxonomy;
  followUp: FollowUpSettings;
  /** Which settings the policy fixed, for the options page to show as locked. */
  locked: { defaultWindow: boolean; sourceUrl: boolean; sites: boolean; taxonomy: boolean; followUpRule: boolean };
}

export async function loadSettings(): Promise<EffectiveSettings> {
  const [display, roleMapping, sites, source, taxonomy, followUp, policy] = await Promise.all([
    displaySettings.getValue(),
    roleMappingSetting.getValue(),
    siteSettings.getValue(),
    sourceSettings.getValue(),
    taxonomySetting.getValue(),
    followUpSettings.getValue(),
    readManagedPolicy(),
  ]);
  return applyPolicy(
    {
      display: parsedOr(DisplaySettingsSchema, display, DEFAULT_DISPLAY),
      roleMapping: parsedOr(RoleMappingSchema, roleMapping, DEFAULT_ROLE_MAPPING),
      sites: parsedOr(SiteSettingsSchema, sites, { disabledCrms: [] }),
      source: parsedOr(SourceSettingsSchema, source, DEFAULT_SOURCE),
      taxonomy: usableTaxonomy(taxonomy) ?? DEFAULT_TAXONOMY,
      followUp: parsedOr(FollowUpSettingsSchema, followUp, DEFAULT_FOLLOW_UP),
    },
    policy,
  );
}

/** Pure: lays a managed policy over the user's settings. */
export function applyPolicy(
  user: Omit<EffectiveSettings, 'locked'>,
  policy: ManagedPolicy,
): EffectiveSettings {
  const allowed = policy.allowedSites;
  const disabledCrms: CrmId[] = allowed ? CRM_IDS.filter((crm) => !allowed.includes(crm)) : user.sites.disabledCrms;
  const window: WindowKey = policy.defaultWindow ?? user.display.defaultWindow;
  const rule: CountingRule = user.display.countingRule;
  return {
    display: { defaultWindow: window, countingRule: rule },
    roleMapping: user.roleMapping,
    sites: { disabledCrms },
    source: policy.sourceUrl
      ? { ...user.source, kind: 'http', url: policy.sourceUrl, name: policy.sourceName ?? user.source.name }
      : user.source,
    taxonomy: (policy.themeTaxonomy && usableTaxonomy(policy.themeTaxonomy)) ?? user.taxonomy,
    followUp: policy.followUpRule ? { ...user.followUp, ...policy.followUpRule } : user.followUp,
    locked: {
      defaultWindow: policy.defaultWindow !== undefined,
      sourceUrl: policy.sourceUrl !== undefined,
      sites: allowed !== undefined,
      taxonomy: policy.themeTaxonomy !== undefined,
      followUpRule: policy.followUpRule !== undefined,
    },
  };
}

// ---- writes from the options page: each validates, and writes only the user's own value ----------------

/** Changes some display settings; the rest keep the user's stored value (not a policy's). */
export async function updateDisplaySettings(patch: Partial<DisplaySettings>): Promise<DisplaySettings> {
  const current = parsedOr(DisplaySettingsSchema, await displaySettings.getValue(), DEFAULT_DISPLAY);
  const next = DisplaySettingsSchema.parse({ ...current, ...patch });
  await displaySettings.setValue(next);
  return next;
}

/** Changes some of the user's follow-up settings (a policy's rule still wins where it is set). */
export async function updateFollowUpSettings(patch: Partial<FollowUpSettings>): Promise<FollowUpSettings> {
  const current = parsedOr(FollowUpSettingsSchema, await followUpSettings.getValue(), DEFAULT_FOLLOW_UP);
  const next = FollowUpSettingsSchema.parse({ ...current, ...patch });
  await followUpSettings.setValue(next);
  return next;
}

/** Turns a built-in CRM on or off for this user. */
export async function setBuiltInCrmEnabled(crm: CrmId, enabled: boolean): Promise<SiteSettings> {
  const current = parsedOr(SiteSettingsSchema, await siteSettings.getValue(), { disabledCrms: [] });
  const others = current.disabledCrms.filter((c) => c !== crm);
  const next = SiteSettingsSchema.parse({ disabledCrms: enabled ? others : [...others, crm] });
  await siteSettings.setValue(next);
  return next;
}

/** Saves an edited role mapping; refuses one with unknown roles or patterns that do not compile, saying which. */
/** A stored or policy taxonomy that is valid and self-consistent, else null (the default applies). */
function usableTaxonomy(value: unknown): Taxonomy | null {
  const parsed = TaxonomySchema.safeParse(value);
  return parsed.success && taxonomyProblems(parsed.data).length === 0 ? parsed.data : null;
}

/** Saves the user's taxonomy (null: back to the default); an invalid one is refused, naming the theme and field. */
export async function saveTaxonomy(taxonomy: Taxonomy | null): Promise<void> {
  if (taxonomy === null) return taxonomySetting.setValue(null);
  const parsed = TaxonomySchema.safeParse(taxonomy);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const [, index, field] = issue?.path ?? [];
    const theme = typeof index === 'number' ? taxonomy.themes[index]?.label || `theme ${index + 1}` : 'taxonomy';
    throw new Error(`Themes: ${theme}${field ? ` — ${String(field)}` : ''}: ${issue?.message ?? 'invalid'}`);
  }
  const problems = taxonomyProblems(parsed.data);
  if (problems.length > 0) throw new Error(`Themes: ${problems.join(' ')}`);
  await taxonomySetting.setValue(parsed.data);
}

export async function saveRoleMapping(mapping: RoleMapping): Promise<void> {
  const parsed = RoleMappingSchema.safeParse(mapping);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Role mapping: ${issue?.path.join('.') || 'value'} — ${issue?.message ?? 'invalid'}`);
  }
  const problems = validateRoleMapping(parsed.data);
  if (problems.length > 0) throw new Error(`Role mapping: ${problems.join('; ')}`);
  await roleMappingSetting.setValue(parsed.data);
}

/** The UI's language: one the extension ships, or `auto` for the browser's (the default). */
export { isLanguageChoice, languageSetting, readLanguageChoice } from './language';
