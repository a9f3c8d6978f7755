import { describe, expect, it } from 'vitest';
import type { RecentComment } from '../../lib/nps';
import { commentFacets, filterComments, isFiltering, NO_FILTER } from './comment-filter';

const comment = (over: Partial<RecentComment> & Pick<RecentComment, 'responseId'>): RecentComment => ({
  respondedAt: 0,
  score: 9,
  category: 'promoter',
  comment: '',
  role: 'end_user',
  respondentName: null,
  respondentEmail: null,
  channel: null,
  insight: null,
  tags: [],
  survey: null,
  followUp: 'none',
  ...over,
});

const COMMENTS = [
  comment({ responseId: 'a', score: 2, category: 'detractor', comment: 'Le café était froid', role: 'executive', channel: 'email', respondentName: 'Zoë Ng' }),
  comment({ responseId: 'b', score: 10, comment: 'Great support team', channel: 'in_app', respondentEmail: 'pat@acme.com' }),
  comment({ responseId: 'c', score: 6, category: 'detractor', comment: 'Support was slow', role: 'end_user' }),
  comment({ responseId: 'd', score: 8, category: 'passive', comment: '<script>alert(1)</script>', role: 'influencer', channel: 'email' }),
];
const ids = (cs: RecentComment[]) => cs.map((c) => c.responseId);

describe('comment filters', () => {
  it('keeps everything, in order, with no filter', () => {
    expect(ids(filterComments(COMMENTS, NO_FILTER))).toEqual(['a', 'b', 'c', 'd']);
    expect(isFiltering(NO_FILTER)).toBe(false);
  });

  it('filters by category, role and channel, together', () => {
    expect(ids(filterComments(COMMENTS, { ...NO_FILTER, category: 'detractor' }))).toEqual(['a', 'c']);
    expect(ids(filterComments(COMMENTS, { ...NO_FILTER, category: 'detractor', role: 'end_user' }))).toEqual(['c']);
    expect(ids(filterComments(COMMENTS, { ...NO_FILTER, channel: 'email' }))).toEqual(['a', 'd']);
    expect(ids(filterComments(COMMENTS, { ...NO_FILTER, channel: 'none' }))).toEqual(['c']);
  });

  it('searches every word in the text, name and email, ignoring case and accents', () => {
    expect(ids(filterComments(COMMENTS, { ...NO_FILTER, text: 'SUPPORT' }))).toEqual(['b', 'c']);
    expect(ids(filterComments(COMMENTS, { ...NO_FILTER, text: 'support slow' }))).toEqual(['c']);
    expect(ids(filterComments(COMMENTS, { ...NO_FILTER, text: 'cafe zoe' }))).toEqual(['a']);
    expect(ids(filterComments(COMMENTS, { ...NO_FILTER, text: 'pat@acme' }))).toEqual(['b']);
    expect(ids(filterComments(COMMENTS, { ...NO_FILTER, text: '<script>' }))).toEqual(['d']);
    expect(ids(filterComments(COMMENTS, { ...NO_FILTER, text: '   ' }))).toEqual(['a', 'b', 'c', 'd']);
    expect(isFiltering({ ...NO_FILTER, text: 'x' })).toBe(true);
  });

  it('offers only the roles and channels present', () => {
    const facets = commentFacets(COMMENTS);
    expect(facets.roles.sort()).toEqual(['end_user', 'executive', 'influencer']);
    expect(facets.channels.sort()).toEqual(['email', 'in_app', 'none']);
  });
});
