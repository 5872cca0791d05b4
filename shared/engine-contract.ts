import { z } from 'zod';
import { defineCall, defineStream } from './contract-kit.js';
import { connectionStatusSchema, engineEventSchema } from './engine-types.js';

const noInput = z.strictObject({});

/** Contract entries for the engine connection itself. Spread into `calls` and `streams` in contract.ts. */
export const engineCalls = {
  'engine.status': defineCall({ input: noInput, output: connectionStatusSchema, cliArgs: () => ['docker', 'version'] }),
  'engine.reconnect': defineCall({ input: noInput, output: connectionStatusSchema, cliArgs: () => ['docker', 'info'] }),
} as const;

export const engineStreams = {
  /** The connection's status now, then every change. */
  'engine.status': defineStream({ input: noInput, message: connectionStatusSchema }),
  /** The engine's events, followed across engine restarts. */
  'engine.events': defineStream({ input: noInput, message: engineEventSchema, cliArgs: () => ['docker', 'events'] }),
} as const;
