import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { normalizeContainerPath, parentContainerPath } from '../../../../shared/container-path.js';
import { BerthError } from '../../../../shared/errors.js';
import type { EngineConnection } from '../../engine-connection.js';
import { containerGone, fileError, noSuchPath } from './files-errors.js';
import { decodePathStat, pathStatHeader, type PathStat } from './path-stat.js';

const maxLinkHops = 16;

export interface ContainerState {
  container: Docker.Container;
  /** The container's name (without the leading /), for messages. */
  name: string;
  /** Running and not paused: exec is possible. */
  execable: boolean;
}

/** Inspects the container first, so a later 404 means the path and not the container. */
export async function openContainer(connection: EngineConnection, id: string): Promise<ContainerState> {
  const container = connection.requireConnected().getContainer(id);
  try {
    const info = await connection.use(() => container.inspect());
    return { container, name: info.Name.replace(/^\//, '') || id, execable: info.State.Running && !info.State.Paused };
  } catch (err) {
    if (typeof err === 'object' && err !== null && (err as { statusCode?: unknown }).statusCode === 404) throw containerGone(id);
    throw err;
  }
}

/** One path's stat (`HEAD /containers/{id}/archive`); NOT_FOUND when it does not exist. */
export async function statPath(connection: EngineConnection, c: ContainerState, path: string): Promise<PathStat> {
  let response: { headers?: Record<string, string | string[] | undefined>; resume?: () => void };
  try {
    response = (await connection.use(() => c.container.infoArchive({ path }))) as typeof response;
  } catch (err) {
    // A HEAD reply has no body, so dockerode names every 404 "no such container"; the container
    // was inspected just before, so it is the path.
    if (typeof err === 'object' && err !== null && (err as { statusCode?: unknown }).statusCode === 404) throw noSuchPath(c.name, path);
    throw fileError(err, c.name, path);
  }
  response.resume?.();
  const stat = decodePathStat(response.headers?.[pathStatHeader]);
  if (!stat) throw new BerthError({ code: 'ENGINE_ERROR', message: `The engine did not describe ${path}` });
  return stat;
}

/** Whether a path exists (false on NOT_FOUND only). */
export async function pathExists(connection: EngineConnection, c: ContainerState, path: string): Promise<PathStat | undefined> {
  try {
    return await statPath(connection, c, path);
  } catch (err) {
    if (err instanceof BerthError && err.code === 'NOT_FOUND' && err.path?.[0] === path) return undefined;
    throw err;
  }
}

/** Follows symlinks (relative ones from their folder) to what they finally name. */
export async function resolvePath(
  connection: EngineConnection,
  c: ContainerState,
  path: string,
): Promise<{ path: string; stat: PathStat }> {
  let at = path;
  for (let hop = 0; hop <= maxLinkHops; hop++) {
    const stat = await statPath(connection, c, at);
    if (stat.kind !== 'symlink' || stat.linkTarget === '') return { path: at, stat };
    const target = stat.linkTarget.startsWith('/') ? stat.linkTarget : `${parentContainerPath(at)}/${stat.linkTarget}`;
    at = normalizeContainerPath(target);
  }
  throw new BerthError({ code: 'BAD_REQUEST', message: `Too many levels of symbolic links: ${path}` });
}

/** The tar of a path (`GET /containers/{id}/archive`), as a stream. */
export async function getArchive(connection: EngineConnection, c: ContainerState, path: string): Promise<Readable> {
  try {
    return (await connection.use(() => c.container.getArchive({ path }))) as unknown as Readable;
  } catch (err) {
    throw fileError(err, c.name, path);
  }
}
