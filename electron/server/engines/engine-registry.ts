import { access } from 'node:fs/promises';
import path from 'node:path';
import type { EngineSpec } from '../../../shared/engine-spec.js';
import { checkEngineHost } from '../../../shared/engine-host-check.js';
import type { EngineAddInput, Fleet, FleetEngine } from '../../../shared/engines-contract.js';
import { BerthError } from '../../../shared/errors.js';
import { defaultEngineId } from '../../../shared/wire.js';
import type { EngineConnection } from '../../engine/engine-connection.js';
import type { DockerContextsFound } from '../../engine/endpoints/docker-contexts.js';
import { toRpcError } from '../../engine/to-rpc-error.js';
import type { EngineServices } from '../engine-services.js';
import type { HandlerTable, RouterHandlers } from '../rpc/handler-types.js';
import { EngineFactsWatch, factsSettleMs } from './engine-facts.js';
import { fleetEntryState } from './fleet-state.js';
import type { PassphraseWaits } from './passphrase-prompts.js';
import { readSavedEngines, writeSavedEngines } from './saved-engines-file.js';

/** How the registry builds what serves one engine; create-app gives the real ones, tests may give their own. */
export interface EngineBuilders {
  /** A connection to the engine `spec` describes; may throw when the address is refused (kept as a refused engine). */
  connect(spec: EngineSpec): EngineConnection;
  services(connection: EngineConnection): EngineServices;
  handlers(services: EngineServices): HandlerTable;
}

export interface EngineRegistryOptions {
  /** Where the default engine is (--docker-host or DOCKER_HOST, with their TLS files); the platform socket when absent. */
  readonly defaultEngine?: Pick<EngineSpec, 'host' | 'tls' | 'source'>;
  /** The engines file (desktop: the app's config folder; web: --engines-file); none keeps added engines in memory. */
  readonly savedEnginesFile?: string;
  /** The platform socket, also served (as `socket`) when the default engine is DOCKER_HOST's; for tests. */
  readonly localSocket?: string;
  /** The docker CLI's contexts (and which one it uses now); none lists no contexts. */
  readonly listContexts?: () => Promise<DockerContextsFound>;
  /**
   * The SSH key passphrase questions the engines' connections ask: an engine waiting on one says so
   * in the fleet, and start-up does not wait on the default engine's (no window can answer before it ends).
   */
  readonly passphrases?: PassphraseWaits;
  readonly builders: EngineBuilders;
}

/** What serves one engine: its connection, services, handler table and facts. */
interface LiveEngine {
  readonly connection: EngineConnection;
  readonly services: EngineServices;
  readonly handlers: HandlerTable;
  readonly facts: EngineFactsWatch;
  readonly offStatus: () => void;
}

interface Entry {
  readonly spec: EngineSpec;
  /** Undefined when Berth refused to build a connection for the address; `refusal` says why. */
  readonly live: LiveEngine | undefined;
  readonly refusal: string | undefined;
}

const platformSocket = process.platform === 'win32' ? 'npipe:////./pipe/docker_engine' : 'unix:///var/run/docker.sock';

/** An id for a saved engine from its name: id-safe, never one that discovered engines use, unique. */
export function savedEngineId(name: string, taken: ReadonlySet<string>): string {
  let base = name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/-+$/, '')
    .slice(0, 56);
  if (base === '') base = 'engine';
  if (base === defaultEngineId || base === 'socket' || base.startsWith('ctx-')) base = `saved-${base}`;
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The same engine reached the same way: two connections to it would only double its load. */
function sameAddress(a: EngineSpec, b: EngineSpec): boolean {
  return a.host.replace(/\/+$/, '') === b.host.replace(/\/+$/, '') && (a.tls?.certPath ?? '') === (b.tls?.certPath ?? '');
}

async function socketExists(host: string): Promise<boolean> {
  if (!host.startsWith('unix://')) return false;
  try {
    await access(host.slice('unix://'.length));
    return true;
  } catch {
    return false;
  }
}

/** A TLS folder as the docker CLI keeps it: ca.pem (when verifying), cert.pem and key.pem. */
async function tlsFolderProblem(tls: NonNullable<EngineSpec['tls']>): Promise<string | undefined> {
  const files = [...(tls.verify ? ['ca.pem'] : []), 'cert.pem', 'key.pem'];
  for (const file of files) {
    try {
      await access(path.join(tls.certPath, file));
    } catch {
      return `The TLS folder ${tls.certPath} has no readable ${file} (it should hold what DOCKER_CERT_PATH holds: ca.pem, cert.pem and key.pem)`;
    }
  }
  return undefined;
}

