import { useEffect } from 'react';
import { useStore } from 'zustand';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { useStores } from '../../app/stores-context.js';
import { useContainersView } from './containers-view-context.js';

/** Shown while rows are selected: act on all of them at once. */
export function BulkBar({ items }: { items: readonly ContainerSummary[] }) {
  const { containerActions } = useStores();
  const { selection } = useContainersView();
  const selectedIds = useStore(selection, (s) => s.selected);
  useEffect(() => {
    selection.getState().retain(new Set(items.map((c) => c.id)));
  }, [items, selection]);
  const selected = items.filter((c) => selectedIds.has(c.id));
  if (selected.length === 0) return null;
  const actions = containerActions.getState();
  return (
    <div className="cd-bulk-bar" role="toolbar" aria-label="Selected containers">
      <span>
        <strong>{selected.length}</strong> selected
      </span>
      <button type="button" className="btn btn--small" onClick={() => void actions.stopMany(selected)}>
        Stop selected
      </button>
      <button type="button" className="btn btn--small btn--danger" onClick={() => actions.askRemoveMany(selected)}>
        Remove selected
      </button>
      <button type="button" className="btn btn--small" onClick={() => selection.getState().clear()}>
        Clear selection
      </button>
    </div>
  );
}
