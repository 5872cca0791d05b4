import type { Readable } from 'node:stream';
import type { EngineConnection } from '../../engine-connection.js';
import type { ContainerState } from './archive-api.js';
import { exitCodeOf, readExecOutput } from './exec-output.js';

export interface CommandResult {
  /** null when the engine did not report one (the command could not start, or outlived the wait). */
  exitCode: number | null;
  /** The first bytes of stdout and stderr together, for an error message. */
  output: string;
}

const maxOutputBytes = 4096;
const timeoutMs = 30_000;

/**
 * Runs a short command in a running container as root (as `docker cp` writes files), with its
 * arguments as an array (no shell), and waits for its exit code.
 */
export async function runInContainer(connection: EngineConnection, c: ContainerState, cmd: readonly string[]): Promise<CommandResult> {
  const exec = await connection.use(() =>
    c.container.exec({ Cmd: [...cmd], AttachStdout: true, AttachStderr: true, Tty: false, User: '0' }),
  );
  const stream = (await connection.use(() => exec.start({ hijack: true, stdin: false }))) as unknown as Readable;
  const output = await readExecOutput(stream, {
    streams: 'stdout+stderr',
    maxBytes: maxOutputBytes,
    overflow: 'keep-first',
    timeoutMs,
    what: 'the command',
  });
  return { exitCode: await exitCodeOf(exec), output: Buffer.from(output).toString('utf8').trim() };
}
