import type { imageCalls, imageStreams } from '../../../shared/image-contract.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { EngineConnection } from '../../engine/engine-connection.js';
import { createImageServices, type ImageServices } from '../../engine/images/image-services.js';
import type { AppServices } from './app-services.js';

// Both handler functions below are called once at start-up; they must share one set of services
// (a login made through a call is used by a pull stream), so the set is kept per connection.
const servicesByConnection = new WeakMap<EngineConnection, ImageServices>();

function imageServices(s: AppServices): ImageServices {
  let services = servicesByConnection.get(s.connection);
  if (!services) {
    services = createImageServices(s.connection, s.registryLogins ? { loginStore: s.registryLogins } : {});
    servicesByConnection.set(s.connection, services);
  }
  return services;
}

/** Handlers for the image entries of the contract (shared/image-contract.ts). */
export function imageCallHandlers(s: AppServices): Pick<CallHandlers, keyof typeof imageCalls> {
  const images = imageServices(s);
  return {
    'images.tag': async ({ image, target }) => (await images.actions.tag(image, target), null),
    'images.untag': ({ reference }) => images.actions.untag(reference),
    'images.remove': ({ image, force, noPrune }) => images.actions.remove(image, { force, noPrune }),
    'images.prunePreview': (options) => images.actions.prunePreview(options),
    'images.prune': (options) => images.actions.prune(options),
    'images.login': ({ serverAddress, username, password }) => images.accounts.login(serverAddress, username, password),
    'images.logout': ({ serverAddress }) => images.accounts.logout(serverAddress),
    'images.accounts': () => images.accounts.list(),
    'images.credentialStorage': async () => images.accounts.storage(),
    'images.inspect': ({ image }) => images.insight.inspect(image),
    'images.history': ({ image }) => images.insight.history(image),
    'images.relations': ({ image }) => images.insight.relations(image),
    'images.layerFiles': ({ image, diffId, limit }) => images.insight.layerFiles(image, diffId, limit),
  };
}

export function imageStreamHandlers(s: AppServices): Pick<StreamHandlers, keyof typeof imageStreams> {
  const images = imageServices(s);
  return {
    'images.pull': ({ reference }, sink) => images.transfers.pull(reference, sink),
    'images.push': ({ reference }, sink) => images.transfers.push(reference, sink),
    'images.build': (input, sink) => images.builder.build(input, sink),
  };
}