/**
 * Every engine Berth serves: the default one (the platform socket or DOCKER_HOST), the docker CLI's
 * contexts and the engines added in Berth (saved to a JSON file). Each has its own connection and
 * services and connects on its own: an unreachable one never holds up the others. It is also what
 * the router asks for an engine's handler table.
 */
export class EngineRegistry implements RouterHandlers {
  private readonly entries = new Map<string, Entry>();
  private readonly fleetListeners = new Set<(fleet: Fleet) => void>();
  private savedProblem: string | undefined;
  /** The docker CLI's current context's engine, when Berth follows it (no DOCKER_HOST). */
  private cliContextId: string | undefined;
  private contextProblems: string[] = [];
  private notifyQueued = false;
  private closed = false;
  /** Saved-engine edits run one at a time, so two adds never write the file from the same old list. */
  private edits: Promise<unknown> = Promise.resolve();
  private readonly offPassphrases: () => void;

  constructor(private readonly options: EngineRegistryOptions) {
    this.offPassphrases = options.passphrases?.onChange(() => this.changed()) ?? (() => {});
  }

  /**
   * Builds every engine and starts connecting them; resolves once the default engine's first attempt
   * ended, or once that attempt waits on the user for a key passphrase.
   */
  async start(): Promise<void> {
    const given = this.options.defaultEngine;
    const local: EngineSpec = {
      id: defaultEngineId,
      name: given?.source === 'env' ? 'DOCKER_HOST' : 'This machine',
      host: given?.host.trim() || platformSocket,
      ...(given?.tls ? { tls: given.tls } : {}),
      source: given?.source ?? 'local',
    };
    this.addEntry(local);
    // DOCKER_HOST points elsewhere: this machine's own engine is still one to show, when it has one.
    const socket = this.options.localSocket ?? platformSocket;
    if (local.source === 'env' && local.host !== socket && (await socketExists(socket))) {
      this.addEntry({ id: 'socket', name: 'This machine', host: socket, source: 'local' });
    }
    const [contexts, saved] = await Promise.all([this.discoverContexts(), this.readSaved()]);
    for (const spec of [...contexts.specs, ...saved]) {
      if (this.entries.has(spec.id)) continue;
      // A context for the engine Berth already reaches (DOCKER_HOST's, say) adds no engine.
      if (spec.source === 'context' && [...this.entries.values()].some((e) => sameAddress(e.spec, spec))) continue;
      this.addEntry(spec);
    }
    // As the docker CLI does: DOCKER_HOST (or --docker-host) wins over the current context.
    if (local.source !== 'env') this.followCliContext(contexts);
    for (const entry of this.entries.values()) if (entry.spec.id !== defaultEngineId) void entry.live?.connection.connect();
    const firstAttempt = this.entries.get(defaultEngineId)?.live?.connection.connect();
    const asked = this.untilPassphraseAsked(defaultEngineId);
    try {
      await Promise.race([firstAttempt, asked.promise]);
    } finally {
      asked.cancel();
    }
  }

  /** Resolves when a passphrase question for `engineId` waits (at once if one already does). */
  private untilPassphraseAsked(engineId: string): { promise: Promise<void>; cancel(): void } {
    const waits = this.options.passphrases;
    if (!waits) return { promise: new Promise<void>(() => {}), cancel: () => {} };
    let off = (): void => {};
    const promise = new Promise<void>((resolve) => {
      if (waits.waitingPrompt(engineId)) return resolve();
      off = waits.onChange((id) => {
        if (id === engineId && waits.waitingPrompt(engineId)) resolve();
      });
    });
    return { promise, cancel: () => off() };
  }

  // RouterHandlers

  engine(engineId: string): HandlerTable | undefined {
    return this.entries.get(engineId)?.live?.handlers;
  }

  engineProblem(engineId: string): string | undefined {
    return this.entries.get(engineId)?.refusal;
  }

  engineIds(): readonly string[] {
    return [...this.entries.keys()];
  }

  disposeClient(clientId: string): void {
    for (const entry of this.entries.values()) {
      try {
        entry.live?.handlers.disposeClient(clientId);
      } catch (err) {
        console.error(`[berth] freeing client ${clientId} on engine ${entry.spec.id}: ${toRpcError(err).message}`);
      }
    }
  }

  /** The services of an engine (tests, diagnostics). */
  services(engineId: string): EngineServices | undefined {
    return this.entries.get(engineId)?.live?.services;
  }

