/**
 * Which comments the panel lists: filters by category, role and channel, and a text search over the
 * comment and who wrote it. Pure, so the panel and the popup share it and tests pin it down.
 */
import type { Channel, Role } from '../../lib/model';
import type { NpsCategory, RecentComment } from '../../lib/nps';

export interface CommentFilter {
  category: NpsCategory | 'all';
  role: Role | 'all';
  /** 'none' keeps comments whose channel is unknown. */
  channel: Channel | 'none' | 'all';
  /** Free text; every word must appear (case- and accent-insensitive) in the comment, name or email. */
  text: string;
}

export const NO_FILTER: CommentFilter = { category: 'all', role: 'all', channel: 'all', text: '' };

/** Lower case without accents, so "cafe" finds "Café". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** The comments that pass every filter, in the order given (the context gives newest first). */
export function filterComments(comments: readonly RecentComment[], filter: CommentFilter): RecentComment[] {
  const words = fold(filter.text).split(/\s+/).filter(Boolean);
  return comments.filter((c) => {
    if (filter.category !== 'all' && c.category !== filter.category) return false;
    if (filter.role !== 'all' && c.role !== filter.role) return false;
    if (filter.channel !== 'all' && (c.channel ?? 'none') !== filter.channel) return false;
    if (words.length === 0) return true;
    const haystack = fold(`${c.comment} ${c.respondentName ?? ''} ${c.respondentEmail ?? ''}`);
    return words.every((w) => haystack.includes(w));
  });
}

/** The roles and channels present among the comments, so the filters offer only what can match. */
export function commentFacets(comments: readonly RecentComment[]): { roles: Role[]; channels: Array<Channel | 'none'> } {
  const roles = new Set<Role>();
  const channels = new Set<Channel | 'none'>();
  for (const c of comments) {
    roles.add(c.role);
    channels.add(c.channel ?? 'none');
  }
  return { roles: [...roles], channels: [...channels] };
}

/** True when any filter is set. */
export function isFiltering(filter: CommentFilter): boolean {
  return filter.category !== 'all' || filter.role !== 'all' || filter.channel !== 'all' || filter.text.trim() !== '';
}
