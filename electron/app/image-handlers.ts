import type { imageCalls, imageStreams } from '../../shared/image-contract.js';
import type { CallHandlers, StreamHandlers } from '../rpc/handler-types.js';
import type { AppServices } from './create-handlers.js';

/** Handlers for the image entries of the contract (shared/image-contract.ts). */
export function imageCallHandlers(_s: AppServices): Pick<CallHandlers, keyof typeof imageCalls> {
  return {};
}

export function imageStreamHandlers(_s: AppServices): Pick<StreamHandlers, keyof typeof imageStreams> {
  return {};
}
