import type { NetworkPrunePreview, NetworkRemoval } from '../../../shared/network-types.js';
import { plural } from '../../lib/plural.js';
import { createPruneStore, type PruneState, type PruneStore } from '../../lib/prune-store.js';
import type { ActionRunner } from '../activity/action-runner.js';
import { networkCliRef } from './network-display.js';
import type { NetworksStore } from './networks-store.js';

export type NetworkPruneState = PruneState<NetworkPrunePreview, readonly NetworkRemoval[]>;
export type NetworkPruneStore = PruneStore<NetworkPrunePreview, readonly NetworkRemoval[]>;

/** Prune: a preview of exactly which networks, then exactly those removed by ID; the list reloads after. */
export function createNetworkPruneStore(run: ActionRunner, networks: NetworksStore): NetworkPruneStore {
  return createPruneStore({
    preview: () => run('networks.prunePreview', {}, { quiet: true, describe: (p) => plural(p.networks.length, 'unused network') }),
    hasWork: (preview) => preview.networks.length > 0,
    prune: (preview) => {
      const listed = networks.getState().items;
      return run(
        'networks.prune',
        { networks: preview.networks.map((n) => n.id) },
        {
          quiet: true,
          shownAs: { networks: preview.networks.map((n) => networkCliRef(n, listed)) },
          describe: (r) => `pruned ${r.filter((x) => x.removed).length} of ${r.length}`,
          failedIf: (r) => (r.some((x) => !x.removed) ? `${plural(r.filter((x) => !x.removed).length, 'network')} kept` : undefined),
        },
      );
    },
    afterPrune: () => networks.requestRefresh(),
  });
}
