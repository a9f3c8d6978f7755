import { useMemo, useState } from 'react';
import type { RecentComment } from '../../lib/nps';
import { CommentFilters } from './CommentFilters';
import { commentFacets, filterComments, isFiltering, NO_FILTER, type CommentFilter, type CommentPage } from './comment-filter';
import { roleLabel, roleNoun, channelLabel, emotionLabel } from '../shared/labels';
import { useI18n } from '../shared/i18n';
import { currentInsight, themeLabel } from './panel-insights';
import type { Taxonomy } from '../../lib/insights/types';



const LONG = 240;
const PAGE = 20;

export interface CommentListProps {
  /** Newest first (as the account context gives them): the list filters and pages them itself. */
  comments?: RecentComment[];
  /**
   * Or a page the caller fetched (the panel: the background keeps the comments), with `onQuery` to ask
   * for another: a filter changed, or more comments (`limit`).
   */
  page?: CommentPage;
  onQuery?: (filter: CommentFilter, limit: number) => void;
  /** How many to show before "Show more comments". */
  limit?: number;
  /** Offer the category, role, channel and text filters. */
  filters?: boolean;
  /** Offers "Follow up" on each comment (creating an action linked to it). */
  onFollowUp?: (comment: RecentComment) => void;
  /** The key of current insight results (`lib/insights/key.ts`); results made with another are not shown. */
  insightsKey?: string | null;
  /** The taxonomy whose labels name the themes (the default when absent). */
  taxonomy?: Taxonomy;
  /** A filter held by the caller (the panel's insights set a theme); the list keeps its own otherwise. */
  filter?: CommentFilter;
  onFilterChange?: (filter: CommentFilter) => void;
}

/** What customers said, newest first. Comments are customer text: rendered as text, never markup. */
const FOLLOW_UP_KEY = { waiting: 'comments.followUp.waiting', in_progress: 'comments.followUp.inProgress', closed: 'comments.followUp.closed', none: 'comments.followUp.none' } as const;

/** Where the comment's follow-up stands; "none" is said to screen readers only. */
function FollowUpChip({ state }: { state: RecentComment['followUp'] }) {
  const { t } = useI18n();
  return (
    <span data-testid="comment-followup" data-state={state} className={state === 'none' ? 'visually-hidden' : `chip followup-${state}`}>
      {t(FOLLOW_UP_KEY[state])}
    </span>
  );
}

