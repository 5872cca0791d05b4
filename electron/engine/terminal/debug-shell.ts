import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { BerthError } from '../../../shared/errors.js';
import { onceStreamEnds, toBytes } from './duplex-source-parts.js';
import type { TerminalExit, TerminalSource, TerminateResult } from './terminal-source.js';

/** Every toolbox container carries the target's id under this label, so people and Berth can find it. */
export const debugShellLabel = 'berth.debug-shell';
/** Which Berth process made it (`host:pid`), so a later Berth can remove the toolboxes of one that died. */
export const debugShellOwnerLabel = 'berth.debug-shell.owner';

/** Which Berth server instance made it: a PID can be reused, and two servers can share one engine. */
export const debugShellInstanceLabel = 'berth.debug-shell.instance';
/** Which debug-shell session of that instance it serves, so the instance can tell its live toolboxes from dropped ones. */
export const debugShellSessionLabel = 'berth.debug-shell.session';

/** This process, as the owner label names it. */
export const thisOwner = `${hostname()}:${process.pid}`;
/** This server instance (one per loaded module, so per process or test worker). */
export const thisInstance = randomUUID();

/** Who a toolbox belongs to, as its labels say. */
export interface ToolboxOwner {
  /** `host:pid` of the Berth process. */
  owner: string;
  instance: string;
  session: string;
}

/** This instance as owner of a new toolbox for `session`. */
export function ownedByThisInstance(session: string): ToolboxOwner {
  return { owner: thisOwner, instance: thisInstance, session };
}

export interface DebugShellRequest {
  containerId: string;
  /** An image the engine already has, with a shell: busybox by default. */
  image: string;
  cols: number;
  rows: number;
}

/** What the toolbox prints first: what it is, where the target's files are, how it goes away. */
function banner(targetName: string, image: string): string {
  return [
    `Berth debug shell for ${targetName}: a toolbox container from ${image} that shares ${targetName}'s processes (ps, kill, strace) and network (ip, netstat, wget).`,
    `${targetName}'s files are under /proc/1/root; the shell starts there. Leave with exit: the toolbox container is removed.`,
  ].join('\r\n');
}

/** `docker run -it --rm --pid container:X --network container:X IMAGE sh` as the Engine API takes it. */
export function toolboxCreateOptions(
  target: { id: string; name: string },
  image: string,
  owner: ToolboxOwner,
): Docker.ContainerCreateOptions {
  // The name and banner travel as arguments, never pasted into the script.
  const script = 'printf "%s\\r\\n" "$1"; cd /proc/1/root 2>/dev/null; exec sh';
  return {
    Image: image,
    Cmd: ['sh', '-c', script, 'berth-debug', banner(target.name, image)],
    // $PWD, not \w: getcwd() fails under /proc/1/root (another mount namespace's root), so \w shows (unknown).
    Env: [`PS1=[debug ${target.name}] $PWD # `],
    Tty: true,
    OpenStdin: true,
    StdinOnce: true,
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Labels: {
      [debugShellLabel]: target.id,
      [debugShellOwnerLabel]: owner.owner,
      [debugShellInstanceLabel]: owner.instance,
      [debugShellSessionLabel]: owner.session,
    },
    HostConfig: {
      AutoRemove: true,
      PidMode: `container:${target.id}`,
      NetworkMode: `container:${target.id}`,
    },
  };
}

function statusCodeOf(err: unknown): number | undefined {
  const code = typeof err === 'object' && err !== null ? (err as { statusCode?: unknown }).statusCode : undefined;
  return typeof code === 'number' ? code : undefined;
}

/** Removes the toolbox; `unreachable` when the engine could not be asked (tried again once it answers). */
async function removeToolbox(container: Docker.Container): Promise<TerminateResult> {
  try {
    await container.remove({ force: true });
    return 'done';
  } catch (err) {
    // 404: gone already (it removes itself when its shell exits); 409: already being removed.
    return statusCodeOf(err) === undefined ? 'unreachable' : 'done';
  }
}

/**
 * Opens a shell in a toolbox container that joins the target's PID and network namespaces, for
 * containers without a shell of their own (distroless, FROM scratch). The toolbox is attached
 * before it starts, so nothing it prints is lost, and removed when the session ends.
 */
