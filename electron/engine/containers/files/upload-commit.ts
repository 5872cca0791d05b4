import { joinContainerPath } from '../../../../shared/container-path.js';
import { BerthError } from '../../../../shared/errors.js';
import type { UploadOutcome } from '../../../../shared/files-types.js';
import type { EngineConnection } from '../../engine-connection.js';
import { pathExists, type ContainerState } from './archive-api.js';
import { runInContainer } from './container-command.js';
import { fileError } from './files-errors.js';
import { describeDuration } from './transfer-timeouts.js';
import type { SpooledTar, UploadSpool } from './upload-spool.js';

/** Where an upload's files go: the folder as resolved (symlinks followed) and as the user named it. */
export interface UploadTarget {
  dir: string;
  shownDir: string;
}

/** How the engine request is watched: aborted when the engine takes no byte for `idleMs`. */
export interface CommitOptions {
  tempPrefix: string;
  idleMs: number;
}

/**
 * Puts a complete spooled upload into the container.
 *
 * Running container with `rm` and `mv`: each file is unpacked under a temporary name in the
 * target folder, its size checked, then renamed over the old name (`mv -T`, one rename(2): the old
 * file is whole until then). Whatever is not renamed is removed. The new file is owned by root
 * with mode 0644, as `docker cp` made it before.
 *
 * Otherwise (stopped, paused, no `mv`): no temporary could be removed afterwards, so the files
 * are unpacked under their own names; every byte is already on the Berth host, so only an engine
 * failure (full disk) can cut a file short there.
 */
export async function commitUpload(
  connection: EngineConnection,
  c: ContainerState,
  target: UploadTarget,
  spool: UploadSpool,
  options: CommitOptions,
): Promise<UploadOutcome> {
  const names = spool.files.map((f) => f.name);
  const tempNames = names.map((_n, i) => `${options.tempPrefix}-${i}`);
  const temps = tempNames.map((t) => joinContainerPath(target.dir, t));
  if (c.execable && (await canRename(connection, c, temps))) return commitByRename(connection, c, target, spool, tempNames, options.idleMs);
  await putTar(connection, c, target, spool.tar(names), options.idleMs);
  return { written: names, notWritten: [] };
}

/** `rm -f` of the temporary paths: proves the tools exist and clears any stale leftover. */
async function canRename(connection: EngineConnection, c: ContainerState, temps: readonly string[]): Promise<boolean> {
  try {
    return (await runInContainer(connection, c, ['rm', '-f', '--', ...temps])).exitCode === 0;
  } catch {
    return false;
  }
}

async function commitByRename(
  connection: EngineConnection,
  c: ContainerState,
  target: UploadTarget,
  spool: UploadSpool,
  tempNames: readonly string[],
  idleMs: number,
): Promise<UploadOutcome> {
  const outcome: UploadOutcome = { written: [], notWritten: [] };
  const temps = tempNames.map((t) => joinContainerPath(target.dir, t));
  const left = new Set(temps);
  try {
    await putTar(connection, c, target, spool.tar(tempNames), idleMs);
    for (const [i, file] of spool.files.entries()) {
      const temp = temps[i]!;
      const stat = await pathExists(connection, c, temp);
      if (stat?.kind !== 'file' || stat.size !== file.size) {
        outcome.notWritten.push({ name: file.name, reason: `only ${stat?.size ?? 0} of its ${file.size} bytes reached the container` });
        continue;
      }
      const moved = await runInContainer(connection, c, ['mv', '-f', '-T', '--', temp, joinContainerPath(target.dir, file.name)]);
      if (moved.exitCode === 0) {
        left.delete(temp);
        outcome.written.push(file.name);
      } else {
        outcome.notWritten.push({ name: file.name, reason: moved.output || `mv exited with ${moved.exitCode ?? 'no code'}` });
      }
    }
  } catch (err) {
    await removeTemps(connection, c, left);
    const reason = fileError(err, c.name, target.shownDir).message;
    if (outcome.written.length === 0) {
      throw new BerthError({
        code: err instanceof BerthError ? err.code : 'ENGINE_ERROR',
        message: `${reason}. Nothing was written; files already there are unchanged.`,
      });
    }
    const rest = spool.files
      .map((f) => f.name)
      .filter((n) => !outcome.written.includes(n) && !outcome.notWritten.some((x) => x.name === n));
    outcome.notWritten.push(...rest.map((name) => ({ name, reason })));
    return outcome;
  }
  await removeTemps(connection, c, left);
  return outcome;
}

async function putTar(
  connection: EngineConnection,
  c: ContainerState,
  target: UploadTarget,
  spooled: SpooledTar,
  idleMs: number,
): Promise<void> {
  // A tar that stops short or stalls would keep the engine reading (and the container locked): abort.
  const abort = new AbortController();
  let ended = false;
  spooled.tar.once('end', () => (ended = true));
  spooled.tar.once('error', () => abort.abort());
  spooled.tar.once('close', () => {
    if (!ended) abort.abort();
  });
  let seen = -1;
  const watchdog = setInterval(() => {
    if (!ended && spooled.bytesIn === seen) abort.abort();
    seen = spooled.bytesIn;
  }, idleMs);
  try {
    await connection.use(() =>
      c.container.putArchive(spooled.tar, { path: target.dir, noOverwriteDirNonDir: true, abortSignal: abort.signal }),
    );
  } catch (err) {
    spooled.destroy();
    if (abort.signal.aborted) {
      throw new BerthError({
        code: 'ENGINE_ERROR',
        message: `Writing into ${target.shownDir} stopped (the engine took no bytes for ${describeDuration(idleMs)}, or the spool on the Berth host failed)`,
      });
    }
    throw fileError(err, c.name, target.shownDir);
  } finally {
    clearInterval(watchdog);
  }
}

async function removeTemps(connection: EngineConnection, c: ContainerState, temps: ReadonlySet<string>): Promise<void> {
  if (temps.size === 0) return;
  await runInContainer(connection, c, ['rm', '-f', '--', ...temps]).catch(() => undefined);
}
