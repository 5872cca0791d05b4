import type { ReactNode } from 'react';
import { SearchIcon } from './icons.js';

export interface ViewToolbarProps {
  title: string;
  titleId: string;
  summary: ReactNode;
  filter: string;
  filterLabel: string;
  onFilter(text: string): void;
}

/** A view's title, a one-line summary and its filter box. */
export function ViewToolbar({ title, titleId, summary, filter, filterLabel, onFilter }: ViewToolbarProps) {
  return (
    <div className="view-toolbar">
      <div className="view-title">
        <h1 id={titleId}>{title}</h1>
        <span className="view-summary">{summary}</span>
      </div>
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
  );
}