export async function openDebugShellSource(
  docker: Docker,
  request: DebugShellRequest,
  owner: ToolboxOwner = ownedByThisInstance(randomUUID()),
): Promise<TerminalSource> {
  const target = await docker.getContainer(request.containerId).inspect();
  const targetName = target.Name.replace(/^\//, '');
  if (!target.State.Running)
    throw new BerthError({
      code: 'CONFLICT',
      message: `${targetName} is not running: a debug shell joins its processes, so start it first`,
    });
  await docker
    .getImage(request.image)
    .inspect()
    .catch((err: unknown) => {
      if (statusCodeOf(err) !== 404) throw err;
      throw new BerthError({
        code: 'NOT_FOUND',
        message: `The toolbox image ${request.image} is not on this engine: pull it, or choose an image the engine has (busybox works)`,
        path: ['image'],
      });
    });
  const container = await docker.createContainer(toolboxCreateOptions({ id: target.Id, name: targetName }, request.image, owner));
  let stream: Duplex;
  try {
    stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true })) as Duplex;
    stream.pause();
    await container.start();
    await container.resize({ h: request.rows, w: request.cols }).catch(() => undefined);
  } catch (err) {
    await removeToolbox(container);
    throw err;
  }
  let closedByUs = false;
  return {
    label: 'debug',
    onData: (listener) => stream.on('data', (chunk: Buffer) => listener(toBytes(chunk))),
    onEnd: (listener) => onceStreamEnds(stream, listener),
    write: (data) => void stream.write(data),
    queuedInputBytes: () => stream.writableLength,
    resize: async (c, r) => {
      await container.resize({ h: r, w: c });
    },
    pause: () => stream.pause(),
    resume: () => stream.resume(),
    describeExit: async (): Promise<TerminalExit> => {
      if (closedByUs) return { exitCode: null, reason: 'Debug shell closed; its toolbox container was removed', cause: 'closed' };
      const state = await container.inspect().then(
        (c) => c.State,
        (err: unknown) => (statusCodeOf(err) === undefined ? undefined : null),
      );
      if (state === undefined) return { exitCode: null, reason: 'Lost the connection to the Docker Engine', cause: 'connection-lost' };
      // It removes itself once its shell exits; make sure of it either way.
      await removeToolbox(container);
      const code = state?.ExitCode ?? null;
      const target = await docker
        .getContainer(request.containerId)
        .inspect()
        .then(
          (t) => (t.State.Running ? 'running' : 'stopped'),
          () => 'removed',
        );
      if (target === 'stopped')
        return { exitCode: null, reason: `${targetName} stopped, taking its debug shell with it`, cause: 'container-stopped' };
      if (target === 'removed') return { exitCode: null, reason: `${targetName} was removed`, cause: 'container-removed' };
      return {
        exitCode: code,
        reason: `The debug shell exited${code === null ? '' : ` with code ${code}`}; its toolbox container was removed`,
        cause: 'exited',
      };
    },
    terminate: async () => {
      closedByUs = true;
      stream.destroy();
      return removeToolbox(container);
    },
  };
}

/** Whether the Berth process an owner label names is gone (only knowable for this machine's processes). */
export function ownerIsGone(owner: string, host = hostname()): boolean {
  const at = owner.lastIndexOf(':');
  const pid = Number(owner.slice(at + 1));
  if (owner.slice(0, at) !== host || !Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** What the sweep needs to know about this server: its instance and which of its toolbox sessions are live. */
export interface SweepContext {
  instance: string;
  isLiveSession: (session: string) => boolean;
  /** Whether another Berth process (named `host:pid`) is gone; only this machine's can be known. */
  isGone: (owner: string) => boolean;
}

/**
 * Whether a toolbox may go: this instance's whose session is no longer live (the engine connection
 * dropped mid-shell, so the shell's close never reached it), or another instance's whose Berth
 * process died. Another live server's toolboxes, or another machine's, stay.
 */
export function isOrphanToolbox(labels: Record<string, string>, context: SweepContext): boolean {
  const instance = labels[debugShellInstanceLabel];
  if (instance === context.instance) return !context.isLiveSession(labels[debugShellSessionLabel] ?? '');
  return context.isGone(labels[debugShellOwnerLabel] ?? '');
}

/**
 * Removes toolbox containers left behind: by a Berth process that died (a crash or a kill leaves
 * them running: the engine does not end a TTY shell when its client goes away) or by this server's
 * sessions that ended while the engine could not be reached. Returns the names removed.
 */
export async function sweepOrphanToolboxes(
  docker: Docker,
  context: SweepContext = { instance: thisInstance, isLiveSession: () => true, isGone: ownerIsGone },
): Promise<string[]> {
  const toolboxes = await docker.listContainers({ all: true, filters: { label: [debugShellLabel] } });
  const removed: string[] = [];
  for (const t of toolboxes) {
    if (!isOrphanToolbox(t.Labels, context)) continue;
    if ((await removeToolbox(docker.getContainer(t.Id))) === 'done') removed.push(t.Names[0]?.replace(/^\//, '') ?? t.Id);
  }
  return removed;
}
