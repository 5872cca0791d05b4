import type Docker from 'dockerode';
import type { RunAgain } from '../../../shared/robot-run-contract.js';
import {
  ipcModeSchema,
  restartPolicySchema,
  type DeviceSpec,
  type MountSpec,
  type PortBinding,
  type RunSpec,
} from '../../../shared/run-spec.js';
import type { EngineConnection } from '../engine-connection.js';

/** The parts of `docker inspect CONTAINER` this module reads (the engine sends more). */
export interface ContainerDoc {
  Id: string;
  Name: string;
  Config: {
    Image: string;
    Cmd?: string[] | null;
    Entrypoint?: string[] | null;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    WorkingDir?: string;
    User?: string;
    Hostname?: string;
    Domainname?: string;
    Tty?: boolean;
    OpenStdin?: boolean;
    ExposedPorts?: Record<string, unknown> | null;
    StopSignal?: string;
    Healthcheck?: unknown;
  };
  HostConfig: {
    Binds?: string[] | null;
    Mounts?: Array<{ Type?: string; Source?: string; Target?: string; ReadOnly?: boolean }> | null;
    PortBindings?: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> | null;
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number };
    AutoRemove?: boolean;
    NetworkMode?: string;
    Devices?: Array<{ PathOnHost: string; PathInContainer: string; CgroupPermissions: string }> | null;
    DeviceRequests?: Array<{ Driver?: string; Count?: number; DeviceIDs?: string[] | null; Capabilities?: string[][] | null }> | null;
    Privileged?: boolean;
    NanoCpus?: number;
    Memory?: number;
    MemorySwap?: number;
    ShmSize?: number;
    CapAdd?: string[] | null;
    CapDrop?: string[] | null;
    IpcMode?: string;
    PidMode?: string;
    ExtraHosts?: string[] | null;
    ReadonlyRootfs?: boolean;
    SecurityOpt?: string[] | null;
    Tmpfs?: Record<string, string> | null;
    Ulimits?: unknown[] | null;
    Init?: boolean | null;
    Sysctls?: Record<string, string> | null;
    Dns?: string[] | null;
    DnsSearch?: string[] | null;
    DnsOptions?: string[] | null;
    GroupAdd?: string[] | null;
    VolumesFrom?: string[] | null;
    Links?: string[] | null;
    PidsLimit?: number | null;
    CpuShares?: number;
    CpuQuota?: number;
    CpuPeriod?: number;
    CpusetCpus?: string;
    LogConfig?: { Type?: string; Config?: Record<string, string> };
    Runtime?: string;
    UsernsMode?: string;
    UTSMode?: string;
    PublishAllPorts?: boolean;
    OomKillDisable?: boolean;
    MemoryReservation?: number;
  };
  NetworkSettings?: { Networks?: Record<string, unknown> | null };
}

/** What the image gives a container unless `docker run` says otherwise. */
export interface ImageDefaults {
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  Env?: string[] | null;
  Labels?: Record<string, string> | null;
  WorkingDir?: string;
  User?: string;
  ExposedPorts?: Record<string, unknown> | null;
  StopSignal?: string;
  Healthcheck?: unknown;
}

/** What the engine fills in by itself, so it is not mistaken for a flag. */
export interface EngineDefaults {
  /** The engine host's name (`docker info` Name): a host-network container's hostname unless one was given. */
  hostName: string;
}

const defaultShmBytes = 64 * 1024 * 1024;

function sameWords(a: readonly string[] | null | undefined, b: readonly string[] | null | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((w, i) => w === y[i]);
}

function keyValue(text: string): { key: string; value: string } {
  const eq = text.indexOf('=');
  return eq < 0 ? { key: text, value: '' } : { key: text.slice(0, eq), value: text.slice(eq + 1) };
}

function nonEmpty<T>(list: T[] | undefined): T[] | undefined {
  return list && list.length > 0 ? list : undefined;
}

