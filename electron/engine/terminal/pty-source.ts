import type { TerminalExit, TerminalSource } from './terminal-source.js';

interface PtyProcess {
  onData(listener: (data: string | Buffer) => void): { dispose(): void };
  onExit(listener: (e: { exitCode: number; signal?: number }) => void): { dispose(): void };
  write(data: string): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  kill(signal?: string): void;
}

/** node-pty keeps unwritten input in a private queue; read its size when the shape is the one we know. */
function ptyQueuedBytes(proc: PtyProcess): number {
  const queue = (proc as unknown as { _writeStream?: { _writeQueue?: unknown } })._writeStream?._writeQueue;
  if (!Array.isArray(queue)) return 0;
  let total = 0;
  for (const task of queue as Array<{ buffer?: unknown; offset?: unknown }>) {
    if (task.buffer instanceof Uint8Array && typeof task.offset === 'number') total += task.buffer.byteLength - task.offset;
  }
  return total;
}

interface PtyModule {
  spawn(
    file: string,
    args: string[],
    options: { name: string; cols: number; rows: number; cwd: string; env: NodeJS.ProcessEnv; encoding: null },
  ): PtyProcess;
}

/** node-pty is native: load it only when a host shell is asked for, so Berth runs without it. */
async function loadPty(): Promise<PtyModule> {
  const mod = (await import('node-pty')) as unknown as PtyModule & { default?: PtyModule };
  return mod.default ?? mod;
}

/** A login shell on the machine Berth runs on, so a learner can type `docker` beside the GUI. */
export async function openPtySource(cols: number, rows: number): Promise<TerminalSource> {
  const pty = await loadPty();
  const shell = process.env.SHELL || (process.platform === 'win32' ? 'powershell.exe' : '/bin/bash');
  const home = process.env.HOME ?? process.cwd();
  const proc = pty.spawn(shell, [], {
    name: 'xterm-256color',
    cols,
    rows,
    cwd: home,
    env: { ...process.env, TERM: 'xterm-256color' },
    encoding: null,
  });
  proc.pause();
  let exit: TerminalExit | undefined;
  const endListeners: Array<() => void> = [];
  proc.onExit(({ exitCode, signal }) => {
    exit = {
      exitCode,
      reason: signal ? `The shell was ended by signal ${signal}` : `The shell exited with code ${exitCode}`,
      cause: 'exited',
    };
    for (const l of endListeners) l();
  });
  return {
    label: shell.split('/').pop() ?? 'shell',
    onData: (listener) =>
      void proc.onData((data) =>
        listener(typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
      ),
    onEnd: (listener) => void endListeners.push(listener),
    write: (data) => proc.write(data),
    queuedInputBytes: () => ptyQueuedBytes(proc),
    resize: async (c, r) => proc.resize(c, r),
    pause: () => proc.pause(),
    resume: () => proc.resume(),
    describeExit: async () => exit ?? { exitCode: null, reason: 'The shell ended', cause: 'exited' },
    terminate: async () => {
      if (!exit) proc.kill('SIGHUP');
      return 'done';
    },
  };
}
