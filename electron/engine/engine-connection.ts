import Docker from 'dockerode';
import { berthMaxApiVersion, negotiateApiVersion, parseApiVersion } from '../../shared/engine-features.js';
import type { EngineSpec } from '../../shared/engine-spec.js';
import type { ConnectionStatus, EngineEvent } from '../../shared/engine-types.js';
import { BerthError } from '../../shared/errors.js';
import {
  endpointForSpec,
  engineSpecFromDockerHost,
  explainConnectionError,
  explainSilence,
  type EngineEndpoint,
} from './docker-endpoint.js';
import type { HostKeyProblem } from './endpoints/host-key-gate.js';
import type { PassphrasePrompter } from './endpoints/ssh-askpass.js';
import { isSshDialError } from './endpoints/ssh-failure.js';
import { explainTlsError } from './endpoints/tls-errors.js';
import { isEngineGoneError } from './engine-gone-errors.js';
import { defaultPingTimeoutMs, requestBudgetMs, requestTimeoutFromEnvironment, type RequestBudgets } from './engine-request-budgets.js';
import {
  guardEngineRequests,
  isEngineTimeout,
  withRequestBudget,
  type Dialer,
  type EngineTimeoutError,
} from './engine-request-timeouts.js';
import { JsonLineSplitter, parseEngineEventLine } from './event-line-parser.js';

type Listener<T> = (value: T) => void;

/** A ProxyJump host's key, not the engine's, stopped the connection. */
function jumpHostKeyWords(found: HostKeyProblem, display: string, shown: string): { explained: string; hint: string } {
  const changed = found.problem === 'changed';
  return {
    explained: `The SSH host key of the jump host ${found.jumpHost ?? ''} (on the way to ${display}) ${changed ? 'has changed since it was saved in known_hosts: Berth refuses to connect' : 'is not in known_hosts yet'}.${shown}`,
    hint: changed
      ? 'Someone may be intercepting the connection, or the jump host was reinstalled. Check with its owner before replacing the old key (ssh-keygen -R HOST).'
      : 'Compare the fingerprint with the one the jump host shows (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on it), then accept it.',
  };
}

/** What to tell the user about a host key that stopped the connection. */
function hostKeyWords(err: unknown, display: string, found: HostKeyProblem | undefined): { explained: string; hint: string } {
  const shown = found ? ` Its ${found.key.keyType} key: ${found.key.fingerprint}.` : '';
  if (found?.jumpHost) return jumpHostKeyWords(found, display, shown);
  if (isSshDialError(err)) return { explained: `${err.message}.${shown}`, hint: err.hint };
  const changed = found?.problem === 'changed';
  return {
    explained: `The SSH host key of ${display} ${changed ? 'differs from the one in known_hosts: Berth refuses to connect' : 'is not in known_hosts yet'}.${shown}`,
    hint: changed
      ? 'Someone may be intercepting the connection, or the machine was reinstalled. Check with its owner before replacing the old key.'
      : 'Compare the fingerprint with the one the machine shows (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on it), then accept it.',
  };
}

/** Gets each engine event, with its actor's attributes (a rename's new name, the container a network event concerns). */
export type EngineEventListener = (event: EngineEvent, attributes: Readonly<Record<string, string>>) => void;

