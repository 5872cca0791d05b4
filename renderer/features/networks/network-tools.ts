import type { ActionRunner } from '../activity/action-runner.js';
import { createNetworkActionsStore, type ActionsStore } from './network-actions-store.js';
import { createNetworkCreateStore, type CreateStore } from './network-create-store.js';
import { createNetworkDetailStore, type DetailStore } from './network-detail-store.js';
import { createNetworkPruneStore, type NetworkPruneStore } from './network-prune-store.js';
import { createRowSelectionStore, type RowSelectionStore } from '../../lib/row-selection-store.js';
import type { NetworksStore } from './networks-store.js';

/** The networks view's stores beside the list itself. */
export interface NetworkTools {
  create: CreateStore;
  actions: ActionsStore;
  prune: NetworkPruneStore;
  selection: RowSelectionStore;
  detail: DetailStore;
  /** Stops the detail pane following the list. */
  dispose(): void;
}

export function createNetworkTools({ run, networks }: { run: ActionRunner; networks: NetworksStore }): NetworkTools {
  const selection = createRowSelectionStore();
  const refresh = (): void => networks.requestRefresh();
  const detail = createNetworkDetailStore(run, networks);
  return {
    create: createNetworkCreateStore(run, refresh),
    actions: createNetworkActionsStore(run, networks, (ids) => selection.getState().setMany(ids, false)),
    prune: createNetworkPruneStore(run, networks),
    selection,
    detail,
    dispose: () => detail.dispose(),
  };
}
