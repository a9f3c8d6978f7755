import { readFileSync } from 'node:fs';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { DEFAULT_ROLE_MAPPING } from '../nps';
import { WINDOWS } from '../model';
import { CRM_IDS } from '../crm/hosts';
import {
  applyPolicy,
  DEFAULT_DISPLAY,
  DEFAULT_SOURCE,
  displaySettings,
  loadSettings,
  saveTaxonomy,
  ManagedPolicySchema,
  MAX_RECENT_LOOKUPS,
  readManagedPolicy,
  readRecentLookups,
  recentLookups,
  withRecentLookup,
  type EffectiveSettings,
} from '.';
import { DEFAULT_TAXONOMY } from '../insights/taxonomy';

const USER: Omit<EffectiveSettings, 'locked'> = {
  display: { defaultWindow: '90d', countingRule: 'latest_per_respondent' },
  roleMapping: DEFAULT_ROLE_MAPPING,
  sites: { disabledCrms: ['intercom'] },
  source: { kind: 'local', url: '', name: 'Mine', ttlMinutes: 30 },
  taxonomy: DEFAULT_TAXONOMY,
  followUp: { maxScore: 6, days: 90, badge: false, notifications: true },
};

beforeEach(() => fakeBrowser.reset());

describe('applyPolicy', () => {
  test('no policy: the user’s settings, nothing locked', () => {
    expect(applyPolicy(USER, {})).toEqual({ ...USER, locked: { defaultWindow: false, sourceUrl: false, sites: false, taxonomy: false, followUpRule: false } });
  });

  test('the policy’s window wins and is locked; the counting rule stays the user’s', () => {
    const applied = applyPolicy(USER, { defaultWindow: '365d' });
    expect(applied.display).toEqual({ defaultWindow: '365d', countingRule: 'latest_per_respondent' });
    expect(applied.locked).toEqual({ defaultWindow: true, sourceUrl: false, sites: false, taxonomy: false, followUpRule: false });
  });

  test('allowed sites turn every other built-in CRM off, whatever the user chose', () => {
    const applied = applyPolicy(USER, { allowedSites: ['salesforce', 'intercom'] });
    expect(applied.sites.disabledCrms).toEqual(CRM_IDS.filter((c) => c !== 'salesforce' && c !== 'intercom'));
    expect(applied.locked.sites).toBe(true);
  });

  test('a source URL makes the source HTTP with that URL, keeping the user’s other source fields', () => {
    const applied = applyPolicy(USER, { sourceUrl: 'https://nps.example.com/', sourceName: 'Warehouse' });
    expect(applied.source).toEqual({ kind: 'http', url: 'https://nps.example.com/', name: 'Warehouse', ttlMinutes: 30 });
    expect(applied.locked.sourceUrl).toBe(true);
    expect(applyPolicy(USER, { sourceUrl: 'https://nps.example.com/' }).source.name).toBe('Mine');
  });
});

test('a policy’s follow-up rule wins and is locked; the badge and notifications stay the user’s', () => {
  const applied = applyPolicy(USER, { followUpRule: { maxScore: 8, days: 30 } });
  expect(applied.followUp).toEqual({ maxScore: 8, days: 30, badge: false, notifications: true });
  expect(applied.locked.followUpRule).toBe(true);
});

describe('loadSettings', () => {
  test('defaults when nothing is stored', async () => {
    const settings = await loadSettings();
    expect(settings.display).toEqual(DEFAULT_DISPLAY);
    expect(settings.source).toEqual(DEFAULT_SOURCE);
    expect(settings.sites).toEqual({ disabledCrms: [] });
    expect(settings.roleMapping).toEqual(DEFAULT_ROLE_MAPPING);
  });

  test('a stored value is used; a damaged one falls back to the default instead of breaking', async () => {
    await displaySettings.setValue({ defaultWindow: '180d', countingRule: 'all' });
    expect((await loadSettings()).display.defaultWindow).toBe('180d');
    await fakeBrowser.storage.local.set({ 'settings.display': { defaultWindow: 'forever', countingRule: 'all' } });
    await fakeBrowser.storage.local.set({ 'settings.sites': { disabledCrms: ['myspace'] } });
    await fakeBrowser.storage.local.set({ 'settings.roleMapping': { synonyms: { exec: 'emperor' }, titleRules: [] } });
    const settings = await loadSettings();
    expect(settings.display).toEqual(DEFAULT_DISPLAY);
    expect(settings.sites).toEqual({ disabledCrms: [] });
    expect(settings.roleMapping).toEqual(DEFAULT_ROLE_MAPPING);
  });

  test('a managed policy is laid over the stored settings', async () => {
    await displaySettings.setValue({ defaultWindow: '180d', countingRule: 'all' });
    vi.spyOn(storage, 'snapshot').mockResolvedValue({ defaultWindow: '90d', allowedSites: ['zendesk'] });
    const settings = await loadSettings();
    expect(settings.display.defaultWindow).toBe('90d');
    expect(settings.locked).toEqual({ defaultWindow: true, sourceUrl: false, sites: true, taxonomy: false, followUpRule: false });
    expect(settings.sites.disabledCrms).not.toContain('zendesk');
  });
});

