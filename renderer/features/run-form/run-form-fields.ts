import { formatByteSize, parseByteSize } from '../../../shared/byte-size.js';
import { formatCpus, formatDockerRun } from '../../../shared/docker-run-format.js';
import { parseCpus } from '../../../shared/docker-run-parser.js';
import { emptyRunSpec, runSpecSchema, type RunSpec } from '../../../shared/run-spec.js';
import { formatCommand } from '../../../shared/shell-command.js';
import { splitShellWords } from '../../../shared/shell-words.js';

/** What the run form's inputs hold: text as typed, one row per list entry. */
export interface KeyValueRow {
  id: number;
  key: string;
  value: string;
}
export interface PortRow {
  id: number;
  hostIp: string;
  hostPort: string;
  containerPort: string;
  protocol: 'tcp' | 'udp' | 'sctp';
}
export interface MountRow {
  id: number;
  type: 'bind' | 'volume';
  source: string;
  target: string;
  readOnly: boolean;
}
export interface DeviceRow {
  id: number;
  hostPath: string;
  containerPath: string;
  permissions: string;
}

export interface HostRow {
  id: number;
  host: string;
  ip: string;
}

export type NetworkMode = 'default' | 'host' | 'none' | 'custom';
export type GpuMode = 'none' | 'all' | 'count';
export type RestartPolicy = RunSpec['restart'];
export type IpcChoice = 'default' | NonNullable<RunSpec['ipc']>;

export interface RunFormFields {
  image: string;
  name: string;
  command: string;
  entrypoint: string;
  env: KeyValueRow[];
  ports: PortRow[];
  mounts: MountRow[];
  workdir: string;
  user: string;
  restart: RestartPolicy;
  restartMaxRetries: string;
  interactive: boolean;
  tty: boolean;
  /** With -i and -t: run in the background (-d) instead of opening a terminal on it. */
  detach: boolean;
  autoRemove: boolean;
  networkMode: NetworkMode;
  customNetwork: string;
  devices: DeviceRow[];
  privileged: boolean;
  gpuMode: GpuMode;
  gpuCount: string;
  labels: KeyValueRow[];
  /** Sizes and CPUs as typed: `0.5`, `512m`; `-1` for unlimited swap. */
  cpus: string;
  memory: string;
  memorySwap: string;
  shmSize: string;
  /** Capability names separated by spaces or commas. */
  capAdd: string;
  capDrop: string;
  ipc: IpcChoice;
  pidHost: boolean;
  hostname: string;
  extraHosts: HostRow[];
}

/** The lists of the form, each a list of rows. */
export type RowListName = 'env' | 'ports' | 'mounts' | 'devices' | 'labels' | 'extraHosts';
export type RowOf<L extends RowListName> = RunFormFields[L][number];

let nextRowId = 1;
export function rowId(): number {
  return nextRowId++;
}

export function blankRow<L extends RowListName>(list: L): RowOf<L> {
  const id = rowId();
  switch (list) {
    case 'ports':
      return { id, hostIp: '', hostPort: '', containerPort: '', protocol: 'tcp' } as RowOf<L>;
    case 'mounts':
      return { id, type: 'bind', source: '', target: '', readOnly: false } as RowOf<L>;
    case 'devices':
      return { id, hostPath: '', containerPath: '', permissions: '' } as RowOf<L>;
    case 'extraHosts':
      return { id, host: '', ip: '' } as RowOf<L>;
    default:
      return { id, key: '', value: '' } as RowOf<L>;
  }
}

/** A row nobody typed into is not part of the spec. */
export function isBlankRow(row: KeyValueRow | PortRow | MountRow | DeviceRow | HostRow): boolean {
  return Object.entries(row).every(([k, v]) => k === 'id' || k === 'protocol' || k === 'type' || typeof v === 'boolean' || v === '');
}

export function emptyFields(image = ''): RunFormFields {
  return fieldsFromSpec(emptyRunSpec(image));
}

