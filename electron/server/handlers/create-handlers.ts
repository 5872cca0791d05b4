import type { HandlerTable } from '../rpc/handler-types.js';
import type { EngineServices } from '../engine-services.js';
import { containerCallHandlers, containerStreamHandlers } from './container-handlers.js';
import { engineCallHandlers, engineStreamHandlers } from './engine-handlers.js';
import { filesCallHandlers, filesStreamHandlers } from './files-handlers.js';
import { imageCallHandlers, imageStreamHandlers } from './image-handlers.js';
import { logsCallHandlers, logsStreamHandlers } from './logs-handlers.js';
import { networkCallHandlers } from './network-handlers.js';
import { terminalCallHandlers, terminalStreamHandlers, type TerminalPolicy } from './terminal-handlers.js';
import { volumeCallHandlers } from './volume-handlers.js';
import { liveStreamHandlers } from './live-handlers.js';
import { statsWatchCallHandlers, statsWatchStreamHandlers } from './stats-watch-handlers.js';
import { robotRunCallHandlers } from './robot-run-handlers.js';
import { composeCallHandlers, composeStreamHandlers } from './compose-handlers.js';
import { engineMapCallHandlers, engineMapStreamHandlers } from './engine-map-handlers.js';
import { learnCallHandlers, learnStreamHandlers } from './learn-handlers.js';

export type { TerminalPolicy };

/**
 * The contract's implementation over one engine's services: one handler file per contract area,
 * each given only the services it uses. Every entry runs against `engine`.
 */
export function createHandlers(engine: EngineServices, policy: TerminalPolicy): HandlerTable {
  return {
    calls: {
      ...engineCallHandlers(engine.connection),
      ...containerCallHandlers(engine.containers, engine.connection),
      ...imageCallHandlers(engine.images, engine.imageList),
      ...filesCallHandlers(engine.files),
      ...logsCallHandlers(engine.containerStreams),
      ...statsWatchCallHandlers(engine.containerStreams),
      ...volumeCallHandlers(engine.volumes),
      ...networkCallHandlers(engine.networks),
      ...terminalCallHandlers(engine.terminals, engine.connection, policy),
      ...robotRunCallHandlers(engine.connection, engine.debugShells),
      ...composeCallHandlers(engine),
      ...engineMapCallHandlers(engine),
      ...learnCallHandlers(engine),
    },
    streams: {
      ...liveStreamHandlers(engine.live),
      ...imageStreamHandlers(engine.images),
      ...filesStreamHandlers(engine.files),
      ...engineStreamHandlers(engine.connection),
      ...logsStreamHandlers(engine.containerStreams),
      ...statsWatchStreamHandlers(engine.containerStreams),
      ...containerStreamHandlers(engine.containerStreams),
      ...terminalStreamHandlers(engine.terminals),
      ...composeStreamHandlers(engine),
      ...engineMapStreamHandlers(engine),
      ...learnStreamHandlers(engine),
    },
    disposeClient: (clientId) => engine.disposeClient(clientId),
  };
}
