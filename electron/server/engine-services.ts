import { ComposeService } from '../engine/compose/compose-service.js';
import { ContainerFiles } from '../engine/containers/container-files.js';
import { ContainerStreams } from '../engine/containers/container-streams.js';
import { ContainersService } from '../engine/containers/containers-service.js';
import type { EngineConnection } from '../engine/engine-connection.js';
import { createImageServices, type ImageServices, type ImageServicesOptions } from '../engine/images/image-services.js';
import { ImagesService } from '../engine/images-service.js';
import { EngineLiveModel } from '../engine/live/engine-live-model.js';
import { EngineMapService } from '../engine/map/engine-map-service.js';
import { NetworksService } from '../engine/networks/networks-service.js';
import { TerminalSessions } from '../engine/terminal/terminal-sessions.js';
import { DebugShells } from '../engine/terminal/debug-shells.js';
import { VolumesService } from '../engine/volumes/volumes-service.js';
import { toRpcError } from '../engine/to-rpc-error.js';

/**
 * Every service of one engine connection, built once: calls and streams of an area share one
 * instance (a login made by a call is used by a pull stream; an upload begun by a call is finished
 * by the next one).
 */
export interface EngineServices {
  /** The engine's id in the app's map ('local' today). */
  readonly id: string;
  readonly connection: EngineConnection;
  readonly containers: ContainersService;
  readonly containerStreams: ContainerStreams;
  /** The image list (`docker images`). */
  readonly imageList: ImagesService;
  /** Tag, remove, prune, inspect, pull, push, build and registry logins; one credential store. */
  readonly images: ImageServices;
  readonly volumes: VolumesService;
  readonly networks: NetworksService;
  readonly files: ContainerFiles;
  readonly terminals: TerminalSessions;
  /** Toolbox shells into containers that have none; their toolboxes are swept when the engine answers. */
  readonly debugShells: DebugShells;
  /** Containers, images, volumes and networks kept live from the engine's events, shared by every watching client. */
  readonly live: EngineLiveModel;
  /** Images as layer chains and containers on them, rebuilt from the live model while watched. */
  readonly map: EngineMapService;
  /** Compose stacks, run through the real Compose program against this engine. */
  readonly compose: ComposeService;
  /** A client left: nothing it started on this engine stays (terminals, uploads, downloads). */
  disposeClient(clientId: string): void;
  /** Ends terminals, file transfers, stats and watch streams, then closes the connection. Never rejects. */
  close(): Promise<void>;
}

export interface EngineServicesOptions {
  /** Where registry logins are kept and where credentials are read from; see createImageServices. */
  readonly images?: ImageServicesOptions;
}

/** The app's engines by id. One ('local') today; each call is served by the services of the engine it targets. */
export type EngineServicesMap = ReadonlyMap<string, EngineServices>;

/** Builds the services of one engine connection; the caller connects it. */
export function createEngineServices(connection: EngineConnection, options: EngineServicesOptions = {}): EngineServices {
  const containerStreams = new ContainerStreams(connection);
  const files = new ContainerFiles(connection);
  const terminals = new TerminalSessions(connection);
  const live = new EngineLiveModel(connection);
  const compose = new ComposeService(connection);
  const map = new EngineMapService(connection, live);
  // Listed as soon as the engine connects, so the first window's lists come from memory.
  live.start();
  let closing: Promise<void> | undefined;
  return {
    id: connection.id,
    connection,
    containers: new ContainersService(connection),
    containerStreams,
    imageList: new ImagesService(connection),
    images: createImageServices(connection, options.images),
    volumes: new VolumesService(connection),
    networks: new NetworksService(connection),
    files,
    terminals,
    debugShells: new DebugShells(connection, terminals),
    live,
    map,
    compose,
    disposeClient(clientId) {
      terminals.disposeClient(clientId);
      files.disposeClient(clientId);
      compose.disposeClient(clientId);
    },
    close() {
      closing ??= (async () => {
        // Transfers first: an open download locks its container, and ending a terminal execs in it.
        // One failing step must not keep the others (or the connection) open.
        const steps: Array<() => unknown> = [
          () => files.closeAll(),
          () => compose.closeAll(),
          () => containerStreams.closeStats(),
          () => terminals.closeAll(),
          () => map.close(),
          () => live.close(),
        ];
        for (const step of steps) {
          try {
            await step();
          } catch (err) {
            console.error(`[berth] closing engine ${connection.id}: ${toRpcError(err).message}`);
          }
        }
        connection.close();
      })();
      return closing;
    },
  };
}
