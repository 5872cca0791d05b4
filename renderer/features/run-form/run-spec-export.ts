import { stringify } from 'yaml';
import { formatByteSize } from '../../../shared/byte-size.js';
import { dockerRunWords, formatCpus, formatDockerRun } from '../../../shared/docker-run-format.js';
import type { RunSpec } from '../../../shared/run-spec.js';

/** The forms a run spec can be exported as. */
export type ExportFormat = 'run' | 'compose' | 'devcontainer';

export interface ExportedSpec {
  text: string;
  /** The file name it is usually saved as. */
  fileName: string;
  /** What the format cannot say that the form does, in a sentence; empty when it says everything. */
  caveats: string[];
}

export function exportSpec(spec: RunSpec, format: ExportFormat): ExportedSpec {
  switch (format) {
    case 'run':
      return { text: formatDockerRun(spec), fileName: 'run.sh', caveats: [] };
    case 'compose':
      return composeExport(spec);
    case 'devcontainer':
      return devcontainerExport(spec);
  }
}

/** The service key: the container's name where it has one, as Compose allows it (lowercase, no dots). */
export function serviceNameOf(spec: RunSpec): string {
  const fromName = (spec.name ?? '').toLowerCase().replace(/[^a-z0-9_-]/g, '-');
  if (/^[a-z0-9]/.test(fromName)) return fromName;
  const fromImage = (spec.image.split('/').pop() ?? '')
    .replace(/[:@].*$/, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '-');
  return /^[a-z0-9]/.test(fromImage) ? fromImage : 'app';
}

function portText(p: RunSpec['ports'][number]): string {
  const host = [p.hostIp?.includes(':') ? `[${p.hostIp}]` : p.hostIp, p.hostPort].filter((x) => x !== undefined && x !== '').join(':');
  return `${host ? `${host}:` : ''}${p.containerPort}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`;
}

function deviceText(d: RunSpec['devices'][number]): string {
  return [d.hostPath, d.containerPath ?? d.hostPath, d.permissions].filter((x): x is string => Boolean(x)).join(':');
}

/** A Compose service (`docker compose up -d` runs what `docker run` would). */
export function composeDocument(spec: RunSpec): Record<string, unknown> {
  const service: Record<string, unknown> = { image: spec.image };
  if (spec.name) service.container_name = spec.name;
  if (spec.entrypoint) service.entrypoint = spec.entrypoint;
  if (spec.command.length > 0) service.command = spec.command;
  if (spec.env.length > 0) service.environment = Object.fromEntries(spec.env.map((e) => [e.key, e.value]));
  if (spec.ports.length > 0) service.ports = spec.ports.map(portText);
  const namedVolumes = spec.mounts.filter((m) => m.type === 'volume').map((m) => m.source);
  if (spec.mounts.length > 0)
    service.volumes = spec.mounts.map((m) => ({
      type: m.type,
      source: m.source,
      target: m.target,
      ...(m.readOnly ? { read_only: true } : {}),
    }));
  if (spec.workdir) service.working_dir = spec.workdir;
  if (spec.user) service.user = spec.user;
  if (spec.restart !== 'no')
    service.restart = spec.restart === 'on-failure' && spec.restartMaxRetries ? `on-failure:${spec.restartMaxRetries}` : spec.restart;
  if (spec.interactive) service.stdin_open = true;
  if (spec.tty) service.tty = true;
  let networks: Record<string, unknown> | undefined;
  if (spec.network === 'host' || spec.network === 'none' || spec.network === 'bridge' || spec.network?.startsWith('container:'))
    service.network_mode = spec.network;
  else if (spec.network) {
    service.networks = [spec.network];
    // docker run joins a network that exists; so does the service, under its own name.
    networks = { [spec.network]: { name: spec.network, external: true } };
  }
  if (spec.hostname) service.hostname = spec.hostname;
  if (spec.extraHosts?.length) service.extra_hosts = spec.extraHosts.map((h) => `${h.host}:${h.ip}`);
  if (spec.ipc) service.ipc = spec.ipc;
  if (spec.pid) service.pid = spec.pid;
  if (spec.devices.length > 0) service.devices = spec.devices.map(deviceText);
  if (spec.privileged) service.privileged = true;
  if (spec.capAdd?.length) service.cap_add = spec.capAdd;
  if (spec.capDrop?.length) service.cap_drop = spec.capDrop;
  if (spec.cpus !== undefined) service.cpus = Number(formatCpus(spec.cpus));
  if (spec.memory !== undefined) service.mem_limit = formatByteSize(spec.memory);
  if (spec.memorySwap !== undefined) service.memswap_limit = spec.memorySwap === -1 ? -1 : formatByteSize(spec.memorySwap);
  if (spec.shmSize !== undefined) service.shm_size = formatByteSize(spec.shmSize);
  if (spec.gpus !== undefined)
    service.deploy = {
      resources: { reservations: { devices: [{ capabilities: ['gpu'], count: spec.gpus === 'all' ? 'all' : spec.gpus }] } },
    };
  if (spec.labels.length > 0) service.labels = Object.fromEntries(spec.labels.map((l) => [l.key, l.value]));
  const doc: Record<string, unknown> = { services: { [serviceNameOf(spec)]: service } };
  if (namedVolumes.length > 0)
    // `name:` keeps the volume's own name (Compose would prefix it with the project's).
    doc.volumes = Object.fromEntries([...new Set(namedVolumes)].map((v) => [v, { name: v }]));
  if (networks) doc.networks = networks;
  return doc;
}