/** The form a spec fills (a pasted command, a preset's result). */
export function fieldsFromSpec(spec: RunSpec): RunFormFields {
  const network = spec.network ?? '';
  return {
    image: spec.image,
    name: spec.name ?? '',
    command: formatCommand(spec.command),
    entrypoint: spec.entrypoint ? formatCommand(spec.entrypoint) : '',
    env: spec.env.map((e) => ({ id: rowId(), key: e.key, value: e.value })),
    ports: spec.ports.map((p) => ({
      id: rowId(),
      hostIp: p.hostIp ?? '',
      hostPort: p.hostPort === undefined ? '' : String(p.hostPort),
      containerPort: String(p.containerPort),
      protocol: p.protocol,
    })),
    mounts: spec.mounts.map((m) => ({ id: rowId(), ...m })),
    workdir: spec.workdir ?? '',
    user: spec.user ?? '',
    restart: spec.restart,
    restartMaxRetries: spec.restartMaxRetries === undefined ? '' : String(spec.restartMaxRetries),
    interactive: spec.interactive,
    tty: spec.tty,
    detach: spec.detach === true,
    autoRemove: spec.autoRemove,
    networkMode: network === '' ? 'default' : network === 'host' || network === 'none' ? network : 'custom',
    customNetwork: network === 'host' || network === 'none' ? '' : network,
    devices: spec.devices.map((d) => ({
      id: rowId(),
      hostPath: d.hostPath,
      containerPath: d.containerPath ?? '',
      permissions: d.permissions ?? '',
    })),
    privileged: spec.privileged,
    gpuMode: spec.gpus === undefined ? 'none' : spec.gpus === 'all' ? 'all' : 'count',
    gpuCount: typeof spec.gpus === 'number' ? String(spec.gpus) : '',
    labels: spec.labels.map((l) => ({ id: rowId(), key: l.key, value: l.value })),
    cpus: spec.cpus === undefined ? '' : formatCpus(spec.cpus),
    memory: spec.memory === undefined ? '' : formatByteSize(spec.memory),
    memorySwap: spec.memorySwap === undefined ? '' : spec.memorySwap === -1 ? '-1' : formatByteSize(spec.memorySwap),
    shmSize: spec.shmSize === undefined ? '' : formatByteSize(spec.shmSize),
    capAdd: (spec.capAdd ?? []).join(' '),
    capDrop: (spec.capDrop ?? []).join(' '),
    ipc: spec.ipc ?? 'default',
    pidHost: spec.pid === 'host',
    hostname: spec.hostname ?? '',
    extraHosts: (spec.extraHosts ?? []).map((h) => ({ id: rowId(), host: h.host, ip: h.ip })),
  };
}

/** Field errors keyed by the spec path joined with dots: `image`, `ports.0.containerPort`, `mounts`. */
export type FieldErrors = Record<string, string>;

/** A number as typed: blank is undefined, anything else that is not a whole number is NaN (the schema says why). */
function numberOf(text: string): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  return /^\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** CPUs as typed: blank is undefined, anything but a plain decimal is NaN (the schema says why). */
function cpusOf(text: string): number | undefined {
  const t = text.trim();
  return t === '' ? undefined : (parseCpus(t) ?? Number.NaN);
}

/** A size as typed (`512m`): blank is undefined; one that cannot be read is NaN with the reason beside its field. */
function sizeOf(text: string, field: string, shape: string, errors: FieldErrors): number | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const bytes = parseByteSize(t);
  if (bytes !== undefined) return bytes;
  errors[field] = shape;
  return Number.NaN;
}

