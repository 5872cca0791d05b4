import type Docker from 'dockerode';
import { BerthError } from '../../../shared/errors.js';
import type { RunSpec } from '../../../shared/run-spec.js';
import { toRpcError } from '../to-rpc-error.js';
import type { EngineConnection } from '../engine-connection.js';
import { requireEngineFeature } from '../engine-feature-guard.js';

export interface RunResult {
  id: string;
  name: string;
  started: boolean;
  /** Why the container was created but did not start; it is left in the created state to inspect. */
  startError?: string;
}

/** The create options the Engine API takes for what `docker run` is told. */
export function toCreateOptions(spec: RunSpec): Docker.ContainerCreateOptions {
  const exposed: Record<string, object> = {};
  const bindings: Record<string, Array<{ HostIp?: string; HostPort?: string }>> = {};
  for (const p of spec.ports) {
    const key = `${p.containerPort}/${p.protocol}`;
    exposed[key] = {};
    (bindings[key] ??= []).push({ HostIp: p.hostIp ?? '', HostPort: p.hostPort === undefined ? '' : String(p.hostPort) });
  }
  return {
    Image: spec.image,
    ...(spec.name ? { name: spec.name } : {}),
    ...(spec.command.length > 0 ? { Cmd: spec.command } : {}),
    ...(spec.entrypoint ? { Entrypoint: spec.entrypoint } : {}),
    Env: spec.env.map((e) => `${e.key}=${e.value}`),
    ExposedPorts: exposed,
    WorkingDir: spec.workdir ?? '',
    User: spec.user ?? '',
    ...(spec.hostname ? { Hostname: spec.hostname } : {}),
    Tty: spec.tty,
    OpenStdin: spec.interactive,
    StdinOnce: false,
    AttachStdin: false,
    Labels: Object.fromEntries(spec.labels.map((l) => [l.key, l.value])),
    HostConfig: {
      PortBindings: bindings,
      // Mounts (not Binds): a missing bind source is an error, not a silently created folder.
      Mounts: spec.mounts.map((m) => ({ Type: m.type, Source: m.source, Target: m.target, ReadOnly: m.readOnly })),
      RestartPolicy: { Name: spec.restart === 'no' ? '' : spec.restart, MaximumRetryCount: spec.restartMaxRetries ?? 0 },
      AutoRemove: spec.autoRemove,
      ...(spec.network ? { NetworkMode: spec.network } : {}),
      Devices: spec.devices.map((d) => ({
        PathOnHost: d.hostPath,
        PathInContainer: d.containerPath ?? d.hostPath,
        CgroupPermissions: d.permissions ?? 'rwm',
      })),
      Privileged: spec.privileged,
      ...(spec.gpus !== undefined
        ? { DeviceRequests: [{ Driver: '', Count: spec.gpus === 'all' ? -1 : spec.gpus, Capabilities: [['gpu']] }] }
        : {}),
      ...resourceLimits(spec),
      ...(spec.capAdd ? { CapAdd: spec.capAdd } : {}),
      ...(spec.capDrop ? { CapDrop: spec.capDrop } : {}),
      ...(spec.ipc ? { IpcMode: spec.ipc } : {}),
      ...(spec.pid ? { PidMode: spec.pid } : {}),
      ...(spec.extraHosts ? { ExtraHosts: spec.extraHosts.map((h) => `${h.host}:${h.ip}`) } : {}),
    },
  };
}

/** `--cpus`, `--memory`, `--memory-swap`, `--shm-size` as the HostConfig fields they set; absent ones are left to the engine. */
function resourceLimits(spec: RunSpec): Docker.HostConfig {
  return {
    // The CLI turns --cpus into whole nanoseconds of CPU time per second.
    ...(spec.cpus !== undefined ? { NanoCpus: Math.round(spec.cpus * 1e9) } : {}),
    ...(spec.memory !== undefined ? { Memory: spec.memory } : {}),
    ...(spec.memorySwap !== undefined ? { MemorySwap: spec.memorySwap } : {}),
    ...(spec.shmSize !== undefined ? { ShmSize: spec.shmSize } : {}),
  };
}

