import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { resolveShell } from './exec-helpers.js';
import { describeExecEnd } from './exec-end.js';
import { onceStreamEnds, toBytes } from './duplex-source-parts.js';
import { engineAnswered, findSessionLeader, killSessionProcesses } from './session-reaper.js';
import type { TerminalSource } from './terminal-source.js';

export interface ExecOptions {
  shell: 'auto' | 'bash' | 'sh';
  user?: string;
  workdir?: string;
  env?: string[];
  cols: number;
  rows: number;
}

/** A shell in a running container through the Engine's exec API with a TTY (`docker exec -it`). */
export async function openExecSource(container: Docker.Container, sessionId: string, options: ExecOptions): Promise<TerminalSource> {
  const shell = await resolveShell(container, options.shell);
  const exec = await container.exec({
    Cmd: [shell],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    ...(options.user ? { User: options.user } : {}),
    ...(options.workdir ? { WorkingDir: options.workdir } : {}),
    // BERTH_SESSION marks every process of this session so closing can find them (session-reaper).
    Env: [`BERTH_SESSION=${sessionId}`, 'TERM=xterm-256color', 'COLORTERM=truecolor', ...(options.env ?? [])],
  });
  const stream: Duplex = await exec.start({ hijack: true, stdin: true, Tty: true });
  stream.pause();
  await exec.resize({ h: options.rows, w: options.cols }).catch(() => undefined);
  // The shell's PID, found while the prompt draws. Keystrokes wait for it (a fraction of a second
  // at most), so a shell cannot drop its marker (`exec env -i sh`) before it was seen.
  let held: string[] | undefined = [];
  let heldBytes = 0;
  const leader = findSessionLeader(container, sessionId)
    .catch(() => undefined)
    .finally(() => {
      const pending = held ?? [];
      held = undefined;
      heldBytes = 0;
      for (const data of pending) stream.write(data);
    });
  return {
    label: shell,
    onData: (listener) => stream.on('data', (chunk: Buffer) => listener(toBytes(chunk))),
    onEnd: (listener) => onceStreamEnds(stream, listener),
    write: (data) => {
      if (!held) return void stream.write(data);
      held.push(data);
      heldBytes += Buffer.byteLength(data);
    },
    queuedInputBytes: () => heldBytes + stream.writableLength,
    resize: async (cols, rows) => {
      await exec.resize({ h: rows, w: cols });
    },
    pause: () => stream.pause(),
    resume: () => stream.resume(),
    describeExit: () => describeExecEnd(container, exec),
    terminate: async () => {
      stream.destroy();
      try {
        await killSessionProcesses(container, sessionId, await leader);
        return 'done';
      } catch (err) {
        return engineAnswered(err) ? 'done' : 'unreachable';
      }
    },
  };
}