/** Capability names as typed, split on spaces and commas. */
export function namesOf(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

function words(text: string, field: string, errors: FieldErrors): string[] {
  try {
    return splitShellWords(text.trim());
  } catch (err) {
    errors[field] = err instanceof Error ? err.message : String(err);
    return [];
  }
}

/**
 * The spec the form stands for, before validation. Blank rows are left out; text that cannot be
 * read (an unclosed quote in the command) is an error on that field.
 */
export function specFromFields(f: RunFormFields): { spec: RunSpec; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const command = words(f.command, 'command', errors);
  const entrypoint = f.entrypoint.trim() ? words(f.entrypoint, 'entrypoint', errors) : undefined;
  const network =
    f.networkMode === 'default' ? undefined : f.networkMode === 'custom' ? f.customNetwork.trim() || undefined : f.networkMode;
  const gpuCount = numberOf(f.gpuCount);
  const retries = numberOf(f.restartMaxRetries);
  const cpus = cpusOf(f.cpus);
  const memory = sizeOf(f.memory, 'memory', 'Memory must be like 512m or 2g', errors);
  const memorySwap =
    f.memorySwap.trim() === '-1'
      ? -1
      : sizeOf(f.memorySwap, 'memorySwap', 'Memory + swap must be like 1g, or -1 for unlimited swap', errors);
  const shmSize = sizeOf(f.shmSize, 'shmSize', 'Shared memory must be like 64m or 1g', errors);
  const capAdd = namesOf(f.capAdd);
  const capDrop = namesOf(f.capDrop);
  const extraHosts = f.extraHosts.filter((r) => !isBlankRow(r)).map((r) => ({ host: r.host.trim(), ip: r.ip.trim() }));
  const spec: RunSpec = {
    image: f.image.trim(),
    ...(f.name.trim() ? { name: f.name.trim() } : {}),
    command,
    ...(entrypoint ? { entrypoint } : {}),
    env: f.env.filter((r) => !isBlankRow(r)).map((r) => ({ key: r.key.trim(), value: r.value })),
    ports: f.ports
      .filter((r) => !isBlankRow(r))
      .map((r) => {
        const hostPort = numberOf(r.hostPort);
        return {
          ...(r.hostIp.trim() ? { hostIp: r.hostIp.trim() } : {}),
          ...(hostPort !== undefined ? { hostPort } : {}),
          containerPort: numberOf(r.containerPort) ?? Number.NaN,
          protocol: r.protocol,
        };
      }),
    mounts: f.mounts
      .filter((r) => !isBlankRow(r))
      .map((r) => ({ type: r.type, source: r.source.trim(), target: r.target.trim(), readOnly: r.readOnly })),
    ...(f.workdir.trim() ? { workdir: f.workdir.trim() } : {}),
    ...(f.user.trim() ? { user: f.user.trim() } : {}),
    restart: f.restart,
    ...(f.restart === 'on-failure' && retries !== undefined ? { restartMaxRetries: retries } : {}),
    interactive: f.interactive,
    tty: f.tty,
    ...(f.detach && f.interactive && f.tty ? { detach: true } : {}),
    autoRemove: f.autoRemove,
    ...(network ? { network } : {}),
    devices: f.devices
      .filter((r) => !isBlankRow(r))
      .map((r) => ({
        hostPath: r.hostPath.trim(),
        ...(r.containerPath.trim() ? { containerPath: r.containerPath.trim() } : {}),
        ...(r.permissions.trim() ? { permissions: r.permissions.trim() } : {}),
      })),
    privileged: f.privileged,
    ...(f.gpuMode === 'all' ? { gpus: 'all' as const } : f.gpuMode === 'count' ? { gpus: gpuCount ?? Number.NaN } : {}),
    labels: f.labels.filter((r) => !isBlankRow(r)).map((r) => ({ key: r.key.trim(), value: r.value })),
    ...(cpus !== undefined ? { cpus } : {}),
    ...(memory !== undefined ? { memory } : {}),
    ...(memorySwap !== undefined ? { memorySwap } : {}),
    ...(shmSize !== undefined ? { shmSize } : {}),
    ...(capAdd.length > 0 ? { capAdd } : {}),
    ...(capDrop.length > 0 ? { capDrop } : {}),
    ...(f.ipc !== 'default' ? { ipc: f.ipc } : {}),
    ...(f.pidHost ? { pid: 'host' as const } : {}),
    ...(f.hostname.trim() ? { hostname: f.hostname.trim() } : {}),
    ...(extraHosts.length > 0 ? { extraHosts } : {}),
  };
  if (f.networkMode === 'custom' && !network) errors['network'] = 'Name the network to join';
  return { spec, errors };
}

/** Says in words what zod's generic messages say in types. */
const friendly: Record<string, string> = {
  key: 'A key is needed',
  containerPort: 'A port number, 1–65535',
  hostPort: 'A port number, 1–65535 (or blank: the engine picks one)',
  permissions: 'Some of r, w and m (e.g. rwm)',
  restartMaxRetries: 'A whole number, 0 or more',
  gpus: 'A number of GPUs, 1 or more',
  name: 'Use letters, digits, _ . or - (and start with a letter or digit)',
  cpus: 'CPUs must be a number such as 0.5 or 2',
  ip: 'An IPv4 or IPv6 address, or host-gateway',
};

export interface IssueLike {
  path: ReadonlyArray<PropertyKey>;
  message: string;
}

/** Field errors from zod issues: the first message per path wins. */
export function errorsFromIssues(issues: readonly IssueLike[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String);
    const key = path.join('.');
    if (!key || errors[key]) continue;
    const last = path[path.length - 1] ?? '';
    const custom = !/^(Invalid|Too (small|big)|Expected)/i.test(issue.message);
    errors[key] = custom ? issue.message : (friendly[last] ?? issue.message);
  }
  return errors;
}

