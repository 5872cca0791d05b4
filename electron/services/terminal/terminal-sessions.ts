import { randomUUID } from 'node:crypto';
import { BerthError } from '../../../shared/errors.js';
import type { TerminalOutput } from '../../../shared/terminal-types.js';
import type { StreamSink } from '../../rpc/handler-types.js';
import type { EngineConnection } from '../engine-connection.js';
import { openAttachSource } from './attach-source.js';
import { openExecSource, type ExecOptions } from './exec-source.js';
import { FlowGate } from './flow-gate.js';
import { OutputBatcher } from './output-batcher.js';
import { openPtySource } from './pty-source.js';
import type { TerminalSource } from './terminal-source.js';

export interface OpenTerminalRequest extends ExecOptions {
  containerId: string;
}

type ExitMessage = Extract<TerminalOutput, { kind: 'exit' }>;

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

/**
 * Interactive terminals: shells in containers (exec with a TTY), a container's main process
 * (attach), or a shell on the host (pty). Output travels as bytes, batched, with flow control
 * driven by the client's acknowledgements. Each session belongs to the client that opened it and
 * ends when that client closes it or goes away.
 */
export class TerminalSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly connection: EngineConnection) {}

  get openCount(): number {
    return this.sessions.size;
  }

  async open(clientId: string, request: OpenTerminalRequest): Promise<{ sessionId: string; shell: string }> {
    const id = randomUUID();
    const source = await this.connection.use((docker) => openExecSource(docker.getContainer(request.containerId), id, request));
    return { sessionId: this.register(id, clientId, source), shell: source.label };
  }

  async attach(clientId: string, containerId: string, cols: number, rows: number): Promise<{ sessionId: string; shell: string }> {
    const source = await this.connection.use((docker) => openAttachSource(docker.getContainer(containerId), cols, rows));
    return { sessionId: this.register(randomUUID(), clientId, source), shell: source.label };
  }

  async openHost(clientId: string, cols: number, rows: number): Promise<{ sessionId: string; shell: string }> {
    const source = await openPtySource(cols, rows);
    return { sessionId: this.register(randomUUID(), clientId, source), shell: source.label };
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

  write(clientId: string, sessionId: string, data: string): void {
    const session = this.owned(clientId, sessionId);
    if (!session.exit) session.source.write(data);
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
    for (const session of [...this.sessions.values()]) {
      if (session.clientId === clientId) void this.terminate(session);
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => this.terminate(s)));
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
    session.sink?.send({ kind: 'exit', exitCode: null, reason: 'Terminal closed' });
    session.sink?.end();
    session.sink = undefined;
    await session.source.terminate();
  }

  private async ended(session: Session): Promise<void> {
    if (session.closing || session.exit) return;
    session.batcher.flush();
    session.exit = { kind: 'exit', ...(await session.source.describeExit()) };
    if (session.closing) return;
    if (session.sink) {
      session.sink.send(session.exit);
      session.sink.end();
      this.sessions.delete(session.id);
    }
  }
}
