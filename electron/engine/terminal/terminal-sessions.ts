import { randomUUID } from 'node:crypto';
import { BerthError } from '../../../shared/errors.js';
import { terminalLimits, type TerminalOutput } from '../../../shared/terminal-types.js';
import type { StreamSink } from '../stream-sink.js';
import type { EngineConnection } from '../engine-connection.js';
import { openAttachSource, type AttachOptions } from './attach-source.js';
import { createContainer, type CreatedContainer } from '../containers/run-container.js';
import type { RunSpec } from '../../../shared/run-spec.js';
import { toRpcError } from '../to-rpc-error.js';
import { openExecSource, type ExecOptions } from './exec-source.js';
import { FlowGate } from './flow-gate.js';
import { OrphanReaper } from './orphan-reaper.js';
import { OutputBatcher } from './output-batcher.js';
import { PendingOpens } from './pending-opens.js';
import { openPtySource } from './pty-source.js';
import type { TerminalSource } from './terminal-source.js';

export interface OpenTerminalRequest extends ExecOptions {
  containerId: string;
}

export interface TerminalLimits {
  readonly perClient: number;
  readonly queuedInputBytes: number;
}

type ExitMessage = Extract<TerminalOutput, { kind: 'exit' }>;
type Opened = { sessionId: string; shell: string };
type RunOpened = Opened & { containerId: string; containerName: string };

interface Session {
  readonly id: string;
  readonly clientId: string;
  readonly source: TerminalSource;
  readonly batcher: OutputBatcher;
  readonly gate: FlowGate;
  sink: StreamSink<TerminalOutput> | undefined;
  /** Set once the process ended; delivered when (or if) the output is subscribed. */
  exit: ExitMessage | undefined;
  closing: boolean;
}

const mib = (bytes: number): string => `${Math.round((bytes / 1_048_576) * 10) / 10} MiB`;

/**
 * Interactive terminals: shells in containers (exec with a TTY), a container's main process
 * (attach), or a shell on the host (pty). Output travels as bytes, batched, with flow control
 * driven by the client's acknowledgements. Each session belongs to the client that opened it and
 * ends, with every process it started, when that client closes it or goes away (even while it is
 * still opening). Sessions cut off from the engine have their processes ended once it answers.
 */
export class TerminalSessions {
  private readonly sessions = new Map<string, Session>();
  private readonly opening = new PendingOpens();
  private readonly orphans = new OrphanReaper();

  constructor(
    private readonly connection: EngineConnection,
    private readonly limits: TerminalLimits = terminalLimits,
  ) {
    connection.onStatus((status) => {
      if (status.state === 'connected' && this.orphans.size > 0) void this.orphans.retry();
    });
  }

  get openCount(): number {
    return this.sessions.size;
  }

  /** Ended sessions whose processes still wait for the engine to answer so they can be ended. */
  get unreapedCount(): number {
    return this.orphans.size;
  }

  open(clientId: string, request: OpenTerminalRequest): Promise<Opened> {
    return this.start(clientId, (id) =>
      this.connection.use((docker) => openExecSource(docker.getContainer(request.containerId), id, request)),
    );
  }

  /** `docker attach`, or with `start` `docker start -a -i` (attached first, then started when it is not running). */
  attach(clientId: string, containerId: string, cols: number, rows: number, options: AttachOptions = {}): Promise<Opened> {
    return this.start(clientId, () =>
      this.connection.use((docker) => openAttachSource(docker.getContainer(containerId), cols, rows, options)),
    );
  }

  /**
   * `docker run -it`: creates the container with a TTY and open stdin, attaches, then starts it.
   * When it is created but cannot start, it is left created (to inspect or remove) and the error names it.
   */
  async run(clientId: string, spec: RunSpec, cols: number, rows: number): Promise<RunOpened> {
    let created: CreatedContainer | undefined;
    const opened = await this.start(clientId, async () => {
      created = await createContainer(this.connection, { ...spec, interactive: true, tty: true });
      const { container, name } = created;
      try {
        return await this.connection.use(() => openAttachSource(container, cols, rows, { start: true }));
      } catch (err) {
        const payload = toRpcError(err);
        const reason = payload.message.replace(/^It did not start: /, '');
        throw new BerthError({ ...payload, message: `Created ${name}, but it did not start: ${reason}` });
      }
    });
    if (!created) throw new BerthError({ code: 'INTERNAL', message: 'The container was not created' });
    return { ...opened, containerId: created.id, containerName: created.name };
  }

  openHost(clientId: string, cols: number, rows: number): Promise<Opened> {
    return this.start(clientId, () => openPtySource(cols, rows));
  }

  /** A session over a source opened elsewhere (a debug shell's toolbox container), with the same bounds and clean-up. */
  openSource(clientId: string, open: () => Promise<TerminalSource>): Promise<Opened> {
    return this.start(clientId, open);
  }

