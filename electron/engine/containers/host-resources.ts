import type Docker from 'dockerode';
import { BerthError } from '../../../shared/errors.js';
import { hostCheckScript, hostRootView, type HostResources } from '../../../shared/robot-run-contract.js';
import type { XauthFile } from '../../../shared/xauth-check.js';
import type { EngineConnection } from '../engine-connection.js';
import { LogFrameDemuxer } from './log-frame-demuxer.js';

/** Marks the short-lived container that reads the engine host's devices and sockets. */
export const hostCheckLabel = 'berth.host-check';

type HostListing = Omit<HostResources, 'nvidiaRuntime' | 'runtimes' | 'xauth' | 'xauthLooked'> & { xauth: XauthFile[] };

/** `xauth /home/ada/.Xauthority 1000 600 52`: the path may hold spaces, so the numbers are read from the end. */
function parseXauthLine(line: string): XauthFile | undefined {
  const match = /^xauth (\/.*) (\d+) ([0-7]{3,4}) (\d+)$/.exec(line.trim());
  if (!match) return undefined;
  return { path: match[1] as string, uid: Number(match[2]), mode: match[3] as string, size: Number(match[4]) };
}

/** The helper's lines, sorted into what the presets offer. */
export function parseHostListing(text: string): HostListing {
  const out: HostListing = { serial: [], cameras: [], joysticks: [], dri: [], x11: [], wayland: [], xauth: [] };
  const lists = { serial: out.serial, camera: out.cameras, joystick: out.joysticks, dri: out.dri, x11: out.x11, wayland: out.wayland };
  for (const line of text.split(/\r?\n/)) {
    const at = line.indexOf(' ');
    if (line.startsWith('xauth ')) {
      const file = parseXauthLine(line);
      if (file) out.xauth.push(file);
      continue;
    }
    const kind = line.slice(0, at) as keyof typeof lists;
    const path = line.slice(at + 1).trim();
    if (at > 0 && path.startsWith('/') && kind in lists) lists[kind].push(path);
  }
  for (const list of Object.values(lists)) list.sort();
  out.xauth.sort((a, b) => a.path.localeCompare(b.path));
  return out;
}

function statusCodeOf(err: unknown): number | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { statusCode?: unknown }).statusCode : undefined;
  return typeof code === 'number' ? code : undefined;
}

/**
 * Runs the helper container on the engine (so a remote engine's host is the one read) and returns
 * its output. `paths` (cookie files outside the searched folders) are the script's arguments.
 */
async function runHelper(docker: Docker, image: string, paths: readonly string[]): Promise<string> {
  await docker
    .getImage(image)
    .inspect()
    .catch((err: unknown) => {
      if (statusCodeOf(err) !== 404) throw err;
      throw new BerthError({
        code: 'NOT_FOUND',
        message: `Berth reads the engine host's devices through a short-lived ${image} container, and the engine does not have that image: pull it, or choose one it has`,
      });
    });
  const container = await docker.createContainer({
    Image: image,
    Cmd: ['sh', '-c', hostCheckScript, ...(paths.length > 0 ? ['sh', ...paths] : [])],
    Labels: { [hostCheckLabel]: 'true' },
    HostConfig: {
      NetworkMode: 'none',
      // Folders every Linux host has, read-only: the X11 and Wayland sockets live under /tmp and /run,
      // xauth cookies there and in home folders (only their owner, mode and size are printed).
      // Only when asked about a cookie elsewhere does it see the host's root (still read-only).
      Binds: [
        '/dev:/host/dev:ro',
        '/tmp:/host/tmp:ro',
        '/run:/host/run:ro',
        '/home:/host/home:ro',
        '/root:/host/root:ro',
        ...(paths.length > 0 ? [`/:${hostRootView}:ro`] : []),
      ],
    },
  });
  try {
    await container.start();
    await container.wait();
    const logs = (await container.logs({ stdout: true, stderr: false, follow: false })) as unknown as Buffer;
    const demux = new LogFrameDemuxer();
    return demux
      .push(new Uint8Array(logs))
      .map((piece) => new TextDecoder().decode(piece.data))
      .join('');
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
}

/**
 * What the engine's host offers the robot presets: serial ports, cameras, joysticks, GPU render
 * nodes, X11 and Wayland sockets (read through a helper container, so it is the engine's host
 * even when the engine is remote) and whether the engine has the NVIDIA runtime (`docker info`).
 */
export async function readHostResources(
  connection: EngineConnection,
  image: string,
  paths: readonly string[] = [],
): Promise<HostResources> {
  const info = (await connection.use((docker) => docker.info())) as { Runtimes?: Record<string, unknown> };
  const runtimes = Object.keys(info.Runtimes ?? {}).sort();
  const listing = await connection.use((docker) => runHelper(docker, image, paths));
  const looked = paths.length > 0 ? { xauthLooked: [...paths] } : {};
  return { ...parseHostListing(listing), ...looked, runtimes, nvidiaRuntime: runtimes.includes('nvidia') };
}
