import { useId } from 'react';
import type { Channel, Role } from '../../lib/model';
import type { NpsCategory } from '../../lib/nps';
import type { CommentFilter } from './comment-filter';
import { ROLE_LABEL, CHANNEL_LABEL } from '../shared/labels';



const CATEGORY_LABEL: Record<NpsCategory, string> = { promoter: 'Promoters', passive: 'Passives', detractor: 'Detractors' };

/** Text search and the category, role and channel filters over the comments. */
export function CommentFilters({
  filter,
  onChange,
  roles,
  channels,
}: {
  filter: CommentFilter;
  onChange: (filter: CommentFilter) => void;
  roles: Role[];
  channels: Array<Channel | 'none'>;
}) {
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
