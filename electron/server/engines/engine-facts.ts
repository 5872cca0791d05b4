import type { EngineFacts } from '../../../shared/engines-contract.js';
import type { EngineConnection } from '../../engine/engine-connection.js';

/** The parts of `docker info` (GET /info) the fleet shows. */
interface DockerInfo {
  ServerVersion?: string;
  OperatingSystem?: string;
  OSType?: string;
  Architecture?: string;
  NCPU?: number;
  MemTotal?: number;
  Containers?: number;
  ContainersRunning?: number;
}

/** Container events that change the running or total count. */
const countingActions = new Set(['create', 'start', 'die', 'destroy', 'pause', 'unpause', 'restart', 'kill', 'stop']);

/** After an event, wait this long for more before reading `docker info` again: a burst costs one request. */
export const factsSettleMs = 1500;

export function factsFromInfo(info: DockerInfo, readAt: number): EngineFacts {
  const whole = (n: unknown): number | undefined => (typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.floor(n) : undefined);
  return {
    ...(info.ServerVersion ? { engineVersion: info.ServerVersion } : {}),
    ...(info.OperatingSystem || info.OSType ? { os: info.OperatingSystem || info.OSType } : {}),
    ...(info.Architecture ? { arch: info.Architecture } : {}),
    ...(whole(info.NCPU) === undefined ? {} : { cpus: whole(info.NCPU) }),
    ...(whole(info.MemTotal) === undefined ? {} : { memoryBytes: whole(info.MemTotal) }),
    ...(whole(info.ContainersRunning) === undefined ? {} : { containersRunning: whole(info.ContainersRunning) }),
    ...(whole(info.Containers) === undefined ? {} : { containersTotal: whole(info.Containers) }),
    readAt,
  };
}

/**
 * Keeps one engine's facts: read when the connection (re)connects and again after container events
 * settle; never on a timer, so an idle engine gets no requests from it.
 */
export class EngineFactsWatch {
  private current: EngineFacts = {};
  private timer: NodeJS.Timeout | undefined;
  private reading = false;
  private again = false;
  private closed = false;
  private lastGeneration = -1;
  private readonly unsubscribe: Array<() => void>;

  constructor(
    private readonly connection: EngineConnection,
    private readonly onChange: () => void,
    private readonly settleMs = factsSettleMs,
    /** The engine's live model's counts: after container events they come from it, with no `docker info` request. */
    private readonly counts?: () => { running: number; total: number } | undefined,
  ) {
    this.unsubscribe = [
      connection.onStatus((status) => {
        if (status.state === 'connected' && status.generation !== this.lastGeneration) {
          this.lastGeneration = status.generation;
          void this.read();
        }
      }),
      connection.onEvent((event) => {
        if (event.type === 'container' && countingActions.has(event.action)) this.soon();
      }),
    ];
    if (connection.status.state === 'connected') {
      this.lastGeneration = connection.status.generation;
      void this.read();
    }
  }

  get facts(): EngineFacts {
    const status = this.connection.status;
    // The connection's own version answer is fresher than the last info when they differ (an engine upgraded under us).
    return {
      ...this.current,
      ...(status.engineVersion ? { engineVersion: status.engineVersion } : {}),
      ...(status.apiVersion ? { apiVersion: status.apiVersion } : {}),
    };
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const off of this.unsubscribe) off();
  }

  private soon(): void {
    if (this.closed) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.countFromModel() ? undefined : void this.read()), this.settleMs);
    this.timer.unref?.();
  }

  /** Takes the counts from the live model when it has them; false when `docker info` must be read instead. */
  private countFromModel(): boolean {
    const counts = this.counts?.();
    if (!counts || this.closed) return false;
    if (counts.running !== this.current.containersRunning || counts.total !== this.current.containersTotal) {
      this.current = { ...this.current, containersRunning: counts.running, containersTotal: counts.total, readAt: Date.now() };
      this.onChange();
    }
    return true;
  }

  private async read(): Promise<void> {
    if (this.closed) return;
    if (this.reading) {
      this.again = true;
      return;
    }
    this.reading = true;
    try {
      const info = (await this.connection.use((docker) => docker.info())) as DockerInfo;
      if (this.closed) return;
      this.current = factsFromInfo(info, Date.now());
      this.onChange();
    } catch {
      // The connection reports a lost or silent engine itself; the facts keep their last values.
    } finally {
      this.reading = false;
      if (this.again && !this.closed) {
        this.again = false;
        void this.read();
      }
    }
  }
}
