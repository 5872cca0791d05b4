import { z } from 'zod';
import { defineCall, defineStream } from './contract-kit.js';
import { engineIdSchema, engineSpecSchema, engineTlsSchema } from './engine-spec.js';

/**
 * App-level entries: the engines Berth knows and their state. Unlike every other entry they target
 * no engine (the router serves them whatever engine the envelope names).
 */

/**
 * - connected: answering; reconnecting: lost, the next try at `nextTryAt`; not-answering: accepted a
 *   connection but a request ran out of time (pinged until it answers); refused: Berth will not dial
 *   it as it is (plain tcp off loopback, a changed host key, an unknown one waiting for the user).
 */
export const fleetStateSchema = z.enum(['connecting', 'connected', 'reconnecting', 'not-answering', 'refused']);
export type FleetState = z.infer<typeof fleetStateSchema>;

/** An SSH host key the engine's host showed that known_hosts does not hold yet. */
export const unknownHostKeySchema = z.object({
  host: z.string(),
  /** e.g. SHA256:abc…, as `ssh-keygen -lf` prints it. */
  fingerprint: z.string(),
  keyType: z.string().optional(),
});
export type UnknownHostKey = z.infer<typeof unknownHostKeySchema>;

/** What `docker info` says about an engine's machine, refreshed on container events (debounced), never polled. */
export const engineFactsSchema = z.object({
  engineVersion: z.string().optional(),
  apiVersion: z.string().optional(),
  os: z.string().optional(),
  arch: z.string().optional(),
  cpus: z.number().int().nonnegative().optional(),
  memoryBytes: z.number().nonnegative().optional(),
  containersRunning: z.number().int().nonnegative().optional(),
  containersTotal: z.number().int().nonnegative().optional(),
  /** Unix ms of the `docker info` these came from. */
  readAt: z.number().optional(),
});
export type EngineFacts = z.infer<typeof engineFactsSchema>;

export const fleetEngineSchema = z.object({
  spec: engineSpecSchema,
  state: fleetStateSchema,
  /** reconnecting / not-answering: Unix ms of the next attempt, when known. */
  nextTryAt: z.number().optional(),
  /** Why it is not connected, in plain words, and what to do about it. */
  reason: z.string().optional(),
  hint: z.string().optional(),
  /** refused because its SSH host key is unknown: the key to show for acceptance. */
  unknownHostKey: unknownHostKeySchema.optional(),
  /** ssh waits for the passphrase of this key (asked in the windows) before it can reach the engine. */
  passphraseWanted: z.object({ keyFile: z.string() }).optional(),
  facts: engineFactsSchema,
  /** Saved engines can be removed; the local one, DOCKER_HOST and CLI contexts cannot. */
  removable: z.boolean(),
});
export type FleetEngine = z.infer<typeof fleetEngineSchema>;

export const fleetSchema = z.object({
  /** The engine calls go to when they name none. */
  defaultId: engineIdSchema,
  engines: z.array(fleetEngineSchema),
  /** The saved-engines file could not be read (kept as it is, never overwritten): why. */
  savedEnginesProblem: z.string().optional(),
  /**
   * The engine of the docker CLI's current context (DOCKER_CONTEXT, else config.json's
   * currentContext), when DOCKER_HOST does not override it: the app opens on it, as `docker` would.
   */
  cliContextId: engineIdSchema.optional(),
  /** Docker CLI contexts that could not be read, or a current context that is not there: each with why. */
  contextProblems: z.array(z.string()).optional(),
});
export type Fleet = z.infer<typeof fleetSchema>;

export const engineAddInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'Give the engine a name').max(64),
  host: z.string().trim().min(1, 'Give the engine an address').max(1024),
  tls: engineTlsSchema.optional(),
});
export type EngineAddInput = z.infer<typeof engineAddInputSchema>;

const idInput = z.strictObject({ id: engineIdSchema });

/** ssh needs an SSH key's passphrase to reach an engine: the question put to the user's windows. */
export const passphrasePromptSchema = z.object({
  promptId: z.string(),
  engineId: engineIdSchema,
  engineName: z.string(),
  /** The private key file, as ssh names it (e.g. /home/me/.ssh/id_robot). */
  keyFile: z.string(),
  /** The engine's ssh destination (user@host:port). */
  destination: z.string(),
  /** The answer may be kept in the OS keyring for the next runs (the desktop app with a working keyring). */
  canKeep: z.boolean().optional(),
});
export type PassphrasePromptMessage = z.infer<typeof passphrasePromptSchema>;

export const passphraseAnswerSchema = z.strictObject({
  promptId: z.string().min(1).max(100),
  /** Absent: the user cancelled. Never logged; kept beyond the engine's session only when `keep` (OS keyring, desktop). */
  passphrase: z.string().max(4096).optional(),
  /** Keep it in the OS keyring (only where the question said it can be kept). */
  keep: z.boolean().optional(),
});

export const enginesCalls = {
  'engines.list': defineCall({ input: z.strictObject({}), output: fleetSchema }),
  /** Validates and saves an engine, then connects it; answers its spec (with the id Berth gave it). */
  'engines.add': defineCall({ input: engineAddInputSchema, output: engineSpecSchema }),
  /** Closes the engine's services and forgets it; only saved engines. */
  'engines.remove': defineCall({ input: idInput, output: z.null() }),
  /** Trusts the host key the engine showed (added to known_hosts), then connects; only the fingerprint shown is accepted. */
  'engines.acceptHostKey': defineCall({
    input: z.strictObject({ id: engineIdSchema, fingerprint: z.string().min(1).max(200) }),
    output: z.null(),
  }),
  /** Tries the engine now instead of waiting for its next attempt. */
  'engines.reconnect': defineCall({ input: idInput, output: z.null() }),
  /** Answers a passphrase question this window was shown (no passphrase: cancel). */
  'engines.answerPassphrase': defineCall({ input: passphraseAnswerSchema, output: z.null() }),
} as const;

export const enginesStreams = {
  /** The whole fleet now, then again on every change (state, facts, an engine added or removed). */
  'engines.fleet': defineStream({ input: z.strictObject({}), message: fleetSchema }),
  /** SSH key passphrase questions: those already waiting, then each new one (answer with engines.answerPassphrase). */
  'engines.passphrasePrompts': defineStream({ input: z.strictObject({}), message: passphrasePromptSchema }),
} as const;

/** Contract names served by the app itself rather than by one engine's handlers. */
export type AppCallName = keyof typeof enginesCalls;
export type AppStreamName = keyof typeof enginesStreams;

export function isAppCallName(name: string): name is AppCallName {
  return Object.prototype.hasOwnProperty.call(enginesCalls, name);
}

export function isAppStreamName(name: string): name is AppStreamName {
  return Object.prototype.hasOwnProperty.call(enginesStreams, name);
}
