import { describe, expect, it } from 'vitest';
import type { RecentComment } from '../../lib/nps';
import { actionFromForm } from './ActionForm';
import { draftFromComment } from './drafts';
import { formatAge } from './Freshness';
import { collapsePanel, type PrefsArea } from './panel-collapse';
import { themeFromHash } from './theme-mode';

function memoryArea(initial: Record<string, unknown> = {}): PrefsArea & { items: Record<string, unknown> } {
  const items = { ...initial };
  return {
    items,
    get: async (key) => (key in items ? { [key]: items[key] } : {}),
    set: async (next) => void Object.assign(items, next),
  };
}

describe('theme from the frame URL hash', () => {
  it('honours only dark and light', () => {
    expect(themeFromHash('#theme=dark')).toBe('dark');
    expect(themeFromHash('#theme=light')).toBe('light');
    expect(themeFromHash('theme=dark&x=1')).toBe('dark');
    expect(themeFromHash('#theme=Dark')).toBeNull();
    expect(themeFromHash('#theme=<script>')).toBeNull();
    expect(themeFromHash('#dark')).toBeNull();
    expect(themeFromHash('')).toBeNull();
  });
});

describe('collapse button', () => {
  it('stores collapsed with the width already chosen for this CRM', async () => {
    const area = memoryArea({ 'panelPrefs:zendesk': { collapsed: false, width: 520 } });
    await collapsePanel(area, 'zendesk');
    expect(area.items['panelPrefs:zendesk']).toEqual({ collapsed: true, width: 520 });
  });

  it('uses the default width when nothing was stored, and clamps a stored one', async () => {
    const area = memoryArea({ 'panelPrefs:hubspot': { collapsed: false, width: 5000 } });
    await collapsePanel(area, 'salesforce');
    expect(area.items['panelPrefs:salesforce']).toEqual({ collapsed: true, width: 380 });
    await collapsePanel(area, 'hubspot');
    expect(area.items['panelPrefs:hubspot']).toEqual({ collapsed: true, width: 720 });
  });
});

describe('freshness', () => {
  const now = Date.UTC(2026, 0, 10, 12);
  it('says how old the data is, coarsely', () => {
    expect(formatAge(now - 20_000, now)).toBe('just now');
    expect(formatAge(now - 4 * 60_000, now)).toBe('4 min ago');
    expect(formatAge(now - 3 * 3_600_000 - 60_000, now)).toBe('3 h ago');
    expect(formatAge(now - 3 * 86_400_000, now)).toBe('3 days ago');
    // A clock ahead of ours is not "in the future".
    expect(formatAge(now + 60_000, now)).toBe('just now');
  });
});

describe('action form', () => {
  const draft = { title: 'x', responseId: 'resp-1' };
  it('builds an open action linked to the response, trimming fields and leaving empty ones out', () => {
    const action = actionFromForm({ title: '  Call Pat  ', owner: ' ', dueDate: '2026-02-01' }, draft, 'acc-1', 1000, () => 'id-1');
    expect(action).toEqual({
      id: 'id-1',
      accountId: 'acc-1',
      title: 'Call Pat',
      status: 'open',
      dueDate: '2026-02-01',
      createdAt: 1000,
      updatedAt: 1000,
      responseId: 'resp-1',
    });
  });

  it('names the field that is wrong', () => {
    expect(() => actionFromForm({ title: '  ', owner: '', dueDate: '' }, draft, 'a', 0, () => 'i')).toThrow(/^Title:/);
    expect(() => actionFromForm({ title: 'ok', owner: '', dueDate: '01/02/2026' }, draft, 'a', 0, () => 'i')).toThrow(/^Due date:/);
  });

  it('prefills a follow-up from a comment', async () => {
    const c: RecentComment = {
      responseId: 'r9',
      respondedAt: Date.UTC(2026, 0, 2),
      score: 3,
      category: 'detractor',
      comment: 'Too slow',
      role: 'decision_maker',
      respondentName: null,
      respondentEmail: 'dm@acme.com',
      channel: 'email',
      insight: null,
      tags: [],
      survey: null,
      followUp: 'waiting',
    };
    const d = draftFromComment(c);
    expect(d.title).toBe('Follow up with dm@acme.com (score 3)');
    expect(d.responseId).toBe('r9');
    expect(draftFromComment({ ...c, respondentEmail: null }).title).toBe('Follow up with the decision maker (score 3)');
  });
});

describe('role response rate', () => {
  it('gives the counts and the percentage, but no percentage over 100', async () => {
    const { formatRate } = await import('../shared/RoleTable');
    expect(formatRate(undefined)).toBeNull();
    expect(formatRate({ responses: 0, sends: 0, rate: null, lowRateWarning: false })).toBeNull();
    expect(formatRate({ responses: 3, sends: 12, rate: 0.25, lowRateWarning: false })).toBe('3 answers to 12 surveys sent (25%)');
    expect(formatRate({ responses: 1, sends: 1, rate: 1, lowRateWarning: false })).toBe('1 answer to 1 survey sent (100%)');
    expect(formatRate({ responses: 9, sends: 7, rate: 9 / 7, lowRateWarning: false })).toBe('9 answers to 7 surveys sent');
  });
});
