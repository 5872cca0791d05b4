import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import { useStores } from '../../app/stores-context.js';
import { createContainerStatsStore, type ContainerStatsStore } from './container-stats-store.js';
import { exposeContainerStatsHook } from './container-stats-test-hook.js';
import type { ShownContainer } from './watched-ids.js';

function subscribeVisibility(onChange: () => void): () => void {
  document.addEventListener('visibilitychange', onChange);
  return () => document.removeEventListener('visibilitychange', onChange);
}

/**
 * The containers table's stats: a store that lives as long as the table, fed the rows on screen
 * (none while the window is hidden), stopped when the table goes. `show` takes the table's rows
 * on screen; `containerOf` picks the container a row is, if any (a group header is none).
 */
export function useContainerStatsWatch<Row>(containerOf: (row: Row) => ContainerSummary | undefined): {
  store: ContainerStatsStore;
  show: (rows: readonly Row[]) => void;
} {
  const { client } = useStores();
  const [store] = useState(() => createContainerStatsStore(client));
  const visible = useSyncExternalStore(subscribeVisibility, () => document.visibilityState !== 'hidden');
  const shown = useRef<readonly ShownContainer[]>([]);
  const pick = useRef(containerOf);
  pick.current = containerOf;

  useEffect(() => {
    store.getState().show(visible ? shown.current : []);
  }, [store, visible]);
  useEffect(() => exposeContainerStatsHook(store), [store]);
  useEffect(() => () => store.getState().stop(), [store]);

  const show = useCallback(
    (rows: readonly Row[]) => {
      const containers: ShownContainer[] = [];
      for (const row of rows) {
        const c = pick.current(row);
        if (c) containers.push(c);
      }
      shown.current = containers;
      if (document.visibilityState !== 'hidden') store.getState().show(containers);
    },
    [store],
  );
  return { store, show };
}