export interface EngineConnectionOptions {
  /** Identifies the connection among several (local, a robot, ...). */
  id: string;
  /** Where the engine is (local socket, tcp:// with TLS, ssh://, a docker context); wins over dockerHost. */
  spec?: EngineSpec;
  /** DOCKER_HOST-style endpoint (TLS files from DOCKER_TLS_VERIFY / DOCKER_CERT_PATH); the platform default socket when absent. */
  dockerHost?: string;
  /** For ssh:// engines: an ssh config file instead of ~/.ssh/config (`ssh -F`). */
  sshConfigFile?: string;
  /** For ssh:// engines: the ssh program (found on PATH by default); null: dockerode's ssh2 client. */
  sshBinary?: string | null;
  /** For ssh:// engines over OpenSSH: asks the user for a key's passphrase (undefined: the agent only). */
  askPassphrase?: PassphrasePrompter;
  /** Delays between reconnection attempts (and pings while the engine does not answer), in ms; the last one repeats. */
  retryDelaysMs?: readonly number[];
  /** How long an ordinary request may wait for the engine's answer; BERTH_ENGINE_TIMEOUT_S or 30 s by default. */
  requestTimeoutMs?: number;
  /** How long the `/_ping` probe waits while the engine does not answer; 5 s by default. */
  pingTimeoutMs?: number;
  /**
   * The newest Engine API version to speak (e.g. '1.24'), as DOCKER_API_VERSION does for the docker CLI;
   * DOCKER_API_VERSION or Berth's newest by default. The engine's own newest wins when it is older.
   */
  maxApiVersion?: string;
}

/** The cap on the API version: the option, else DOCKER_API_VERSION, else Berth's newest; a malformed one is refused by name. */
function apiVersionCap(option: string | undefined, env: Readonly<Record<string, string | undefined>> = process.env): string {
  const given = option ?? env.DOCKER_API_VERSION?.trim();
  if (!given) return berthMaxApiVersion;
  if (!parseApiVersion(given)) {
    const from = option === undefined ? 'DOCKER_API_VERSION' : 'The API version';
    throw new Error(`${from} must be MAJOR.MINOR, e.g. 1.41, not "${given.slice(0, 40)}"`);
  }
  return given;
}

export interface UseOptions {
  /** This call's requests get this budget (ms; null: no limit) instead of the one their kind has. */
  budgetMs?: number | null;
}

/**
 * One connection to one Docker Engine: its dockerode client, its status, and the engine's event
 * stream, followed across engine restarts. Not a singleton: Berth may hold several.
 *
 * On every (re)connection the generation increases, which tells listeners to reconcile with a full
 * list; the event stream resumes from the last event seen so nothing in between is lost.
 *
 * Every request has a time limit (engine-request-budgets.ts). One that runs out marks the engine
 * `not-answering`; then a `/_ping`, retried with backoff, brings it back. While the engine answers,
 * the connection sends nothing by itself: no polling.
 *
 * The engine may be local, tcp:// with TLS, or ssh:// (docker-endpoint.ts, endpoints/). What retrying
 * cannot cure (an unknown or changed SSH host key, a TLS certificate refused, an address Berth
 * refuses) leaves the status `disconnected` with `refused` set and no automatic retry; an unknown
 * host key comes with its fingerprint, for acceptHostKey.
 */
export class EngineConnection {
  readonly id: string;
  readonly spec: EngineSpec;
  readonly endpoint: EngineEndpoint;
  readonly docker: Docker;

  private current: ConnectionStatus;
  private readonly statusListeners = new Set<Listener<ConnectionStatus>>();
  private readonly eventListeners = new Set<EngineEventListener>();
  private readonly retryDelaysMs: readonly number[];
  private readonly maxApiVersion: string;
  private retryIndex = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private checkingAnswer = false;
  /** Unix ms of the next reconnection attempt or ping, once one is scheduled. */
  private retryAt: number | undefined;
  private eventStream: NodeJS.ReadableStream | undefined;
  /** Unix seconds of the last event seen, for `since` when resubscribing. */
  private lastEventSeconds: number | undefined;
  private closed = false;
  private connecting: Promise<ConnectionStatus> | undefined;

