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

interface PtyModule {
  spawn(file: string, args: string[], options: { name: string; cols: number; rows: number; cwd: string; env: NodeJS.ProcessEnv; encoding: null }): PtyProcess;
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
  const proc = pty.spawn(shell, [], { name: 'xterm-256color', cols, rows, cwd: home, env: { ...process.env, TERM: 'xterm-256color' }, encoding: null });
  proc.pause();
  let exit: TerminalExit | undefined;
  const endListeners: Array<() => void> = [];
  proc.onExit(({ exitCode, signal }) => {
    exit = { exitCode, reason: signal ? `The shell was ended by signal ${signal}` : `The shell exited with code ${exitCode}` };
    for (const l of endListeners) l();
  });
  return {
    label: shell.split('/').pop() ?? 'shell',
    onData: (listener) =>
      void proc.onData((data) => listener(typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength))),
    onEnd: (listener) => void endListeners.push(listener),
    write: (data) => proc.write(data),
    resize: async (c, r) => proc.resize(c, r),
    pause: () => proc.pause(),
    resume: () => proc.resume(),
    describeExit: async () => exit ?? { exitCode: null, reason: 'The shell ended' },
    terminate: async () => {
      if (!exit) proc.kill('SIGHUP');
    },
  };
}
