import type { Readable } from 'node:stream';
import type { EngineConnection } from '../../engine-connection.js';
import { LogFrameDemuxer } from '../log-frame-demuxer.js';
import type { ContainerState } from './archive-api.js';

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
  const output = await collectOutput(stream);
  return { exitCode: await exitCodeOf(exec), output };
}

function collectOutput(stream: Readable): Promise<string> {
  return new Promise((resolve, reject) => {
    const demuxer = new LogFrameDemuxer();
    const parts: Uint8Array[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new Error(`the command ran longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    stream.on('data', (chunk: Buffer) => {
      for (const part of demuxer.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))) {
        if (size >= maxOutputBytes) continue;
        parts.push(part.data.slice(0, maxOutputBytes - size));
        size += part.data.byteLength;
      }
    });
    const done = (): void => {
      clearTimeout(timer);
      resolve(Buffer.concat(parts).toString('utf8').trim());
    };
    // A hijacked connection may close without 'end'; resolving twice is harmless.
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** The engine may still report the exec as running for a moment after its output ended. */
async function exitCodeOf(exec: { inspect(): Promise<{ Running: boolean; ExitCode: number | null }> }): Promise<number | null> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const info = await exec.inspect();
    if (!info.Running) return info.ExitCode;
    await new Promise((r) => setTimeout(r, 20));
  }
  return null;
}
