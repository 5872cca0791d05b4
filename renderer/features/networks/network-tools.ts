import type { ActionRunner } from '../activity/action-runner.js';
import { createActionsStore, type ActionsStore } from './network-actions-store.js';
import { createCreateStore, type CreateStore } from './network-create-store.js';
import { createDetailStore, type DetailStore } from './network-detail-store.js';
import { createPruneStore, type PruneStore } from './network-prune-store.js';
import { createRowSelectionStore, type RowSelectionStore } from '../../lib/row-selection-store.js';
import type { NetworksStore } from './networks-store.js';

/** The networks view's stores beside the list itself. */
export interface NetworkTools {
  create: CreateStore;
  actions: ActionsStore;
  prune: PruneStore;
  selection: RowSelectionStore;
  detail: DetailStore;
}

export function createNetworkTools({ run, networks }: { run: ActionRunner; networks: NetworksStore }): NetworkTools {
  const selection = createRowSelectionStore();
  const refresh = (): void => networks.requestRefresh();
  return {
    create: createCreateStore(run, refresh),
    actions: createActionsStore(run, networks, (ids) => selection.getState().setMany(ids, false)),
    prune: createPruneStore(run, networks),
    selection,
    detail: createDetailStore(run, networks),
  };
}
