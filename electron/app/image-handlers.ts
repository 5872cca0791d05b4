import type { imageCalls, imageStreams } from '../../shared/image-contract.js';
import { BerthError } from '../../shared/errors.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { AppServices } from './create-handlers.js';

// Temporary while the image services are written: every entry answers "not implemented".
const notYet = (): never => {
  throw new BerthError({ code: 'INTERNAL', message: 'Not implemented yet' });
};

/** Handlers for the image entries of the contract (shared/image-contract.ts). */
export function imageCallHandlers(_s: AppServices): Pick<CallHandlers, keyof typeof imageCalls> {
  return {
    'images.tag': async () => notYet(),
    'images.untag': async () => notYet(),
    'images.remove': async () => notYet(),
    'images.prunePreview': async () => notYet(),
    'images.prune': async () => notYet(),
    'images.login': async () => notYet(),
    'images.logout': async () => notYet(),
    'images.accounts': async () => notYet(),
    'images.inspect': async () => notYet(),
    'images.history': async () => notYet(),
    'images.relations': async () => notYet(),
    'images.layerFiles': async () => notYet(),
  };
}

export function imageStreamHandlers(_s: AppServices): Pick<StreamHandlers, keyof typeof imageStreams> {
  return {
    'images.pull': () => notYet(),
    'images.push': () => notYet(),
    'images.build': () => notYet(),
  };
}
