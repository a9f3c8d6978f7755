import { useId } from 'react';
import type { Channel, Role } from '../../lib/model';
import type { NpsCategory } from '../../lib/nps';
import type { CommentFacets, CommentFilter } from './comment-filter';
import { roleLabel, channelLabel, emotionLabel } from '../shared/labels';
import { useI18n } from '../shared/i18n';
import type { MessageKey } from '../../lib/i18n';
import { themeLabel as defaultThemeLabel } from './panel-insights';



const CATEGORY_KEY: Record<NpsCategory, MessageKey> = { promoter: 'filters.promoters', passive: 'filters.passives', detractor: 'filters.detractors' };
const SENTIMENTS = ['positive', 'negative', 'neutral', 'mixed'];

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
  const { t } = useI18n();
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
    <div className="comment-filters small" role="search" aria-label={t('filters.label')}>
      <label htmlFor={`${id}-text`} className="visually-hidden">
        {t('filters.search')}
      </label>
      <input
        id={`${id}-text`}
        className="input"
        type="search"
        placeholder={t('filters.search')}
        value={filter.text}
        onChange={(e) => onChange({ ...filter, text: e.target.value })}
        data-testid="comment-search"
      />
      <div className="filter-row">
        <FilterSelect
          label={t('filters.category')}
          value={filter.category}
          options={[['all', t('filters.allScores')], ...(Object.keys(CATEGORY_KEY) as NpsCategory[]).map((c) => [c, t(CATEGORY_KEY[c])] as const)]}
          onChange={(category) => onChange({ ...filter, category })}
          testId="comment-filter-category"
        />
        <FilterSelect
          label={t('filters.role')}
          value={filter.role}
          options={[['all', t('filters.allRoles')], ...roles.map((r) => [r, roleLabel(t, r)] as const)]}
          onChange={(role) => onChange({ ...filter, role })}
          testId="comment-filter-role"
        />
        <FilterSelect
          label={t('filters.channel')}
          value={filter.channel}
          options={[['all', t('filters.allChannels')], ...channels.map((c) => [c, channelLabel(t, c === 'none' ? 'unspecified' : c)] as const)]}
          onChange={(channel) => onChange({ ...filter, channel })}
          testId="comment-filter-channel"
        />
        {optional('theme', facets.themes, t('filters.allThemes'), (id) => themeLabel(id))}
        {optional('emotion', facets.emotions, t('filters.allEmotions'), (id) => emotionLabel(t, id))}
        {optional('sentiment', facets.sentiments, t('filters.anySentiment'), (id) => (SENTIMENTS.includes(id) ? t(`sentiment.${id}` as MessageKey) : id))}
        {optional('tag', facets.tags, t('filters.allTags'), (tag) => tag)}
        {optional('survey', facets.surveys, t('filters.allSurveys'), (survey) => survey)}
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
