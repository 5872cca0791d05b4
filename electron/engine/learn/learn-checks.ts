import { lessonLabel, type LearnCheckResult } from '../../../shared/learn-types.js';

/**
 * The judgement of each lesson check, from what the engine answered: pure functions, so every
 * rule can be tested without an engine. The service (learn-service.ts) does the reading.
 */

/** The parts of `docker inspect <container>` the checks read. */
export interface ContainerFacts {
  readonly Id: string;
  readonly Name: string;
  readonly Image: string;
  readonly State: { readonly Status: string; readonly Running: boolean; readonly ExitCode?: number };
  readonly Config: {
    readonly Tty?: boolean;
    readonly OpenStdin?: boolean;
    readonly Labels?: Readonly<Record<string, string>> | null;
    readonly Env?: readonly string[] | null;
  };
  readonly HostConfig: {
    readonly NetworkMode?: string;
    readonly Devices?: ReadonlyArray<{ readonly PathOnHost: string; readonly PathInContainer: string }> | null;
    readonly Binds?: readonly string[] | null;
    readonly Mounts?: ReadonlyArray<{ readonly Source?: string; readonly Target?: string }> | null;
  };
  readonly Mounts?: ReadonlyArray<{ readonly Source?: string; readonly Destination?: string }> | null;
}

/** The parts of `docker image inspect` the checks read. */
export interface ImageFacts {
  readonly Id: string;
  readonly RepoTags?: readonly string[] | null;
  readonly RepoDigests?: readonly string[] | null;
  readonly RootFS?: { readonly Layers?: readonly string[] | null };
  readonly Config?: { readonly Labels?: Readonly<Record<string, string>> | null } | null;
}

const passed = (kind: string, detail: string): LearnCheckResult => ({ kind, status: 'passed', detail });
const failed = (kind: string, detail: string): LearnCheckResult => ({ kind, status: 'failed', detail });
const skipped = (kind: string, detail: string): LearnCheckResult => ({ kind, status: 'skipped', detail });

const shortId = (id: string): string => id.replace(/^sha256:/, '').slice(0, 12);
const layersOf = (image: ImageFacts): readonly string[] => image.RootFS?.Layers ?? [];
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export function judgeImageExists(ref: string, image: ImageFacts | undefined, lesson?: string): LearnCheckResult {
  const kind = 'imageExists';
  if (!image) return failed(kind, `The engine has no image ${ref} yet.`);
  const label = image.Config?.Labels?.[lessonLabel];
  if (lesson !== undefined && label !== lesson) {
    return failed(
      kind,
      `${ref} is here but has no label ${lessonLabel}=${lesson}: the lesson only counts (and cleans up) what carries it.`,
    );
  }
  return passed(kind, `${ref} is here (ID ${shortId(image.Id)}, ${plural(layersOf(image).length, 'layer')}).`);
}

export interface ContainerExpectation {
  readonly name: string;
  readonly lesson: string;
  readonly state: 'running' | 'exited' | 'any';
  /** The image it must run, as the engine resolved it (ID); `imageRef` names it in messages. */
  readonly imageId?: string | undefined;
  readonly imageRef?: string | undefined;
  readonly interactive?: boolean | undefined;
  readonly network?: string | undefined;
}

export function judgeContainer(want: ContainerExpectation, c: ContainerFacts | undefined): LearnCheckResult {
  const kind = 'containerExists';
  if (!c) return failed(kind, `No container named ${want.name} yet.`);
  const label = c.Config.Labels?.[lessonLabel];
  if (label !== want.lesson) {
    return failed(
      kind,
      `${want.name} exists but has no label ${lessonLabel}=${want.lesson}: remove it and create it again with --label ${lessonLabel}=${want.lesson}.`,
    );
  }
  if (want.imageRef !== undefined && want.imageId === undefined) return failed(kind, `The engine has no image ${want.imageRef}.`);
  if (want.imageId !== undefined && c.Image !== want.imageId) {
    return failed(kind, `${want.name} runs another image (${shortId(c.Image)}), not ${want.imageRef ?? shortId(want.imageId)}.`);
  }
  if (want.interactive === true && !(c.Config.Tty === true && c.Config.OpenStdin === true)) {
    return failed(kind, `${want.name} was made without -it (a terminal and open input), so it has no shell to type in.`);
  }
  if (want.network !== undefined && c.HostConfig.NetworkMode !== want.network) {
    return failed(kind, `${want.name} is on the ${c.HostConfig.NetworkMode ?? 'default'} network, not --network ${want.network}.`);
  }
  const status = c.State.Status;
  if (want.state === 'running' && !c.State.Running) return failed(kind, `${want.name} exists but is ${status}; it should be running.`);
  if (want.state === 'exited' && status !== 'exited') return failed(kind, `${want.name} is ${status}; it should have exited.`);
  return passed(kind, `${want.name} is ${status}${status === 'exited' ? ` (code ${c.State.ExitCode ?? 0})` : ''}.`);
}