export function CommentList({ comments, page, onQuery, limit = PAGE, filters = false, onFollowUp, insightsKey = null, taxonomy, filter: heldFilter, onFilterChange }: CommentListProps) {
  const { t, f } = useI18n();
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  const [ownFilter, setOwnFilter] = useState<CommentFilter>(NO_FILTER);
  const filter = heldFilter ?? ownFilter;
  const setFilter = onFilterChange ?? setOwnFilter;
  const [pages, setPages] = useState(1);
  const all = useMemo(() => comments ?? [], [comments]);
  const facets = useMemo(() => page?.facets ?? commentFacets(all, insightsKey), [page, all, insightsKey]);
  const matchingHere = useMemo(() => (page ? [] : filters ? filterComments(all, filter, insightsKey) : all), [page, all, filter, filters, insightsKey]);
  const total = page ? page.total : all.length;
  const matching = page ? page.matching : matchingHere.length;
  const shown = page ? page.items : matchingHere.slice(0, limit * pages);
  const more = () => {
    setPages((p) => p + 1);
    // A fetched page: one page more than shown (the caller may have changed the filter meanwhile).
    onQuery?.(filter, shown.length + limit);
  };
  const toggle = (id: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <section aria-labelledby="comments-heading">
      <h2 id="comments-heading">
        {filters && isFiltering(filter) ? t('comments.headingFiltered', { shown: matching, total }) : t('comments.heading', { total })}
      </h2>
      {filters && total > 1 && (
        <CommentFilters
          filter={filter}
          onChange={(f) => {
            setFilter(f);
            setPages(1);
            onQuery?.(f, limit);
          }}
          facets={facets}
          themeLabel={(id) => themeLabel(id, taxonomy)}
        />
      )}
      {total === 0 && <p className="muted small">{t('comments.none')}</p>}
      {total > 0 && matching === 0 && (
        <p className="muted small" role="status">
          {t('comments.noMatch')}
        </p>
      )}
      <ul className="list comments">
        {shown.map((c) => {
          const isOpen = expanded.has(c.responseId);
          const long = c.comment.length > LONG;
          const text = long && !isOpen ? `${c.comment.slice(0, LONG)}…` : c.comment;
          const who = c.respondentName ?? c.respondentEmail;
          return (
            <li key={c.responseId} data-testid="comment-item" data-response-id={c.responseId} className="comment">
              <div className="comment-meta small">
                <span className="visually-hidden">{t('comments.score')}</span>
                <span data-testid="comment-score" className={`score ${c.category}`}>
                  {c.score}
                </span>
                <span data-testid="comment-role">{roleLabel(t, c.role)}</span>
                {who && (
                  <span className="muted comment-who" title={c.respondentEmail ?? undefined}>
                    {who}
                  </span>
                )}
                <time data-testid="comment-date" className="muted" dateTime={new Date(c.respondedAt).toISOString()}>
                  {f.date(c.respondedAt)}
                </time>
                {c.channel && (
                  <span data-testid="comment-channel" className="muted">
                    {channelLabel(t, c.channel)}
                  </span>
                )}
                <FollowUpChip state={c.followUp} />
              </div>
              <p data-testid="comment-text" className="comment-text">
                {text}
              </p>
              <CommentChips comment={c} insightsKey={insightsKey} taxonomy={taxonomy} />
              <div className="comment-tools">
                {long && (
                  <button type="button" className="link small" aria-expanded={isOpen} onClick={() => toggle(c.responseId)}>
                    {t(isOpen ? 'comments.showLess' : 'comments.showMore')}
                  </button>
                )}
                {onFollowUp && (
                  <button
                    type="button"
                    className="link small"
                    onClick={() => onFollowUp(c)}
                    aria-label={t('comments.followUpLabel', { who: who ?? roleNoun(t, c.role), date: f.date(c.respondedAt) })}
                    data-testid="comment-follow-up"
                  >
                    {t('comments.followUpButton')}
                  </button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {matching > shown.length && (
        <button type="button" className="btn small" onClick={more}>
          {t('comments.more', { n: matching - shown.length })}
        </button>
      )}
    </section>
  );
}

/**
 * What was read from one comment: its themes and emotions as chips, each with the comment's own words
 * that show it (as text), and the comment's tags and survey.
 */
function CommentChips({ comment, insightsKey, taxonomy }: { comment: RecentComment; insightsKey: string | null; taxonomy?: Taxonomy }) {
  const { t } = useI18n();
  const insight = insightsKey === null ? comment.insight : currentInsight(comment.insight, insightsKey);
  const themes = insight?.analysed ? insight.themes : [];
  const emotions = insight?.analysed ? insight.emotions : [];
  if (themes.length + emotions.length + comment.tags.length === 0 && !comment.survey) return null;
  const evidence = (words: string[]) => (words.length ? ` “${words.join('”, “')}”` : '');
  return (
    <ul className="chips small" aria-label={t('comments.readFrom')}>
      {themes.map((t) => (
        <li key={`t-${t.id}`} className="chip theme" data-testid="comment-theme" data-theme-id={t.id}>
          {themeLabel(t.id, taxonomy)}
          <span className="muted">{evidence(t.evidence)}</span>
        </li>
      ))}
      {emotions.map((e) => (
        <li key={`e-${e.id}`} className="chip emotion" data-testid="comment-emotion" data-emotion-id={e.id}>
          {emotionLabel(t, e.id)}
          <span className="muted">{evidence(e.evidence)}</span>
        </li>
      ))}
      {comment.tags.map((tag) => (
        <li key={`g-${tag}`} className="chip tag" data-testid="comment-tag">
          #{tag}
        </li>
      ))}
      {comment.survey && (
        <li className="chip survey muted" data-testid="comment-survey">
          {comment.survey}
        </li>
      )}
    </ul>
  );
}