  fleet(): Fleet {
    const engines: FleetEngine[] = [...this.entries.values()].map((entry) => {
      const live = entry.live;
      const removable = entry.spec.source === 'saved';
      if (!live) return { spec: entry.spec, state: 'refused', reason: entry.refusal ?? 'Refused', facts: {}, removable };
      const question = this.options.passphrases?.waitingPrompt(entry.spec.id);
      return {
        spec: entry.spec,
        ...fleetEntryState(live.connection.status, live.connection.nextAttemptAt),
        ...(question ? { passphraseWanted: { keyFile: question.keyFile } } : {}),
        facts: live.facts.facts,
        removable,
      };
    });
    return {
      defaultId: defaultEngineId,
      engines,
      ...(this.savedProblem ? { savedEnginesProblem: this.savedProblem } : {}),
      ...(this.cliContextId ? { cliContextId: this.cliContextId } : {}),
      ...(this.contextProblems.length > 0 ? { contextProblems: this.contextProblems } : {}),
    };
  }

  /** Calls `listener` with the fleet after every change (coalesced: a burst of changes sends one fleet). */
  onFleet(listener: (fleet: Fleet) => void): () => void {
    this.fleetListeners.add(listener);
    return () => this.fleetListeners.delete(listener);
  }

  /** Checks, saves, then connects a new engine. The file is written before the engine is served: a failed write adds nothing. */
  add(input: EngineAddInput): Promise<EngineSpec> {
    return this.edit(async () => {
      const check = checkEngineHost(input.host, input.tls !== undefined);
      if (!check.ok) throw new BerthError({ code: 'BAD_REQUEST', message: check.problem, path: ['host'] });
      if (input.tls) {
        if (check.scheme !== 'tcp')
          throw new BerthError({ code: 'BAD_REQUEST', message: 'TLS files go with a tcp:// address', path: ['tls'] });
        const problem = await tlsFolderProblem(input.tls);
        if (problem) throw new BerthError({ code: 'BAD_REQUEST', message: problem, path: ['tls', 'certPath'] });
      }
      const host = input.host.trim();
      const duplicate = [...this.entries.values()].find((e) => sameAddress(e.spec, { ...e.spec, host, tls: input.tls }));
      if (duplicate) {
        throw new BerthError({
          code: 'CONFLICT',
          message: `Berth already has this engine as "${duplicate.spec.name}" (${duplicate.spec.id})`,
          path: ['host'],
        });
      }
      const spec: EngineSpec = {
        id: savedEngineId(input.name, new Set(this.entries.keys())),
        name: input.name.trim(),
        host,
        ...(input.tls ? { tls: input.tls } : {}),
        source: 'saved',
      };
      await this.persist([...this.savedSpecs(), spec]);
      const entry = this.addEntry(spec);
      void entry.live?.connection.connect();
      this.changed();
      return spec;
    });
  }

  /** Forgets a saved engine (the file first), then closes its services. */
  remove(engineId: string): Promise<void> {
    return this.edit(async () => {
      const entry = this.entries.get(engineId);
      if (!entry) throw new BerthError({ code: 'NOT_FOUND', message: `Berth has no engine "${engineId}"` });
      if (entry.spec.source !== 'saved') {
        const why =
          entry.spec.source === 'context'
            ? `it is the docker CLI context "${entry.spec.contextName ?? entry.spec.name}" (remove it with docker context rm)`
            : 'it is the engine Berth was started with';
        throw new BerthError({ code: 'CONFLICT', message: `"${entry.spec.name}" cannot be removed in Berth: ${why}` });
      }
      await this.persist(this.savedSpecs().filter((s) => s.id !== engineId));
      this.entries.delete(engineId);
      this.changed();
      await this.closeEntry(entry);
    });
  }

  /** Trusts the SSH host key the engine showed, only if it is still the one the user saw, then connects. */
  async acceptHostKey(engineId: string, fingerprint: string): Promise<void> {
    const live = this.requireLive(engineId);
    const shown = (live.connection.status as { hostKey?: { fingerprint: string; problem: string } }).hostKey;
    if (!shown || shown.problem !== 'unknown') {
      throw new BerthError({ code: 'CONFLICT', message: `Engine "${engineId}" is not waiting for a host key to be accepted` });
    }
    if (shown.fingerprint !== fingerprint) {
      throw new BerthError({
        code: 'CONFLICT',
        message: `The host key changed since it was shown (now ${shown.fingerprint}); look at it again before accepting`,
      });
    }
    const accept = (live.connection as { acceptHostKey?: (fingerprint: string) => Promise<unknown> }).acceptHostKey;
    if (!accept) throw new BerthError({ code: 'INTERNAL', message: 'This connection cannot accept host keys' });
    await accept.call(live.connection, fingerprint);
    void live.connection.connect();
  }

