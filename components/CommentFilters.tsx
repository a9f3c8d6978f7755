import { useId } from 'react';
import type { Channel, Role } from '../lib/model';
import type { NpsCategory } from '../lib/nps';
import type { CommentFilter } from './comment-filter';
import { CHANNEL_LABEL } from './Distribution';
import { ROLE_LABEL } from './RoleTable';

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
        <label>
          <span className="visually-hidden">Category</span>
          <select
            value={filter.category}
            onChange={(e) => onChange({ ...filter, category: e.target.value as CommentFilter['category'] })}
            data-testid="comment-filter-category"
          >
            <option value="all">All scores</option>
            {(Object.keys(CATEGORY_LABEL) as NpsCategory[]).map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABEL[c]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">Role</span>
          <select
            value={filter.role}
            onChange={(e) => onChange({ ...filter, role: e.target.value as CommentFilter['role'] })}
            data-testid="comment-filter-role"
          >
            <option value="all">All roles</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="visually-hidden">Channel</span>
          <select
            value={filter.channel}
            onChange={(e) => onChange({ ...filter, channel: e.target.value as CommentFilter['channel'] })}
            data-testid="comment-filter-channel"
          >
            <option value="all">All channels</option>
            {channels.map((c) => (
              <option key={c} value={c}>
                {c === 'none' ? CHANNEL_LABEL.unspecified : CHANNEL_LABEL[c]}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}
