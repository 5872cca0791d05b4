import type { z } from 'zod';
import { containerRefSchema } from './container-ref.js';
import { engineCalls, engineStreams } from './engine-contract.js';
import { enginesCalls, enginesStreams } from './engines-contract.js';
import { containerCalls, containerStreams } from './container-contract.js';
import { imageCalls, imageStreams } from './image-contract.js';
import { filesCalls, filesStreams } from './files-contract.js';
import { logsCalls, logsStreams } from './logs-contract.js';
import { volumeCalls } from './volume-contract.js';
import { networkCalls } from './network-contract.js';
import { terminalCalls, terminalStreams } from './terminal-contract.js';
import { liveStreams } from './live-contract.js';
import { statsWatchCalls, statsWatchStreams } from './stats-watch-contract.js';
import { robotRunCalls } from './robot-run-contract.js';
import { composeCalls, composeStreams } from './compose-contract.js';
import { engineMapCalls, engineMapStreams } from './engine-map-contract.js';
import { learnCalls, learnStreams } from './learn-contract.js';

export { containerRefSchema };
export { containerNameSchema, repositorySchema, tagSchema } from './container-contract.js';
export { terminalSessionIdSchema } from './terminal-contract.js';

/**
 * The one list of everything the renderer can ask of the main side, one file per area. The
 * Electron IPC handlers, the preload bridge and the WebSocket server are all generated from it.
 */
export const calls = {
  ...engineCalls,
  ...enginesCalls,
  ...containerCalls,
  ...imageCalls,
  ...filesCalls,
  ...logsCalls,
  ...volumeCalls,
  ...networkCalls,
  ...terminalCalls,
  ...statsWatchCalls,
  ...robotRunCalls,
  ...composeCalls,
  ...engineMapCalls,
  ...learnCalls,
} as const;

export const streams = {
  ...liveStreams,
  ...enginesStreams,
  ...imageStreams,
  ...filesStreams,
  ...engineStreams,
  ...logsStreams,
  ...containerStreams,
  ...terminalStreams,
  ...statsWatchStreams,
  ...composeStreams,
  ...engineMapStreams,
  ...learnStreams,
} as const;

export type Calls = typeof calls;
export type Streams = typeof streams;
export type CallName = keyof Calls;
export type StreamName = keyof Streams;
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;
export type StreamInput<K extends StreamName> = z.input<Streams[K]['input']>;
export type StreamMessage<K extends StreamName> = z.output<Streams[K]['message']>;

export const callNames = Object.keys(calls) as CallName[];
export const streamNames = Object.keys(streams) as StreamName[];

export function isCallName(name: unknown): name is CallName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
}

export function isStreamName(name: unknown): name is StreamName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(streams, name);
}

/** The `docker` command line a call equals, quoted for a POSIX shell, for teaching; undefined when there is none. */
export function cliEquivalent<K extends CallName>(name: K, input: CallInput<K>): string | undefined {
  const def = calls[name] as { cli?: (i: CallInput<K>) => string };
  return def.cli?.(input);
}

/** The `docker` command line a stream equals, quoted for a POSIX shell; undefined when there is none. */
export function streamCliEquivalent<K extends StreamName>(name: K, input: StreamInput<K>): string | undefined {
  const def = streams[name] as { cli?: (i: StreamInput<K>) => string };
  return def.cli?.(input);
}
