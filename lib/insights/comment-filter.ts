/**
 * Which comments the panel lists: filters by category, role, channel, what was read from the comment
 * (theme, emotion, sentiment), tag and survey, and a text search over the comment and who wrote it.
 * Pure, so the panel and the popup share it and tests pin it down.
 */
import type { Channel, Role, StoredInsight } from '../model';
import type { NpsCategory, RecentComment } from '../nps';

export interface CommentFilter {
  category: NpsCategory | 'all';
  role: Role | 'all';
  /** 'none' keeps comments whose channel is unknown. */
  channel: Channel | 'none' | 'all';
  /** A theme id of the taxonomy: comments whose (current) result names it. */
  theme: string;
  emotion: string;
  sentiment: string;
  tag: string;
  survey: string;
  /** Free text; every word must appear (case- and accent-insensitive) in the comment, name or email. */
  text: string;
}

export const NO_FILTER: CommentFilter = { category: 'all', role: 'all', channel: 'all', theme: 'all', emotion: 'all', sentiment: 'all', tag: 'all', survey: 'all', text: '' };

/** Made once: the build turns a Unicode property literal into a `new RegExp` where it stands, per call here. */
const DIACRITICS = /\p{Diacritic}/gu;

/** Lower case without accents, so "cafe" finds "Café". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(DIACRITICS, '').toLowerCase();
}

/** The comment's result when made with `key` (any key when null), else null. */
function insightOf(c: RecentComment, key: string | null): StoredInsight | null {
  return c.insight && (key === null || c.insight.key === key) ? c.insight : null;
}

/** The comments that pass every filter, in the order given (the context gives newest first). */
export function filterComments(comments: readonly RecentComment[], filter: CommentFilter, insightsKey: string | null = null): RecentComment[] {
  const words = fold(filter.text).split(/\s+/).filter(Boolean);
  return comments.filter((c) => {
    if (filter.category !== 'all' && c.category !== filter.category) return false;
    if (filter.role !== 'all' && c.role !== filter.role) return false;
    if (filter.channel !== 'all' && (c.channel ?? 'none') !== filter.channel) return false;
    if (filter.tag !== 'all' && !c.tags.includes(filter.tag)) return false;
    if (filter.survey !== 'all' && c.survey !== filter.survey) return false;
    if (filter.theme !== 'all' || filter.emotion !== 'all' || filter.sentiment !== 'all') {
      const insight = insightOf(c, insightsKey);
      if (!insight?.analysed) return false;
      if (filter.theme !== 'all' && !insight.themes.some((t) => t.id === filter.theme)) return false;
      if (filter.emotion !== 'all' && !insight.emotions.some((e) => e.id === filter.emotion)) return false;
      if (filter.sentiment !== 'all' && insight.sentiment?.label !== filter.sentiment) return false;
    }
    if (words.length === 0) return true;
    const haystack = fold(`${c.comment} ${c.respondentName ?? ''} ${c.respondentEmail ?? ''}`);
    return words.every((w) => haystack.includes(w));
  });
}

export interface CommentFacets {
  roles: Role[];
  channels: Array<Channel | 'none'>;
  themes: string[];
  emotions: string[];
  sentiments: string[];
  tags: string[];
  surveys: string[];
}

/** What is present among the comments, so the filters offer only what can match. */
export function commentFacets(comments: readonly RecentComment[], insightsKey: string | null = null): CommentFacets {
  const roles = new Set<Role>();
  const channels = new Set<Channel | 'none'>();
  const themes = new Set<string>();
  const emotions = new Set<string>();
  const sentiments = new Set<string>();
  const tags = new Set<string>();
  const surveys = new Set<string>();
  for (const c of comments) {
    roles.add(c.role);
    channels.add(c.channel ?? 'none');
    for (const tag of c.tags) tags.add(tag);
    if (c.survey) surveys.add(c.survey);
    const insight = insightOf(c, insightsKey);
    if (!insight?.analysed) continue;
    for (const t of insight.themes) themes.add(t.id);
    for (const e of insight.emotions) emotions.add(e.id);
    if (insight.sentiment) sentiments.add(insight.sentiment.label);
  }
  const sorted = (s: Set<string>) => [...s].sort();
  return { roles: [...roles], channels: [...channels], themes: sorted(themes), emotions: sorted(emotions), sentiments: sorted(sentiments), tags: sorted(tags), surveys: sorted(surveys) };
}

/** True when any filter is set. */
export function isFiltering(filter: CommentFilter): boolean {
  return (Object.keys(NO_FILTER) as Array<keyof CommentFilter>).some((k) => (k === 'text' ? filter.text.trim() !== '' : filter[k] !== NO_FILTER[k]));
}

/** One page of an account's comments as the panel lists them: the first `limit` that match, and the counts. */
export interface CommentPage {
  /** The first comments that pass the filter, newest first. */
  items: RecentComment[];
  /** How many pass the filter. */
  matching: number;
  /** How many there are in the window. */
  total: number;
  /** What the filters can offer (over every comment of the window). */
  facets: CommentFacets;
}

export function commentPage(comments: readonly RecentComment[], filter: CommentFilter, limit: number, insightsKey: string | null = null): CommentPage {
  const matching = isFiltering(filter) ? filterComments(comments, filter, insightsKey) : comments;
  return { items: matching.slice(0, limit), matching: matching.length, total: comments.length, facets: commentFacets(comments, insightsKey) };
}