/** Which form field an engine refusal is about, so the UI can show it beside that field. */
export function fieldOfEngineError(message: string): string | undefined {
  if (/no such image|pull access denied|repository does not exist|invalid reference format/i.test(message)) return 'image';
  if (/name .* is already in use|Conflict\. The container name/i.test(message)) return 'name';
  // Before "port": "does not support swap limit" would read as a port.
  if (/memoryswap|memory-swap|swap limit/i.test(message)) return 'memorySwap';
  if (/memory/i.test(message)) return 'memory';
  if (/\bCPUs?\b|NanoCPUs/i.test(message)) return 'cpus';
  if (/shm/i.test(message)) return 'shmSize';
  // Before "capabilit" and "device": the engine's words for --gpus without the NVIDIA runtime name both.
  if (/device driver .*\[\[gpu\]\]|nvidia/i.test(message)) return 'gpus';
  if (/capabilit/i.test(message)) return 'capAdd';
  if (/ipc/i.test(message)) return 'ipc';
  if (/pid mode|--pid/i.test(message)) return 'pid';
  if (/hostname/i.test(message)) return 'hostname';
  if (/extra ?host|add-host/i.test(message)) return 'extraHosts';
  if (/bind source path|mount|volume/i.test(message)) return 'mounts';
  if (/port/i.test(message)) return 'ports';
  if (/device/i.test(message)) return 'devices';
  if (/network/i.test(message)) return 'network';
  if (/restart/i.test(message)) return 'restart';
  return undefined;
}

/** The engine's refusal, with what it means where its own words are cryptic. */
export function explainEngineError(message: string): string {
  if (/could not select device driver .*capabilities: \[\[gpu\]\]/i.test(message))
    return `This engine has no NVIDIA runtime, so --gpus cannot work here (the engine said: ${message})`;
  return message;
}

/** A created container, not yet started. */
export interface CreatedContainer {
  container: Docker.Container;
  id: string;
  name: string;
}

/**
 * Refuses what the run spec asks for that the engine's API version lacks, before anything is
 * created (an older engine would drop the field silently).
 */
export function refuseUnsupportedRunFeatures(spec: RunSpec, apiVersion: string | undefined): void {
  if (spec.gpus !== undefined) requireEngineFeature('gpus', apiVersion, 'gpus');
}

/** `docker create` from a run spec; an engine refusal names the form field it is about. */
export async function createContainer(connection: EngineConnection, spec: RunSpec): Promise<CreatedContainer> {
  refuseUnsupportedRunFeatures(spec, connection.status.apiVersion);
  let container: Docker.Container;
  try {
    container = await connection.use((docker) => docker.createContainer(toCreateOptions(spec)));
  } catch (err) {
    const payload = toRpcError(err);
    const field = fieldOfEngineError(payload.message);
    const hint = field === 'image' && /no such image/i.test(payload.message) ? ' (pull it first, or build it)' : '';
    throw new BerthError({ ...payload, message: `${explainEngineError(payload.message)}${hint}`, ...(field ? { path: [field] } : {}) });
  }
  const info = await connection.use(() => container.inspect());
  return { container, id: container.id, name: info.Name.replace(/^\//, '') };
}

/** `docker run` (start) or `docker create` (no start) from a run spec. */
export async function runContainer(connection: EngineConnection, spec: RunSpec, start: boolean): Promise<RunResult> {
  const { container, id, name } = await createContainer(connection, spec);
  if (!start) return { id, name, started: false };
  try {
    await connection.use(() => container.start());
    return { id, name, started: true };
  } catch (err) {
    return { id, name, started: false, startError: explainEngineError(toRpcError(err).message) };
  }
}