  /** Connects a session's output to a client's stream; returns the closer for that stream. */
  attachOutput(clientId: string, sessionId: string, sink: StreamSink<TerminalOutput>): () => void {
    const session = this.owned(clientId, sessionId);
    if (session.sink) throw new BerthError({ code: 'CONFLICT', message: 'This terminal already has a viewer' });
    session.sink = sink;
    if (session.exit) {
      sink.send(session.exit);
      sink.end();
      this.sessions.delete(session.id);
      return () => undefined;
    }
    if (!session.gate.isPaused) session.source.resume();
    return () => {
      if (session.sink === sink) {
        session.sink = undefined;
        session.source.pause();
      }
    };
  }

  /**
   * Sends keystrokes. Input waits in Berth's memory while the process does not read it: past the
   * bound it is refused, so a shell that never reads cannot grow the server without end.
   */
  write(clientId: string, sessionId: string, data: string): void {
    const session = this.owned(clientId, sessionId);
    if (session.exit)
      throw new BerthError({ code: 'CONFLICT', message: `This terminal has ended (${session.exit.reason}): its input goes nowhere` });
    const queued = session.source.queuedInputBytes();
    if (queued > 0 && queued + Buffer.byteLength(data) > this.limits.queuedInputBytes) {
      throw new BerthError({
        code: 'LIMIT_REACHED',
        message: `The terminal is not reading its input: ${mib(queued)} already waits for it (at most ${mib(this.limits.queuedInputBytes)}), so this input was not sent`,
      });
    }
    session.source.write(data);
  }

  async resize(clientId: string, sessionId: string, cols: number, rows: number): Promise<void> {
    const session = this.owned(clientId, sessionId);
    if (!session.exit) await session.source.resize(cols, rows);
  }

  ack(clientId: string, sessionId: string, bytes: number): void {
    this.owned(clientId, sessionId).gate.acked(bytes);
  }

  /** Ends the session and every process it started. */
  async close(clientId: string, sessionId: string): Promise<void> {
    await this.terminate(this.owned(clientId, sessionId));
  }

  disposeClient(clientId: string): void {
    this.opening.cancelClient(clientId);
    for (const session of [...this.sessions.values()]) {
      if (session.clientId === clientId) void this.terminate(session);
    }
  }

  async closeAll(): Promise<void> {
    this.opening.cancelAll();
    await Promise.all([...this.sessions.values()].map((s) => this.terminate(s)));
  }

  /** Opens a source for `clientId` within its bound; ends it at once if the client left meanwhile. */
  private async start(clientId: string, openSource: (sessionId: string) => Promise<TerminalSource>): Promise<Opened> {
    const open = [...this.sessions.values()].filter((s) => s.clientId === clientId).length + this.opening.count(clientId);
    if (open >= this.limits.perClient) {
      throw new BerthError({
        code: 'LIMIT_REACHED',
        message: `At most ${this.limits.perClient} terminals can be open in one window: close one to open another`,
      });
    }
    const id = randomUUID();
    const ticket = this.opening.begin(clientId);
    let source: TerminalSource;
    try {
      source = await openSource(id);
    } finally {
      this.opening.end(ticket);
    }
    if (ticket.cancelled) {
      await this.orphans.reap(source);
      throw new BerthError({ code: 'CONFLICT', message: 'The window that asked for this terminal has gone, so it was closed' });
    }
    return { sessionId: this.register(id, clientId, source), shell: source.label };
  }

  private register(id: string, clientId: string, source: TerminalSource): string {
    const session: Session = {
      id,
      clientId,
      source,
      sink: undefined,
      exit: undefined,
      closing: false,
      batcher: new OutputBatcher((batch) => this.deliver(session, batch)),
      // Output is held (source paused) until someone subscribes, so nothing is lost in between.
      gate: new FlowGate(
        () => source.pause(),
        () => {
          if (session.sink) source.resume();
        },
      ),
    };
    this.sessions.set(id, session);
    source.onData((bytes) => session.batcher.push(bytes));
    source.onEnd(() => void this.ended(session));
    return id;
  }

  private owned(clientId: string, sessionId: string): Session {
    const session = this.sessions.get(sessionId);
    if (!session) throw new BerthError({ code: 'NOT_FOUND', message: 'No such terminal session (it may have ended)' });
    if (session.clientId !== clientId) throw new BerthError({ code: 'FORBIDDEN', message: 'This terminal belongs to another window' });
    return session;
  }

  private deliver(session: Session, batch: Uint8Array): void {
    if (!session.sink) return;
    session.sink.send({ kind: 'data', data: batch });
    session.gate.sent(batch.byteLength);
  }

  private async terminate(session: Session): Promise<void> {
    if (session.closing) return;
    session.closing = true;
    this.sessions.delete(session.id);
    session.batcher.dispose();
    session.sink?.send({ kind: 'exit', exitCode: null, reason: 'Terminal closed', cause: 'closed' });
    session.sink?.end();
    session.sink = undefined;
    await this.orphans.reap(session.source);
  }

  private async ended(session: Session): Promise<void> {
    if (session.closing || session.exit) return;
    session.batcher.flush();
    session.exit = { kind: 'exit', ...(await session.source.describeExit()) };
    // The stream broke while the processes may still run: end them now, or once the engine answers.
    if (session.exit.cause === 'connection-lost') void this.orphans.reap(session.source);
    if (session.closing) return;
    if (session.sink) {
      session.sink.send(session.exit);
      session.sink.end();
      this.sessions.delete(session.id);
    }
  }
}
