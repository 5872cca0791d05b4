import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { BerthError } from '../../../shared/errors.js';
import type { TerminalOutput } from '../../../shared/terminal-types.js';
import type { StreamSink } from '../../rpc/handler-types.js';
import type { EngineConnection } from '../engine-connection.js';
import { killSessionProcesses, resolveShell } from './exec-helpers.js';
import { FlowGate } from './flow-gate.js';
import { OutputBatcher } from './output-batcher.js';

export interface OpenTerminalRequest {
  containerId: string;
  shell: 'auto' | 'bash' | 'sh';
  cols: number;
  rows: number;
}

interface Session {
  readonly id: string;
  readonly clientId: string;
  readonly container: Docker.Container;
  readonly exec: Docker.Exec;
  readonly stream: Duplex;
  readonly batcher: OutputBatcher;
  readonly gate: FlowGate;
  sink: StreamSink<TerminalOutput> | undefined;
  /** Set once the process ended; delivered when (or if) the output is subscribed. */
  exit: Extract<TerminalOutput, { kind: 'exit' }> | undefined;
  closing: boolean;
}

/**
 * Interactive shells in containers through the Engine's exec API with a TTY. Output travels as
 * bytes, batched, with flow control driven by the client's acknowledgements. Each session belongs
 * to the client that opened it and ends when that client closes it or goes away.
 */
export class TerminalSessions {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly connection: EngineConnection) {}

  get openCount(): number {
    return this.sessions.size;
  }

  async open(clientId: string, request: OpenTerminalRequest): Promise<{ sessionId: string; shell: string }> {
    return this.connection.use(async (docker) => {
      const container = docker.getContainer(request.containerId);
      const shell = await resolveShell(container, request.shell);
      const id = randomUUID();
      const exec = await container.exec({
        Cmd: [shell],
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
        Env: [`BERTH_SESSION=${id}`, 'TERM=xterm-256color', 'COLORTERM=truecolor'],
      });
      const stream = await exec.start({ hijack: true, stdin: true, Tty: true });
      // Hold output until someone subscribes, so nothing is lost between open and subscribe.
      stream.pause();
      const session: Session = {
        id,
        clientId,
        container,
        exec,
        stream,
        sink: undefined,
        exit: undefined,
        closing: false,
        batcher: new OutputBatcher((batch) => this.deliver(session, batch)),
        gate: new FlowGate(
          () => stream.pause(),
          () => {
            if (session.sink) stream.resume();
          },
        ),
      };
      this.sessions.set(id, session);
      stream.on('data', (chunk: Buffer) => session.batcher.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
      stream.on('end', () => void this.ended(session));
      stream.on('close', () => void this.ended(session));
      stream.on('error', () => void this.ended(session));
      await exec.resize({ h: request.rows, w: request.cols }).catch(() => undefined);
      return { sessionId: id, shell };
    });
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
    if (!session.gate.isPaused) session.stream.resume();
    return () => {
      if (session.sink === sink) {
        session.sink = undefined;
        session.stream.pause();
      }
    };
  }

  write(clientId: string, sessionId: string, data: string): void {
    const session = this.owned(clientId, sessionId);
    if (!session.exit) session.stream.write(data);
  }

  async resize(clientId: string, sessionId: string, cols: number, rows: number): Promise<void> {
    const session = this.owned(clientId, sessionId);
    if (session.exit) return;
    await session.exec.resize({ h: rows, w: cols });
  }

  ack(clientId: string, sessionId: string, bytes: number): void {
    this.owned(clientId, sessionId).gate.acked(bytes);
  }

  /** Ends the session and every process it started in the container. */
  async close(clientId: string, sessionId: string): Promise<void> {
    const session = this.owned(clientId, sessionId);
    await this.terminate(session);
  }

  disposeClient(clientId: string): void {
    for (const session of [...this.sessions.values()]) {
      if (session.clientId === clientId) void this.terminate(session);
    }
  }

  async closeAll(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => this.terminate(s)));
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
    session.stream.destroy();
    session.sink?.send({ kind: 'exit', exitCode: null, reason: 'Terminal closed' });
    session.sink?.end();
    session.sink = undefined;
    if (this.connection.status.state === 'connected') {
      await killSessionProcesses(session.container, session.id).catch(() => undefined);
    }
  }

  private async ended(session: Session): Promise<void> {
    if (session.closing || session.exit) return;
    session.batcher.flush();
    session.exit = await this.describeExit(session);
    if (session.closing) return;
    if (session.sink) {
      session.sink.send(session.exit);
      session.sink.end();
      this.sessions.delete(session.id);
    }
  }

  private async describeExit(session: Session): Promise<Extract<TerminalOutput, { kind: 'exit' }>> {
    try {
      const info = await session.exec.inspect();
      const exitCode = info.ExitCode ?? null;
      const running = await session.container.inspect().then((c) => c.State.Running, () => false);
      if (!running) return { kind: 'exit', exitCode, reason: 'The container stopped' };
      return { kind: 'exit', exitCode, reason: exitCode === null ? 'The shell ended' : `The shell exited with code ${exitCode}` };
    } catch {
      return { kind: 'exit', exitCode: null, reason: 'Lost the connection to the Docker Engine' };
    }
  }
}
