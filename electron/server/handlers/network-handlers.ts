import type { networkCalls } from '../../../shared/network-contract.js';
import type { CallHandlers } from '../rpc/handler-types.js';
import type { EngineConnection } from '../../engine/engine-connection.js';
import { NetworksService } from '../../engine/networks/networks-service.js';
import type { AppServices } from './app-services.js';

const networksByConnection = new WeakMap<EngineConnection, NetworksService>();

function networksOf(s: AppServices): NetworksService {
  let networks = networksByConnection.get(s.connection);
  if (!networks) {
    networks = new NetworksService(s.connection);
    networksByConnection.set(s.connection, networks);
  }
  return networks;
}

/** Handlers for the network entries of the contract (shared/network-contract.ts). */
export function networkCallHandlers(s: AppServices): Pick<CallHandlers, keyof typeof networkCalls> {
  const networks = networksOf(s);
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