  constructor(options: EngineConnectionOptions) {
    this.id = options.id;
    this.spec = options.spec ?? { ...engineSpecFromDockerHost(options.dockerHost), id: options.id };
    this.endpoint = endpointForSpec(this.spec, {
      ...(options.sshConfigFile === undefined ? {} : { sshConfigFile: options.sshConfigFile }),
      ...(options.sshBinary === undefined ? {} : { sshBinary: options.sshBinary }),
      ...(options.askPassphrase ? { askPassphrase: options.askPassphrase } : {}),
    });
    this.docker = new Docker(this.endpoint.options);
    this.retryDelaysMs = options.retryDelaysMs ?? [500, 1000, 2000, 5000];
    this.maxApiVersion = apiVersionCap(options.maxApiVersion);
    const budgets: RequestBudgets = {
      baseMs: options.requestTimeoutMs ?? requestTimeoutFromEnvironment(),
      pingMs: options.pingTimeoutMs ?? defaultPingTimeoutMs,
    };
    guardEngineRequests(this.docker.modem as Dialer, {
      endpoint: this.endpoint.display,
      budgetMs: (request) => requestBudgetMs(request, budgets),
      onTimeout: (err) => this.notAnswering(err),
    });
    this.current = { connectionId: this.id, state: 'connecting', endpoint: this.endpoint.display, generation: 0 };
  }

  /** When the next reconnection attempt (or ping while not answering) runs, in Unix ms; set right after the status that needs it. */
  get nextAttemptAt(): number | undefined {
    return this.retryAt;
  }

  get status(): ConnectionStatus {
    return this.current;
  }