export interface FilesystemChangeFacts {
  readonly path: string;
  readonly kind: 'changed' | 'added' | 'deleted';
}

export function judgeFileInDiff(
  container: string,
  path: string,
  expect: 'present' | 'absent',
  changes: readonly FilesystemChangeFacts[] | undefined,
): LearnCheckResult {
  const kind = 'fileInDiff';
  if (!changes) return failed(kind, `No container named ${container} yet.`);
  const found = changes.find((c) => c.path === path && c.kind !== 'deleted');
  if (expect === 'present') {
    return found
      ? passed(kind, `docker diff ${container} lists ${found.kind === 'added' ? 'A' : 'C'} ${path}.`)
      : failed(kind, `docker diff ${container} does not list ${path} yet.`);
  }
  return found
    ? failed(kind, `${container} has ${path} in its own layer: it should start clean from the image.`)
    : passed(kind, `${path} is not in ${container}: its layer started empty (${plural(changes.length, 'change')} so far).`);
}

/** Is `lower` the first part of `upper`? */
function startsWithLayers(upper: readonly string[], lower: readonly string[]): boolean {
  return lower.length <= upper.length && lower.every((layer, i) => upper[i] === layer);
}

export function judgeMoreLayers(
  ref: string,
  base: string,
  image: ImageFacts | undefined,
  baseImage: ImageFacts | undefined,
): LearnCheckResult {
  const kind = 'imageHasMoreLayersThan';
  if (!image) return failed(kind, `The engine has no image ${ref} yet.`);
  if (!baseImage) return failed(kind, `The engine has no image ${base} to compare with.`);
  const upper = layersOf(image);
  const lower = layersOf(baseImage);
  if (!startsWithLayers(upper, lower)) return failed(kind, `${ref} is not built on ${base}: their layers differ from the bottom.`);
  const added = upper.length - lower.length;
  if (added < 1) return failed(kind, `${ref} has the same ${plural(lower.length, 'layer')} as ${base}: nothing was added on top.`);
  return passed(kind, `${ref} has the ${plural(lower.length, 'layer')} of ${base} and ${plural(added, 'more layer')} on top.`);
}

/**
 * A rebuild used the cache when it is another image (a line changed) whose layers above the base
 * begin with a layer of the earlier build, digest for digest. A step the builder runs again writes
 * a new layer (the lesson's RUN writes a random id, so a re-run can never give the same digest);
 * a step taken from the cache reuses the earlier one as it is. The classic builder and BuildKit
 * both keep this, so it does not depend on which one built.
 */
export function judgeRebuild(
  refs: { ref: string; previous: string; base: string },
  image: ImageFacts | undefined,
  previous: ImageFacts | undefined,
  base: ImageFacts | undefined,
): LearnCheckResult {
  const kind = 'rebuildUsedCache';
  if (!image) return failed(kind, `The engine has no image ${refs.ref} yet.`);
  if (!previous) return failed(kind, `The engine has no image ${refs.previous}: build it first.`);
  if (!base) return failed(kind, `The engine has no image ${refs.base}.`);
  if (image.Id === previous.Id)
    return failed(kind, `${refs.ref} is the same image as ${refs.previous}: change the last line, then build again.`);
  const baseLayers = layersOf(base);
  const now = layersOf(image);
  const before = layersOf(previous);
  if (!startsWithLayers(now, baseLayers) || !startsWithLayers(before, baseLayers)) {
    return failed(kind, `${refs.ref} and ${refs.previous} must both start FROM ${refs.base}.`);
  }
  let shared = 0;
  while (
    baseLayers.length + shared < Math.min(now.length, before.length) &&
    now[baseLayers.length + shared] === before[baseLayers.length + shared]
  ) {
    shared += 1;
  }
  if (shared === 0) {
    return failed(
      kind,
      `${refs.ref} shares no layer above ${refs.base} with ${refs.previous}: every step ran again (was --no-cache used, or an early line changed?).`,
    );
  }
  return passed(
    kind,
    `${refs.ref} reuses ${plural(shared, 'layer')} of ${refs.previous} above ${refs.base} unchanged: those steps came from the cache.`,
  );
}

