import type { ContainerSummary } from '../../../shared/engine-types.js';
import { useStores } from '../../app/stores-context.js';
import { SelectionBar } from '../../components/selection-bar.js';
import { useContainersView } from './containers-view-context.js';

const idOf = (c: ContainerSummary): string => c.id;

/** Shown while rows are selected: act on all of them at once. */
export function BulkBar({ items }: { items: readonly ContainerSummary[] }) {
  const { containerActions } = useStores();
  const { selection } = useContainersView();
  const actions = containerActions.getState();
  return (
    <SelectionBar items={items} keyOf={idOf} selection={selection} label="Selected containers">
      {(selected) => (
        <>
          <button type="button" className="btn btn--small" onClick={() => void actions.stopMany(selected)}>
            Stop selected
          </button>
          <button type="button" className="btn btn--small btn--danger" onClick={() => actions.askRemoveMany(selected)}>
            Remove selected
          </button>
        </>
      )}
    </SelectionBar>
  );
}