function composeExport(spec: RunSpec): ExportedSpec {
  const caveats: string[] = [];
  if (spec.autoRemove) caveats.push('Compose has no --rm: the container stays after it exits until `docker compose down`.');
  if (!spec.network) caveats.push('With no network set, Compose puts the service on the project’s own network, not the engine’s default.');
  // Every string quoted: YAML would read a bare `no`, `on`, `0755` or `1e3` as something else.
  const text = stringify(composeDocument(spec), { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
  return { text, fileName: 'compose.yaml', caveats };
}

/** `docker run` flags for a dev container's runArgs: what the form says, minus what the tools decide. */
export function devcontainerRunArgs(spec: RunSpec): string[] {
  const entrypoint = spec.entrypoint?.slice(0, 1);
  const words = dockerRunWords({
    ...spec,
    name: undefined,
    autoRemove: false,
    interactive: false,
    tty: false,
    env: [],
    user: undefined,
    command: [],
    ...(entrypoint ? { entrypoint } : {}),
  });
  // `docker run --detach` first, the image last: the tools put those in themselves.
  return words.slice(3, -1);
}

/** A `.devcontainer/devcontainer.json` that opens the same container in VS Code or the devcontainer CLI. */
export function devcontainerDocument(spec: RunSpec): Record<string, unknown> {
  const runArgs = devcontainerRunArgs(spec);
  return {
    name: spec.name ?? serviceNameOf(spec),
    image: spec.image,
    ...(spec.env.length > 0 ? { containerEnv: Object.fromEntries(spec.env.map((e) => [e.key, e.value])) } : {}),
    ...(spec.user ? { containerUser: spec.user } : {}),
    ...(runArgs.length > 0 ? { runArgs } : {}),
  };
}

function devcontainerExport(spec: RunSpec): ExportedSpec {
  const caveats: string[] = [];
  if (spec.command.length > 0 || (spec.entrypoint?.length ?? 0) > 1)
    caveats.push('A dev container runs an idle command of its own so you can work in it: the command is left out.');
  if (spec.name) caveats.push('The dev container tools name the container themselves: the name is left out.');
  if (spec.autoRemove) caveats.push('The tools decide when the container goes: --rm is left out.');
  return { text: `${JSON.stringify(devcontainerDocument(spec), null, 2)}\n`, fileName: 'devcontainer.json', caveats };
}
