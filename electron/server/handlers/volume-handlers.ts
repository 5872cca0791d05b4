import type { volumeCalls } from '../../../shared/volume-contract.js';
import type { CallHandlers } from '../rpc/handler-types.js';
import type { EngineConnection } from '../../engine/engine-connection.js';
import { VolumesService } from '../../engine/volumes/volumes-service.js';
import type { AppServices } from './app-services.js';

const volumesByConnection = new WeakMap<EngineConnection, VolumesService>();

function volumesOf(s: AppServices): VolumesService {
  let volumes = volumesByConnection.get(s.connection);
  if (!volumes) {
    volumes = new VolumesService(s.connection);
    volumesByConnection.set(s.connection, volumes);
  }
  return volumes;
}

/** Handlers for the volume entries of the contract (shared/volume-contract.ts). */
export function volumeCallHandlers(s: AppServices): Pick<CallHandlers, keyof typeof volumeCalls> {
  const volumes = volumesOf(s);
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