  onStatus(listener: Listener<ConnectionStatus>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  onEvent(listener: EngineEventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Connects now (or joins an attempt in progress) and reports the resulting status. */
  connect(): Promise<ConnectionStatus> {
    if (this.closed) return Promise.resolve(this.current);
    this.connecting ??= this.attempt().finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /**
   * Throws ENGINE_UNAVAILABLE unless connected, so calls fail fast with the reason (and a silent
   * engine is not sent more requests to pile up).
   */
  requireConnected(): Docker {
    if (this.current.state !== 'connected') {
      const { state, error } = this.current;
      throw new BerthError({
        code: 'ENGINE_UNAVAILABLE',
        message: error
          ? state === 'not-answering'
            ? `Docker Engine not answering: ${error}`
            : `Docker Engine unavailable: ${error}`
          : 'Not connected to the Docker Engine yet',
      });
    }
    return this.docker;
  }

  /**
   * Runs one request against the engine: fails fast with the reason when disconnected, and notices
   * when a failure means the engine went away. `budgetMs` overrides the time limit of this call's
   * requests.
   */
  async use<T>(work: (docker: Docker) => Promise<T>, options: UseOptions = {}): Promise<T> {
    const docker = this.requireConnected();
    const { budgetMs } = options;
    try {
      return await (budgetMs === undefined ? work(docker) : withRequestBudget(budgetMs, () => work(docker)));
    } catch (err) {
      this.reportFailure(err);
      throw err;
    }
  }

  /**
   * One `/_ping` while the engine is thought connected (at most one in flight): a window that opens
   * reads the live model's memory, so without this a hung engine would look fine until an action
   * ran out of time. Its time limit marks the engine not answering, as any request's does.
   */
  checkAnswering(): void {
    if (this.closed || this.current.state !== 'connected' || this.checkingAnswer) return;
    this.checkingAnswer = true;
    this.docker
      .ping()
      .catch((err: unknown) => this.reportFailure(err))
      .finally(() => {
        this.checkingAnswer = false;
      });
  }

  /** Called by services when a request failed in a way that suggests the engine went away. */
  reportFailure(err: unknown): void {
    if (isEngineGoneError(err)) this.lost(err);
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
    this.stopEvents();
    // Ends pooled TLS connections and the ssh processes behind SSH ones.
    this.endpoint.agent?.destroy();
    this.statusListeners.clear();
    this.eventListeners.clear();
  }

  /**
   * Adds the SSH host key the user was shown (status.hostKey, problem 'unknown') to the known_hosts
   * file ssh uses for this engine, then connects. The key is read again first: if the host now offers
   * another one than `fingerprint`, nothing is added. A changed key is never accepted here.
   */
  async acceptHostKey(fingerprint: string): Promise<ConnectionStatus> {
    const pending = this.current.hostKey;
    const gate = this.endpoint.hostKeys;
    if (!gate || !pending || pending.problem !== 'unknown') {
      throw new BerthError({ code: 'CONFLICT', message: `${this.endpoint.display} has no unknown SSH host key waiting to be accepted` });
    }
    if (pending.fingerprint !== fingerprint) {
      throw new BerthError({
        code: 'CONFLICT',
        message: `The fingerprint to accept (${fingerprint}) is not the one ${this.endpoint.display} showed (${pending.fingerprint})`,
      });
    }
    await gate.accept(fingerprint);
    return this.connect();
  }

  private async attempt(): Promise<ConnectionStatus> {
    clearTimeout(this.retryTimer);
    if (this.current.state !== 'connecting') {
      // A new try: what the last one refused no longer stands.
      const { refused: _refused, hostKey: _hostKey, ...previous } = this.current;
      this.setStatus({ ...previous, state: 'connecting' });
    }
    if (this.endpoint.refusal) {
      this.refuse(this.endpoint.refusal, 'Change the engine address or its TLS files.');
      return this.current;
    }
    try {
      // /version answers with the engine's own range whatever version the request is in.
      const version = await this.docker.version();
      if (this.closed) return this.current;
      // Every later request speaks the negotiated version (/v1.41/…), as the docker CLI does.
      const apiVersion = negotiateApiVersion(version.ApiVersion, version.MinAPIVersion, this.maxApiVersion);
      (this.docker.modem as { version?: string }).version = `v${apiVersion}`;
      await this.startEvents();
      this.retryIndex = 0;
      this.setStatus({
        connectionId: this.id,
        state: 'connected',
        endpoint: this.endpoint.display,
        engineVersion: version.Version,
        apiVersion,
        os: `${version.Os}/${version.Arch}`,
        generation: this.current.generation + 1,
      });
    } catch (err) {
      this.stopEvents();
      if (this.closed) return this.current;
      if (await this.refusedFor(err)) return this.current;
      const silent = isEngineTimeout(err);
      const { error, hint } = silent ? explainSilence(err, this.endpoint) : explainConnectionError(err, this.endpoint);
      this.setStatus({
        connectionId: this.id,
        state: silent ? 'not-answering' : 'disconnected',
        endpoint: this.endpoint.display,
        error,
        hint,
        generation: this.current.generation,
      });
      this.scheduleRetry();
    }
    return this.current;
  }

  /**
   * Failures that retrying will not cure, reported with what the user must do: an SSH host key that
   * is unknown (shown with its fingerprint, to accept) or changed, a TLS certificate refused.
   */
  private async refusedFor(err: unknown): Promise<boolean> {
    const gate = this.endpoint.hostKeys;
    if (gate) {
      let found: HostKeyProblem | undefined;
      let reading = '';
      try {
        found = await gate.problemOf(err);
      } catch (readErr) {
        // Refused for its key, but reading the key to show it failed: still refused, saying why it is not shown.
        reading = ` (${(readErr as Error).message})`;
      }
      if (this.closed) return true;
      if (found || reading) {
        const { explained, hint } = hostKeyWords(err, this.endpoint.display, found);
        const hostKey = found && {
          host: found.key.knownHostsName,
          keyType: found.key.keyType,
          fingerprint: found.key.fingerprint,
          problem: found.problem,
        };
        this.refuse(`${explained}${reading}`, hint, hostKey);
        return true;
      }
    }
    // A cancelled or wrong key passphrase: retrying on a timer would only ask again and again.
    if (isSshDialError(err) && (err.kind === 'passphrase-not-given' || err.kind === 'passphrase-wrong')) {
      this.refuse(err.message, err.hint);
      return true;
    }
    const tls = explainTlsError(err, this.endpoint.display);
    if (tls?.refused) {
      this.refuse(tls.error, tls.hint);
      return true;
    }
    return false;
  }

  /** Disconnected until the user acts (connect() tries again): no automatic retries. */
  private refuse(error: string, hint: string, hostKey?: ConnectionStatus['hostKey']): void {
    this.setStatus({
      connectionId: this.id,
      state: 'disconnected',
      endpoint: this.endpoint.display,
      error,
      hint,
      generation: this.current.generation,
      refused: true,
      ...(hostKey ? { hostKey } : {}),
    });
  }

  /** A request ran out of time: say so, then ping until the engine answers again. */
  private notAnswering(err: EngineTimeoutError): void {
    // While connecting, the attempt itself fails with this error and says so; while disconnected, reconnection runs.
    if (this.closed || this.current.state !== 'connected') return;
    const { error, hint } = explainSilence(err, this.endpoint);
    this.setStatus({ ...this.current, state: 'not-answering', error, hint });
    this.retryIndex = 0;
    this.scheduleRetry();
  }

  /** One `/_ping` while the engine does not answer: back to connected when it does. */
  private async probe(): Promise<void> {
    try {
      await this.docker.ping();
    } catch (err) {
      if (this.closed || this.current.state !== 'not-answering') return;
      if (isEngineGoneError(err)) this.lost(err);
      else this.scheduleRetry();
      return;
    }
    if (this.closed || this.current.state !== 'not-answering') return;
    if (!this.eventStream) {
      // Never got as far as the event stream: connect in full.
      await this.connect();
      return;
    }
    const { error: _error, hint: _hint, ...answering } = this.current;
    this.retryIndex = 0;
    // A new generation: lists that failed or went stale while the engine was silent reload.
    this.setStatus({ ...answering, state: 'connected', generation: this.current.generation + 1 });
  }

  private async startEvents(): Promise<void> {
    this.stopEvents();
    // Resume just after the last event seen, so a restart of dockerd loses nothing we could know.
    const since = this.lastEventSeconds ?? Math.floor(Date.now() / 1000);
    const stream = await this.docker.getEvents({ since });
    // Everything before `since` has been seen (or predates us): a later resubscription starts here.
    this.lastEventSeconds = since;
    this.eventStream = stream;
    const splitter = new JsonLineSplitter();
    stream.on('data', (chunk: Buffer) => {
      for (const line of splitter.push(chunk)) {
        const parsed = parseEngineEventLine(line);
        if (!parsed) continue;
        const { event, attributes } = parsed;
        this.lastEventSeconds = Math.floor(event.timeNano / 1e9);
        for (const listener of this.eventListeners) listener(event, attributes);
      }
    });
    const onGone = (err?: unknown): void => {
      if (this.eventStream !== stream) return;
      this.lost(err ?? new Error('The engine closed its event stream'));
    };
    stream.on('end', () => onGone());
    stream.on('close', () => onGone());
    stream.on('error', (err: unknown) => onGone(err));
  }

  private stopEvents(): void {
    const stream = this.eventStream;
    this.eventStream = undefined;
    if (stream && 'destroy' in stream && typeof stream.destroy === 'function') stream.destroy();
  }

  /** The engine went away: say so at once, then try to come back. */
  private lost(err: unknown): void {
    if (this.closed || this.current.state === 'disconnected' || this.connecting) return;
    this.stopEvents();
    const { error, hint } = explainConnectionError(err, this.endpoint);
    this.setStatus({
      connectionId: this.id,
      state: 'disconnected',
      endpoint: this.endpoint.display,
      error,
      hint,
      generation: this.current.generation,
    });
    this.retryIndex = 0;
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    clearTimeout(this.retryTimer);
    const delays = this.retryDelaysMs;
    const delay = delays[Math.min(this.retryIndex, delays.length - 1)] ?? 1000;
    this.retryIndex += 1;
    this.retryAt = Date.now() + delay;
    this.retryTimer = setTimeout(() => void (this.current.state === 'not-answering' ? this.probe() : this.connect()), delay);
    this.retryTimer.unref?.();
  }

  private setStatus(status: ConnectionStatus): void {
    this.current = status;
    for (const listener of this.statusListeners) listener(status);
  }
}