  async reconnect(engineId: string): Promise<void> {
    await this.requireLive(engineId).connection.connect();
  }

  /** Closes every engine's services (terminals, transfers, stats streams, then the connection). */
  async close(): Promise<void> {
    this.closed = true;
    this.offPassphrases();
    this.fleetListeners.clear();
    const entries = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(entries.map((entry) => this.closeEntry(entry)));
  }

  private requireLive(engineId: string): LiveEngine {
    const entry = this.entries.get(engineId);
    if (!entry) throw new BerthError({ code: 'NOT_FOUND', message: `Berth has no engine "${engineId}"` });
    if (!entry.live) throw new BerthError({ code: 'ENGINE_UNAVAILABLE', message: entry.refusal ?? 'Refused' });
    return entry.live;
  }

  private savedSpecs(): EngineSpec[] {
    return [...this.entries.values()].map((e) => e.spec).filter((s) => s.source === 'saved');
  }

  private async persist(specs: EngineSpec[]): Promise<void> {
    const file = this.options.savedEnginesFile;
    if (file === undefined) return;
    if (this.savedProblem) throw new BerthError({ code: 'CONFLICT', message: `Not saved: ${this.savedProblem}` });
    try {
      await writeSavedEngines(file, specs);
    } catch (err) {
      throw new BerthError({ code: 'INTERNAL', message: `Could not write the saved engines file ${file}: ${toRpcError(err).message}` });
    }
  }

  private edit<T>(work: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new BerthError({ code: 'INTERNAL', message: 'Berth is shutting down' }));
    const result = this.edits.then(work);
    this.edits = result.catch(() => undefined);
    return result;
  }

  private async discoverContexts(): Promise<DockerContextsFound> {
    const none: DockerContextsFound = { specs: [], problems: [], current: undefined };
    try {
      const found = (await this.options.listContexts?.()) ?? none;
      this.contextProblems = found.problems.map((p) => `A docker context could not be read: ${p}`);
      return found;
    } catch (err) {
      const problem = `The docker contexts could not be read: ${toRpcError(err).message}`;
      this.contextProblems = [problem];
      return none;
    }
  }

  /** The engine the CLI's current context names (or the one Berth already had for its address). */
  private followCliContext(contexts: DockerContextsFound): void {
    if (!contexts.current) return;
    const spec = contexts.specs.find((c) => c.contextName === contexts.current);
    if (!spec) {
      this.contextProblems.push(
        `The docker CLI's current context "${contexts.current}" (DOCKER_CONTEXT or config.json) is not among its contexts, so Berth opens on ${this.entries.get(defaultEngineId)?.spec.name ?? 'this machine'}`,
      );
      return;
    }
    this.cliContextId = this.entries.has(spec.id) ? spec.id : [...this.entries.values()].find((e) => sameAddress(e.spec, spec))?.spec.id;
  }

  private async readSaved(): Promise<EngineSpec[]> {
    const file = this.options.savedEnginesFile;
    if (file === undefined) return [];
    const read = await readSavedEngines(file);
    if (read.ok) return read.engines;
    this.savedProblem = read.problem;
    console.warn(`[berth] ${read.problem}`);
    return [];
  }

  private addEntry(spec: EngineSpec): Entry {
    let entry: Entry;
    try {
      const { builders } = this.options;
      const connection = builders.connect(spec);
      const services = builders.services(connection);
      const handlers = builders.handlers(services);
      const facts = new EngineFactsWatch(
        connection,
        () => this.changed(),
        factsSettleMs,
        () => services.live.containerCounts(),
      );
      const offStatus = connection.onStatus(() => this.changed());
      entry = { spec, live: { connection, services, handlers, facts, offStatus }, refusal: undefined };
    } catch (err) {
      entry = { spec, live: undefined, refusal: toRpcError(err).message };
    }
    this.entries.set(spec.id, entry);
    return entry;
  }

  private async closeEntry(entry: Entry): Promise<void> {
    const live = entry.live;
    if (!live) return;
    live.offStatus();
    live.facts.close();
    await live.services.close();
  }

  /** After the current synchronous work, so a connection that just scheduled its next try reports that time. */
  private changed(): void {
    if (this.notifyQueued || this.closed) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      if (this.closed) return;
      const fleet = this.fleet();
      for (const listener of [...this.fleetListeners]) {
        try {
          listener(fleet);
        } catch (err) {
          console.error(`[berth] fleet listener failed: ${toRpcError(err).message}`);
        }
      }
    });
  }
}
