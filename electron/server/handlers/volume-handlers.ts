import type { volumeCalls } from '../../../shared/volume-contract.js';
import type { CallHandlers } from '../rpc/handler-types.js';
import type { VolumesService } from '../../engine/volumes/volumes-service.js';

/** Handlers for the volume entries of the contract (shared/volume-contract.ts). */
export function volumeCallHandlers(volumes: VolumesService): Pick<CallHandlers, keyof typeof volumeCalls> {
  return {
    'volumes.list': () => volumes.list(),
    'volumes.create': (input) => volumes.create(input),
    'volumes.remove': async ({ name }) => (await volumes.remove(name), null),
    'volumes.removeMany': ({ names }) => volumes.removeMany(names),
    'volumes.prunePreview': ({ label }) => volumes.prunePreview(label),
    'volumes.prune': ({ volumes: targets }) => volumes.prune(targets),
    'volumes.sizes': () => volumes.sizes(),
    'volumes.inspect': ({ name }) => volumes.inspect(name),
  };
}