/** `-v SRC:DST[:OPTIONS]` as the CLI stored it in HostConfig.Binds. */
function mountOfBind(bind: string): MountSpec | undefined {
  const [source, target, options] = bind.split(':');
  if (!source || !target) return undefined;
  const isPath = source.startsWith('/');
  return { type: isPath ? 'bind' : 'volume', source, target, readOnly: (options ?? '').split(',').includes('ro') };
}

function portsOf(bindings: ContainerDoc['HostConfig']['PortBindings']): PortBinding[] {
  const ports: PortBinding[] = [];
  for (const [key, list] of Object.entries(bindings ?? {})) {
    const [portText, protocolText] = key.split('/');
    const protocol = protocolText === 'udp' || protocolText === 'sctp' ? protocolText : 'tcp';
    const containerPort = Number(portText);
    for (const b of list ?? [{}]) {
      ports.push({
        containerPort,
        protocol,
        ...(b.HostIp ? { hostIp: b.HostIp } : {}),
        ...(b.HostPort ? { hostPort: Number(b.HostPort) } : {}),
      });
    }
  }
  return ports;
}

function withoutCapPrefix(names: string[] | null | undefined): string[] | undefined {
  return nonEmpty((names ?? []).map((n) => n.replace(/^CAP_/i, '')));
}

/**
 * Turns a container's inspect document back into the run form's spec: only what `docker run` was
 * told (the image's own CMD, ENV, labels, user and workdir, and what the engine fills in, are left
 * out), and the settings the form has no field for, named as flags so none is dropped silently.
 */
