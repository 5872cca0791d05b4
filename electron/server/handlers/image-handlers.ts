import type { imageCalls, imageStreams } from '../../../shared/image-contract.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { ImageServices } from '../../engine/images/image-services.js';
import type { ImagesService } from '../../engine/images-service.js';

/** Handlers for the image entries of the contract (shared/image-contract.ts). */
export function imageCallHandlers(images: ImageServices, list: ImagesService): Pick<CallHandlers, keyof typeof imageCalls> {
  return {
    'images.list': () => list.list(),
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

export function imageStreamHandlers(images: ImageServices): Pick<StreamHandlers, keyof typeof imageStreams> {
  return {
    'images.pull': ({ reference }, sink) => images.transfers.pull(reference, sink),
    'images.push': ({ reference }, sink) => images.transfers.push(reference, sink),
    'images.build': (input, sink) => images.builder.build(input, sink),
  };
}
