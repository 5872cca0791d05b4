import type { ReactNode } from 'react';
import { SearchIcon } from './icons.js';

export interface ViewToolbarProps {
  title: string;
  titleId: string;
  summary: ReactNode;
  filter: string;
  filterLabel: string;
  onFilter(text: string): void;
  /** Buttons shown before the filter box (e.g. "Run container…"). */
  actions?: ReactNode;
}

/** A view's title, a one-line summary and its filter box. */
export function ViewToolbar({ title, titleId, summary, filter, filterLabel, onFilter, actions }: ViewToolbarProps) {
  return (
    <div className="view-toolbar">
      <div className="view-title">
        <h1 id={titleId}>{title}</h1>
        <span className="view-summary">{summary}</span>
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 10 }}>
        {actions}
        <label className="filter">
          <SearchIcon className="filter-icon" />
          <input
            type="search"
            aria-label={filterLabel}
            placeholder="Filter…"
            value={filter}
            spellCheck={false}
            onChange={(e) => onFilter(e.currentTarget.value)}
          />
        </label>
      </div>
    </div>
  );
}