export function runSpecFromInspect(doc: ContainerDoc, image: ImageDefaults, engine: EngineDefaults): Omit<RunAgain, 'imageFound'> {
  const c = doc.Config;
  const h = doc.HostConfig;
  const notCarried: string[] = [];

  const entrypointChanged = !sameWords(c.Entrypoint, image.Entrypoint);
  // The engine copies the image's CMD only when the entrypoint is the image's own.
  const command = entrypointChanged || !sameWords(c.Cmd, image.Cmd) ? [...(c.Cmd ?? [])] : [];

  const imageEnv = new Set(image.Env ?? []);
  const imageLabels = image.Labels ?? {};

  const mounts: MountSpec[] = [];
  for (const bind of h.Binds ?? []) {
    const m = mountOfBind(bind);
    if (m) mounts.push(m);
    else notCarried.push(`--volume ${bind}`);
  }
  for (const m of h.Mounts ?? []) {
    if ((m.Type === 'bind' || m.Type === 'volume') && m.Source && m.Target)
      mounts.push({ type: m.Type, source: m.Source, target: m.Target, readOnly: m.ReadOnly === true });
    else notCarried.push(`--mount type=${m.Type ?? '?'},target=${m.Target ?? '?'}`);
  }

  const devices: DeviceSpec[] = (h.Devices ?? []).map((d) => ({
    hostPath: d.PathOnHost,
    ...(d.PathInContainer && d.PathInContainer !== d.PathOnHost ? { containerPath: d.PathInContainer } : {}),
    ...(d.CgroupPermissions && d.CgroupPermissions !== 'rwm' ? { permissions: d.CgroupPermissions } : {}),
  }));

  let gpus: RunSpec['gpus'];
  for (const r of h.DeviceRequests ?? []) {
    const isGpu = (r.Capabilities ?? []).some((set) => set.includes('gpu'));
    if (isGpu && !r.Driver && !nonEmpty(r.DeviceIDs ?? undefined) && gpus === undefined)
      gpus = r.Count === -1 || !r.Count ? 'all' : r.Count;
    else notCarried.push(`--gpus ${r.DeviceIDs?.length ? `device=${r.DeviceIDs.join(',')}` : (r.Driver ?? 'a device request')}`);
  }

  const restartParsed = restartPolicySchema.safeParse(h.RestartPolicy?.Name || 'no');
  const restart = restartParsed.success ? restartParsed.data : 'no';
  const retries = h.RestartPolicy?.MaximumRetryCount ?? 0;

  const network = h.NetworkMode && h.NetworkMode !== 'default' ? h.NetworkMode : undefined;
  const attached = Object.keys(doc.NetworkSettings?.Networks ?? {}).filter(
    (n) => n !== network && !(network === undefined && n === 'bridge'),
  );
  for (const n of attached) if (network !== 'host' && network !== 'none') notCarried.push(`docker network connect ${n}`);

  const memory = h.Memory ? h.Memory : undefined;
  // With --memory alone the engine sets memory + swap to twice the memory.
  const memorySwap = !h.MemorySwap || (memory !== undefined && h.MemorySwap === memory * 2) ? undefined : h.MemorySwap;

  // The engine's default IPC mode is private (shareable on engines before 20.10): neither was a flag.
  const ipcParsed = ipcModeSchema.safeParse(h.IpcMode);
  const ipc = ipcParsed.success && ipcParsed.data !== 'private' && ipcParsed.data !== 'shareable' ? ipcParsed.data : undefined;
  if (h.IpcMode && !ipcParsed.success) notCarried.push(`--ipc ${h.IpcMode}`);
  if (h.IpcMode === 'shareable') notCarried.push('--ipc shareable (the engine default before 20.10)');

  const pid = h.PidMode === 'host' ? ('host' as const) : undefined;
  if (h.PidMode && h.PidMode !== 'host') notCarried.push(`--pid ${h.PidMode}`);

  // Unless given, the engine names a container's host after its short id (or the engine host on the host network).
  const defaultHostname = network === 'host' ? engine.hostName : doc.Id.slice(0, 12);
  const hostname = c.Hostname && c.Hostname !== defaultHostname ? c.Hostname : undefined;

  const extraHosts = nonEmpty(
    (h.ExtraHosts ?? []).map((line) => {
      const at = line.indexOf(':');
      return { host: line.slice(0, at), ip: line.slice(at + 1) };
    }),
  );

  const spec: RunSpec = {
    image: c.Image,
    name: doc.Name.replace(/^\//, ''),
    command,
    ...(entrypointChanged ? { entrypoint: [...(c.Entrypoint ?? [])] } : {}),
    env: (c.Env ?? []).filter((e) => !imageEnv.has(e)).map(keyValue),
    ports: portsOf(h.PortBindings),
    mounts,
    ...(c.WorkingDir && c.WorkingDir !== (image.WorkingDir ?? '') ? { workdir: c.WorkingDir } : {}),
    ...(c.User && c.User !== (image.User ?? '') ? { user: c.User } : {}),
    restart,
    ...(restart === 'on-failure' && retries > 0 ? { restartMaxRetries: retries } : {}),
    interactive: c.OpenStdin === true,
    tty: c.Tty === true,
    autoRemove: h.AutoRemove === true,
    ...(network ? { network } : {}),
    devices,
    privileged: h.Privileged === true,
    ...(gpus !== undefined ? { gpus } : {}),
    labels: Object.entries(c.Labels ?? {})
      .filter(([k, v]) => imageLabels[k] !== v)
      .map(([key, value]) => ({ key, value })),
    ...(h.NanoCpus ? { cpus: h.NanoCpus / 1e9 } : {}),
    ...(memory !== undefined ? { memory } : {}),
    ...(memorySwap !== undefined ? { memorySwap } : {}),
    ...(h.ShmSize && h.ShmSize !== defaultShmBytes ? { shmSize: h.ShmSize } : {}),
    ...optional('capAdd', withoutCapPrefix(h.CapAdd)),
    ...optional('capDrop', withoutCapPrefix(h.CapDrop)),
    ...(ipc ? { ipc } : {}),
    ...(pid ? { pid } : {}),
    ...(hostname ? { hostname } : {}),
    ...optional('extraHosts', extraHosts),
  };
  notCarried.push(...settingsWithoutAField(doc, image));
  return { spec, notCarried };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

/** Flags that made this container and that the run form cannot hold, as the user would type them. */
function settingsWithoutAField(doc: ContainerDoc, image: ImageDefaults): string[] {
  const c = doc.Config;
  const h = doc.HostConfig;
  const out: string[] = [];
  const list = (flag: string, values: readonly string[] | null | undefined) => {
    for (const v of values ?? []) out.push(`${flag} ${v}`);
  };
  if (h.ReadonlyRootfs) out.push('--read-only');
  // The engine adds label=disable by itself to a container that shares the host's IPC or PID namespace.
  const hostNamespace = h.IpcMode === 'host' || h.PidMode === 'host' || h.Privileged === true;
  list(
    '--security-opt',
    (h.SecurityOpt ?? []).filter((o) => !(hostNamespace && o === 'label=disable')),
  );
  for (const [path, options] of Object.entries(h.Tmpfs ?? {})) out.push(`--tmpfs ${options ? `${path}:${options}` : path}`);
  if ((h.Ulimits ?? []).length > 0) out.push('--ulimit …');
  if (h.Init) out.push('--init');
  for (const [k, v] of Object.entries(h.Sysctls ?? {})) out.push(`--sysctl ${k}=${v}`);
  list('--dns', h.Dns);
  list('--dns-search', h.DnsSearch);
  list('--dns-option', h.DnsOptions);
  list('--group-add', h.GroupAdd);
  list('--volumes-from', h.VolumesFrom);
  list('--link', h.Links);
  if (h.PidsLimit) out.push(`--pids-limit ${h.PidsLimit}`);
  if (h.CpuShares) out.push(`--cpu-shares ${h.CpuShares}`);
  if (h.CpuQuota) out.push(`--cpu-quota ${h.CpuQuota}`);
  if (h.CpuPeriod) out.push(`--cpu-period ${h.CpuPeriod}`);
  if (h.CpusetCpus) out.push(`--cpuset-cpus ${h.CpusetCpus}`);
  if (h.MemoryReservation) out.push(`--memory-reservation ${h.MemoryReservation}`);
  if (h.OomKillDisable) out.push('--oom-kill-disable');
  if (h.PublishAllPorts) out.push('--publish-all');
  if (h.LogConfig?.Type && h.LogConfig.Type !== 'json-file') out.push(`--log-driver ${h.LogConfig.Type}`);
  for (const [k, v] of Object.entries(h.LogConfig?.Config ?? {})) out.push(`--log-opt ${k}=${v}`);
  if (h.Runtime && h.Runtime !== 'runc') out.push(`--runtime ${h.Runtime}`);
  if (h.UsernsMode) out.push(`--userns ${h.UsernsMode}`);
  if (h.UTSMode) out.push(`--uts ${h.UTSMode}`);
  if (c.Domainname) out.push(`--domainname ${c.Domainname}`);
  if (c.StopSignal && c.StopSignal !== image.StopSignal) out.push(`--stop-signal ${c.StopSignal}`);
  if (c.Healthcheck !== undefined && JSON.stringify(c.Healthcheck) !== JSON.stringify(image.Healthcheck)) out.push('--health-cmd …');
  const published = new Set(Object.keys(h.PortBindings ?? {}));
  for (const port of Object.keys(c.ExposedPorts ?? {}))
    if (!published.has(port) && !(image.ExposedPorts && port in image.ExposedPorts)) out.push(`--expose ${port}`);
  return out;
}

/** Reads a container and its image from the engine and turns them into a run spec (Run again). */
export async function runSpecOfContainer(connection: EngineConnection, id: string): Promise<RunAgain> {
  const doc = (await connection.use((docker) => docker.getContainer(id).inspect())) as unknown as ContainerDoc;
  const imageDoc = await connection
    .use((docker) => docker.getImage((doc as unknown as Docker.ContainerInspectInfo).Image).inspect())
    .catch(() => undefined);
  // The engine sends Cmd and Entrypoint as arrays (dockerode's types allow a string too).
  const imageConfig = (imageDoc?.Config ?? {}) as ImageDefaults;
  const info = (await connection.use((docker) => docker.info())) as { Name?: string };
  // Without the image its CMD, ENV and labels stay in the spec: more than was typed, nothing lost.
  const result = runSpecFromInspect(doc, imageConfig, { hostName: info.Name ?? '' });
  return { ...result, imageFound: imageDoc !== undefined };
}