describe('readManagedPolicy', () => {
  test('keeps the good keys of a policy with a bad one', async () => {
    vi.spyOn(storage, 'snapshot').mockResolvedValue({ sourceUrl: 'not a url', defaultWindow: '180d', allowedSites: ['salesforce'] });
    expect(await readManagedPolicy()).toEqual({ defaultWindow: '180d', allowedSites: ['salesforce'] });
  });

  test('no managed storage (Firefox without a policy, or an error) is no policy', async () => {
    vi.spyOn(storage, 'snapshot').mockRejectedValue(new Error('Managed storage manifest not found'));
    expect(await readManagedPolicy()).toEqual({});
  });
});

describe('recent look-ups', () => {
  test('the newest first, without repeats, at most a few', () => {
    expect(withRecentLookup(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
    const many = Array.from({ length: 20 }, (_, i) => `id-${i}`);
    expect(withRecentLookup(many, 'new')).toHaveLength(MAX_RECENT_LOOKUPS);
  });

  test('a damaged stored list reads as empty', async () => {
    await recentLookups.setValue(['x', 'y']);
    expect(await readRecentLookups()).toEqual(['x', 'y']);
    await fakeBrowser.storage.local.set({ 'popup.recentLookups': 'not a list' });
    expect(await readRecentLookups()).toEqual([]);
  });
});

test('the managed schema shipped for Chrome describes exactly the policy the code reads', () => {
  const schema = JSON.parse(readFileSync(new URL('../../public/managed_schema.json', import.meta.url), 'utf8')) as {
    type: string;
    properties: Record<string, { type: string; enum?: string[]; items?: { enum: string[] } }>;
  };
  expect(schema.type).toBe('object');
  expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(ManagedPolicySchema.shape).sort());
  expect(schema.properties.allowedSites?.items?.enum).toEqual([...CRM_IDS]);
  expect(schema.properties.defaultWindow?.enum).toEqual([...WINDOWS]);
});

describe('writes', () => {
  test('updateDisplaySettings changes what it names and keeps the rest', async () => {
    const { updateDisplaySettings } = await import('.');
    await updateDisplaySettings({ countingRule: 'latest_per_respondent' });
    expect(await displaySettings.getValue()).toEqual({ defaultWindow: '365d', countingRule: 'latest_per_respondent' });
    await expect(updateDisplaySettings({ defaultWindow: 'forever' as never })).rejects.toThrow();
    expect((await displaySettings.getValue()).defaultWindow).toBe('365d');
  });

  test('setBuiltInCrmEnabled turns one CRM off and on again', async () => {
    const { setBuiltInCrmEnabled, siteSettings } = await import('.');
    await setBuiltInCrmEnabled('zendesk', false);
    await setBuiltInCrmEnabled('hubspot', false);
    expect(await siteSettings.getValue()).toEqual({ disabledCrms: ['zendesk', 'hubspot'] });
    await setBuiltInCrmEnabled('zendesk', true);
    expect(await siteSettings.getValue()).toEqual({ disabledCrms: ['hubspot'] });
  });

  test('saveRoleMapping refuses a pattern that does not compile and keeps what was stored', async () => {
    const { saveRoleMapping, roleMappingSetting } = await import('.');
    const edited = { synonyms: { sponsor: 'decision_maker' as const }, titleRules: [{ pattern: 'Director', role: 'decision_maker' as const }] };
    await saveRoleMapping(edited);
    expect(await roleMappingSetting.getValue()).toEqual(edited);
    await expect(saveRoleMapping({ synonyms: {}, titleRules: [{ pattern: '(unclosed', role: 'executive' }] })).rejects.toThrow(/title rule 1 has an invalid pattern/);
    expect(await roleMappingSetting.getValue()).toEqual(edited);
  });
});

describe('theme taxonomy', () => {
  const mine = { version: 'mine', themes: [{ id: 'speed', label: 'Speed', words: ['slow', 'lag'] }] };

  test('the default until the user saves one; back to the default on reset', async () => {
    expect((await loadSettings()).taxonomy).toEqual(DEFAULT_TAXONOMY);
    await saveTaxonomy(mine);
    expect((await loadSettings()).taxonomy).toEqual(mine);
    await saveTaxonomy(null);
    expect((await loadSettings()).taxonomy).toEqual(DEFAULT_TAXONOMY);
  });

  test('an invalid taxonomy is refused naming the theme and the field, and nothing is stored', async () => {
    await expect(saveTaxonomy({ version: 'x', themes: [{ id: 'Bad Id', label: 'Speed', words: ['slow'] }] })).rejects.toThrow(/^Themes: Speed — id: /);
    await expect(saveTaxonomy({ version: 'x', themes: [{ id: 'a', label: 'A', words: ['x'] }, { id: 'a', label: 'B', words: ['y'] }] })).rejects.toThrow(/used twice/);
    expect((await loadSettings()).taxonomy).toEqual(DEFAULT_TAXONOMY);
  });

  test("a policy's taxonomy wins and is locked; a broken one is ignored", () => {
    const applied = applyPolicy(USER, { themeTaxonomy: mine });
    expect(applied.taxonomy).toEqual(mine);
    expect(applied.locked.taxonomy).toBe(true);
  });
});
