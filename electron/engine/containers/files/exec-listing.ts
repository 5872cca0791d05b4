import type { Readable } from 'node:stream';
import type { DirectoryListing } from '../../../../shared/files-types.js';
import { filesLimits } from '../../../../shared/files-types.js';
import type { EngineConnection } from '../../engine-connection.js';
import type { ContainerState } from './archive-api.js';
import { exitCodeOf, readExecOutput } from './exec-output.js';
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
    output = await readExecOutput(stream, {
      streams: 'stdout',
      maxBytes: maxOutputBytes,
      overflow: 'fail',
      timeoutMs,
      what: 'the listing',
    });
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
