import { useEffect, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { RowSelectionState } from '../lib/row-selection-store.js';

type ReadableSelection = Pick<StoreApi<RowSelectionState>, 'getState' | 'getInitialState' | 'subscribe'>;

/**
 * Shown while rows of a list are ticked: how many, the bulk actions `children` renders for them,
 * and Clear. Ticks of rows that left the list are forgotten.
 */
export function SelectionBar<T>({
  items,
  keyOf,
  selection,
  label,
  children,
}: {
  items: readonly T[];
  keyOf: (item: T) => string;
  selection: ReadableSelection;
  /** What the toolbar is called to a screen reader, e.g. "Selected volumes". */
  label: string;
  children: (selected: readonly T[]) => ReactNode;
}) {
  const selectedKeys = useStore(selection, (s) => s.selected);
  useEffect(() => {
    selection.getState().retain(new Set(items.map(keyOf)));
  }, [items, keyOf, selection]);
  const selected = items.filter((item) => selectedKeys.has(keyOf(item)));
  if (selected.length === 0) return null;
  return (
    <div className="cd-bulk-bar" role="toolbar" aria-label={label}>
      <span>
        <strong>{selected.length}</strong> selected
      </span>
      {children(selected)}
      <button type="button" className="btn btn--small" onClick={() => selection.getState().clear()}>
        Clear selection
      </button>
    </div>
  );
}
