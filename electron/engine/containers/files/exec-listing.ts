import type { Readable } from 'node:stream';
import type { DirectoryListing } from '../../../../shared/files-types.js';
import { filesLimits } from '../../../../shared/files-types.js';
import type { EngineConnection } from '../../engine-connection.js';
import { LogFrameDemuxer } from '../log-frame-demuxer.js';
import type { ContainerState } from './archive-api.js';
import { noSuchPath, notADirectory, permissionDenied } from './files-errors.js';
import { listingExitCodes, listingScript, parseListingOutput } from './listing-script.js';

/** The script's output is at most this big (20,000 entries with long names and link targets fit). */
const maxOutputBytes = 32 * 1024 * 1024;
const timeoutMs = 30_000;

/** The exec could not do the job (no `sh`, no `stat`, odd output): list through the archive API instead. */
export class ExecListingUnavailable extends Error {}

/** Lists a directory of a running container with listing-script.ts, run as root like `docker cp`. */
export async function listByExec(connection: EngineConnection, c: ContainerState, path: string): Promise<DirectoryListing> {
  let output: Uint8Array;
  let exitCode: number | null;
  try {
    const exec = await connection.use(() =>
      c.container.exec({
        Cmd: ['sh', '-c', listingScript, 'berth-ls', path, String(filesLimits.listMaxEntries)],
        AttachStdout: true,
        AttachStderr: true,
        Tty: false,
        User: '0',
      }),
    );
    const stream = (await exec.start({ hijack: true, stdin: false })) as unknown as Readable;
    output = await collectStdout(stream);
    exitCode = await exitCodeOf(exec);
  } catch (err) {
    throw new ExecListingUnavailable(err instanceof Error ? err.message : String(err));
  }
  if (exitCode === listingExitCodes.notFound) throw noSuchPath(c.name, path);
  if (exitCode === listingExitCodes.notDirectory) throw notADirectory(path);
  if (exitCode === listingExitCodes.permissionDenied) throw permissionDenied(path);
  if (exitCode !== 0) throw new ExecListingUnavailable(`the listing script exited with ${exitCode}`);
  try {
    const parsed = parseListingOutput(output);
    return {
      path,
      entries: parsed.entries,
      method: 'exec',
      ...(parsed.truncated ? { partial: `Showing the first ${filesLimits.listMaxEntries} entries only.` } : {}),
    };
  } catch (err) {
    throw new ExecListingUnavailable(err instanceof Error ? err.message : String(err));
  }
}

function collectStdout(stream: Readable): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const demuxer = new LogFrameDemuxer();
    const parts: Uint8Array[] = [];
    let size = 0;
    const timer = setTimeout(() => {
      stream.destroy();
      reject(new Error(`listing took longer than ${timeoutMs / 1000} s`));
    }, timeoutMs);
    stream.on('data', (chunk: Buffer) => {
      for (const part of demuxer.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))) {
        if (part.stream !== 'stdout') continue;
        size += part.data.byteLength;
        if (size > maxOutputBytes) {
          clearTimeout(timer);
          stream.destroy();
          reject(new Error('the listing output is too big'));
          return;
        }
        parts.push(part.data.slice());
      }
    });
    const done = (): void => {
      clearTimeout(timer);
      resolve(Buffer.concat(parts));
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