/** `127.0.0.1:5000/learn/first:v2` → `127.0.0.1:5000/learn/first` (the tag or digest taken off). */
export function repositoryOf(ref: string): string {
  const noDigest = ref.split('@')[0] ?? ref;
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.lastIndexOf(':');
  return colon > lastSlash ? noDigest.slice(0, colon) : noDigest;
}

export function judgePushed(ref: string, image: ImageFacts | undefined): LearnCheckResult {
  const kind = 'imagePushed';
  if (!image) return failed(kind, `The engine has no image ${ref} yet: tag it first.`);
  const repository = repositoryOf(ref);
  const digest = (image.RepoDigests ?? []).find((d) => d.startsWith(`${repository}@`));
  if (!digest) return failed(kind, `${ref} is here but has not been pushed to ${repository.split('/')[0] ?? repository} yet.`);
  return passed(kind, `The registry has it: ${digest.slice(0, repository.length + 20)}…`);
}

export function judgeHostTalk(
  want: { talker: string; listener: string; message: string },
  talker: ContainerFacts | undefined,
  listener: ContainerFacts | undefined,
  listenerOutput: string,
): LearnCheckResult {
  const kind = 'hostNetworkTalk';
  for (const [role, name, c] of [
    ['talker', want.talker, talker],
    ['listener', want.listener, listener],
  ] as const) {
    if (!c) return failed(kind, `No ${role} container named ${name} yet.`);
    if (c.HostConfig.NetworkMode !== 'host') return failed(kind, `${name} is not on the host network (run it with --network host).`);
    if (!c.State.Running) return failed(kind, `${name} is ${c.State.Status}; it should be running.`);
  }
  if (!listenerOutput.includes(want.message)) {
    return failed(kind, `${want.listener} has not printed "${want.message}" yet: it does not reach ${want.talker}.`);
  }
  return passed(kind, `${want.listener} printed "${want.message}", which it got from ${want.talker} over the host network.`);
}

export interface HostDisplayFacts {
  readonly devices: readonly string[];
  readonly x11: readonly string[];
  readonly wayland: readonly string[];
}

export function judgeDevice(container: string, c: ContainerFacts | undefined, host: HostDisplayFacts): LearnCheckResult {
  const kind = 'deviceMapped';
  if (host.devices.length === 0) {
    return skipped(
      kind,
      "This engine's host has no serial port, camera or joystick (no /dev/ttyUSB*, /dev/ttyACM*, /dev/video* or /dev/input/js*), so there is nothing to pass in.",
    );
  }
  if (!c) return failed(kind, `No container named ${container} yet.`);
  const given = (c.HostConfig.Devices ?? []).filter((d) => host.devices.includes(d.PathOnHost));
  if (given.length === 0)
    return failed(kind, `${container} was not given one of the host's devices (${host.devices.join(', ')}) with --device.`);
  const first = given[0]!;
  return passed(kind, `${container} sees the host's ${first.PathOnHost} as ${first.PathInContainer}.`);
}

function mountSources(c: ContainerFacts): Array<{ source: string; target: string }> {
  return (c.Mounts ?? []).map((m) => ({ source: m.Source ?? '', target: m.Destination ?? '' }));
}

export function judgeDisplay(container: string, c: ContainerFacts | undefined, host: HostDisplayFacts): LearnCheckResult {
  const kind = 'displayShared';
  if (host.x11.length === 0 && host.wayland.length === 0) {
    return skipped(
      kind,
      "This engine's host has no display (no X11 socket in /tmp/.X11-unix, no Wayland socket in /run/user): a window would have nowhere to open.",
    );
  }
  if (!c) return failed(kind, `No container named ${container} yet.`);
  const env = c.Config.Env ?? [];
  const mounts = mountSources(c);
  const x11 =
    env.some((e) => e.startsWith('DISPLAY=')) &&
    mounts.some((m) => m.target === '/tmp/.X11-unix' || m.target.startsWith('/tmp/.X11-unix/'));
  const wayland = env.some((e) => e.startsWith('WAYLAND_DISPLAY=')) && mounts.some((m) => host.wayland.some((w) => w.startsWith(m.source)));
  if (!x11 && !wayland)
    return failed(kind, `${container} was not given the display: it needs DISPLAY and /tmp/.X11-unix (the X11 display preset sets both).`);
  return passed(kind, `${container} shares the host's ${x11 ? 'X11' : 'Wayland'} display.`);
}
