import type { networkCalls } from '../../../shared/network-contract.js';
import type { CallHandlers } from '../rpc/handler-types.js';
import type { NetworksService } from '../../engine/networks/networks-service.js';

/** Handlers for the network entries of the contract (shared/network-contract.ts). */
export function networkCallHandlers(networks: NetworksService): Pick<CallHandlers, keyof typeof networkCalls> {
  return {
    'networks.list': () => networks.list(),
    'networks.inspect': ({ network }) => networks.inspect(network),
    'networks.create': (input) => networks.create(input),
    'networks.remove': async ({ network }) => (await networks.remove(network), null),
    'networks.removeMany': ({ networks: refs }) => networks.removeMany(refs),
    'networks.prune': ({ networks: ids }) => networks.prune(ids),
    'networks.prunePreview': () => networks.prunePreview(),
    'networks.connect': async ({ network, container, ipv4Address }) => (await networks.connect(network, container, ipv4Address), null),
    'networks.disconnect': async ({ network, container }) => (await networks.disconnect(network, container), null),
  };
}