/** The path of an engine refusal (a BerthError's `path`) as a field key; `spec.` is dropped. */
export function fieldKeyOfPath(path: ReadonlyArray<string | number> | undefined): string | undefined {
  if (!path || path.length === 0) return undefined;
  const parts = path.map(String);
  if (parts[0] === 'spec') parts.shift();
  return parts.length > 0 ? parts.join('.') : undefined;
}

/** Validates the form: the spec to send, or the errors to show beside the fields. */
export function validateFields(f: RunFormFields): { ok: true; spec: RunSpec } | { ok: false; errors: FieldErrors } {
  const { spec, errors } = specFromFields(f);
  const parsed = runSpecSchema.safeParse(spec);
  const all = { ...(parsed.success ? {} : errorsFromIssues(parsed.error.issues)), ...errors };
  if (Object.keys(all).length > 0 || !parsed.success) return { ok: false, errors: all };
  return { ok: true, spec: parsed.data };
}

/** The `docker run` line the form equals now; half-typed numbers are left out rather than shown as NaN. */
export function commandLineOf(f: RunFormFields): string {
  return formatDockerRun(shownSpecOf(f));
}

/** The spec the form describes now, for showing and exporting: half-typed numbers are left out. */
export function shownSpecOf(f: RunFormFields): RunSpec {
  const { spec } = specFromFields(f);
  return {
    ...spec,
    ports: spec.ports
      .filter((p) => Number.isFinite(p.containerPort))
      .map((p) => (p.hostPort !== undefined && !Number.isFinite(p.hostPort) ? { ...p, hostPort: undefined } : p)),
    ...(typeof spec.gpus === 'number' && !Number.isFinite(spec.gpus) ? { gpus: undefined } : {}),
    ...(spec.restartMaxRetries !== undefined && !Number.isFinite(spec.restartMaxRetries) ? { restartMaxRetries: undefined } : {}),
    ...finiteOnly(spec, ['cpus', 'memory', 'memorySwap', 'shmSize']),
  };
}

/** The given numeric fields of a spec, with half-typed (NaN) ones set to undefined so the line leaves them out. */
function finiteOnly(spec: RunSpec, keys: ReadonlyArray<'cpus' | 'memory' | 'memorySwap' | 'shmSize'>): Partial<RunSpec> {
  const out: Partial<RunSpec> = {};
  for (const key of keys) if (spec[key] !== undefined && !Number.isFinite(spec[key])) out[key] = undefined;
  return out;
}

/** The first error about a field or any part of it (`capAdd` and `capAdd.1`), for a single input holding a list. */
export function firstErrorUnder(errors: FieldErrors, field: string): string | undefined {
  return Object.entries(errors).find(([k]) => k === field || k.startsWith(`${field}.`))?.[1];
}

/** Errors that belong to a section (`ports` and `ports.1.hostPort` both belong to `ports`). */
export function errorsUnder(errors: FieldErrors, field: string): string[] {
  return Object.entries(errors)
    .filter(([k]) => k === field || k.startsWith(`${field}.`))
    .map(([k, message]) => {
      const [, index, part] = k.split('.');
      if (index === undefined) return message;
      return `${labelOfList(field)} ${Number(index) + 1}${part ? `, ${partNames[part] ?? part}` : ''}: ${message}`;
    });
}

const partNames: Record<string, string> = {
  key: 'key',
  hostIp: 'host IP',
  hostPort: 'host port',
  containerPort: 'container port',
  source: 'source',
  target: 'target',
  hostPath: 'host path',
  containerPath: 'container path',
  permissions: 'permissions',
  host: 'name',
  ip: 'IP',
};

function labelOfList(field: string): string {
  switch (field) {
    case 'env':
      return 'Variable';
    case 'ports':
      return 'Port';
    case 'mounts':
      return 'Mount';
    case 'devices':
      return 'Device';
    case 'labels':
      return 'Label';
    case 'extraHosts':
      return 'Host';
    default:
      return field;
  }
}
