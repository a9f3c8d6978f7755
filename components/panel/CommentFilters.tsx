import { useId } from 'react';
import type { Channel, Role } from '../../lib/model';
import type { NpsCategory } from '../../lib/nps';
import type { CommentFacets, CommentFilter } from './comment-filter';
import { ROLE_LABEL, CHANNEL_LABEL, EMOTION_LABEL, SENTIMENT_LABEL } from '../shared/labels';
import { themeLabel as defaultThemeLabel } from './panel-insights';



const CATEGORY_LABEL: Record<NpsCategory, string> = { promoter: 'Promoters', passive: 'Passives', detractor: 'Detractors' };

/**
 * Text search and the filters over the comments: category, role, channel, and where present theme,
 * emotion, sentiment (what was read from the comment), tag and survey.
 */
export function CommentFilters({
  filter,
  onChange,
  facets,
  themeLabel = defaultThemeLabel,
}: {
  themeLabel?: (id: string) => string;
  filter: CommentFilter;
  onChange: (filter: CommentFilter) => void;
  facets: Pick<CommentFacets, 'themes' | 'emotions' | 'sentiments' | 'tags' | 'surveys'> & { roles: Role[]; channels: Array<Channel | 'none'> };
}) {
  const { roles, channels } = facets;
  const optional = (
    key: 'theme' | 'emotion' | 'sentiment' | 'tag' | 'survey',
    values: string[],
    all: string,
    label: (v: string) => string,
  ) =>
    values.length > 0 || filter[key] !== 'all' ? (
      <FilterSelect
        label={all}
        value={filter[key]}
        options={[['all', all], ...values.map((v) => [v, label(v)] as const)]}
        onChange={(value) => onChange({ ...filter, [key]: value })}
        testId={`comment-filter-${key}`}
      />
    ) : null;
  const id = useId();
  return (
    <div className="comment-filters small" role="search" aria-label="Filter comments">
      <label htmlFor={`${id}-text`} className="visually-hidden">
        Search comments
      </label>
      <input
        id={`${id}-text`}
        className="input"
        type="search"
        placeholder="Search comments"
        value={filter.text}
        onChange={(e) => onChange({ ...filter, text: e.target.value })}
        data-testid="comment-search"
      />
      <div className="filter-row">
        <FilterSelect
          label="Category"
          value={filter.category}
          options={[['all', 'All scores'], ...(Object.keys(CATEGORY_LABEL) as NpsCategory[]).map((c) => [c, CATEGORY_LABEL[c]] as const)]}
          onChange={(category) => onChange({ ...filter, category })}
          testId="comment-filter-category"
        />
        <FilterSelect
          label="Role"
          value={filter.role}
          options={[['all', 'All roles'], ...roles.map((r) => [r, ROLE_LABEL[r]] as const)]}
          onChange={(role) => onChange({ ...filter, role })}
          testId="comment-filter-role"
        />
        <FilterSelect
          label="Channel"
          value={filter.channel}
          options={[['all', 'All channels'], ...channels.map((c) => [c, c === 'none' ? CHANNEL_LABEL.unspecified : CHANNEL_LABEL[c]] as const)]}
          onChange={(channel) => onChange({ ...filter, channel })}
          testId="comment-filter-channel"
        />
        {optional('theme', facets.themes, 'All themes', (id) => themeLabel(id))}
        {optional('emotion', facets.emotions, 'All emotions', (id) => EMOTION_LABEL[id] ?? id)}
        {optional('sentiment', facets.sentiments, 'Any sentiment', (id) => SENTIMENT_LABEL[id] ?? id)}
        {optional('tag', facets.tags, 'All tags', (t) => t)}
        {optional('survey', facets.surveys, 'All surveys', (t) => t)}
      </div>
    </div>
  );
}

/** One labelled filter: a select over `[value, label]` options. */
function FilterSelect<V extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: V;
  options: ReadonlyArray<readonly [V, string]>;
  onChange: (value: V) => void;
  testId: string;
}) {
  return (
    <label>
      <span className="visually-hidden">{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as V)} data-testid={testId}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}
