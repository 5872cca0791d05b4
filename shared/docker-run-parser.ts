import { parseByteSize } from './byte-size.js';
import { capabilityNameProblem, isCapabilityName } from './linux-capabilities.js';
import { emptyRunSpec, ipcModeSchema, restartPolicySchema, type PortBinding, type RunSpec } from './run-spec.js';
import { splitShellWords } from './shell-words.js';

export type ParseResult = { ok: true; spec: RunSpec } | { ok: false; error: string };

class RunParseError extends Error {}

/** Options that take a value, by every name they go by; each fills one part of the spec. */
const valueOptions: Record<string, (spec: RunSpec, value: string) => void> = {
  '--name': (s, v) => (s.name = v),
  '-e': addEnv,
  '--env': addEnv,
  '-p': addPort,
  '--publish': addPort,
  '-v': addVolume,
  '--volume': addVolume,
  '-w': (s, v) => (s.workdir = v),
  '--workdir': (s, v) => (s.workdir = v),
  '-u': (s, v) => (s.user = v),
  '--user': (s, v) => (s.user = v),
  '--restart': setRestart,
  '--network': (s, v) => (s.network = v),
  '--net': (s, v) => (s.network = v),
  '--device': addDevice,
  '--gpus': setGpus,
  '-l': addLabel,
  '--label': addLabel,
  // Like the CLI: the entrypoint is one executable; its arguments come from the command.
  '--entrypoint': (s, v) => (s.entrypoint = [v]),
  '--cpus': setCpus,
  '-m': (s, v) => (s.memory = byteSize('--memory', v, 'memory must be like 512m or 2g')),
  '--memory': (s, v) => (s.memory = byteSize('--memory', v, 'memory must be like 512m or 2g')),
  '--memory-swap': (s, v) =>
    (s.memorySwap = v === '-1' ? -1 : byteSize('--memory-swap', v, 'memory + swap must be like 1g, or -1 for unlimited swap')),
  '--shm-size': (s, v) => (s.shmSize = byteSize('--shm-size', v, 'the size of /dev/shm must be like 64m or 1g')),
  '--cap-add': (s, v) => (s.capAdd ??= []).push(capability('--cap-add', v)),
  '--cap-drop': (s, v) => (s.capDrop ??= []).push(capability('--cap-drop', v)),
  '--ipc': setIpc,
  '--pid': setPid,
  '-h': (s, v) => (s.hostname = v),
  '--hostname': (s, v) => (s.hostname = v),
  '--add-host': addHost,
};

const flagOptions: Record<string, (spec: RunSpec, on: boolean) => void> = {
  '-d': setDetach,
  '--detach': setDetach,
  '-i': (s, on) => (s.interactive = on),
  '--interactive': (s, on) => (s.interactive = on),
  '-t': (s, on) => (s.tty = on),
  '--tty': (s, on) => (s.tty = on),
  '--rm': (s, on) => (s.autoRemove = on),
  '--privileged': (s, on) => (s.privileged = on),
};

/** `-d`: noted, then kept only beside `-it`, the one place it changes what Berth does (background instead of a terminal). */
function setDetach(spec: RunSpec, on: boolean): void {
  if (on) spec.detach = true;
  else delete spec.detach;
}

/**
 * Reads a pasted `docker run ...` line into a run spec. Options Berth does not understand are an
 * error that names them, never silently dropped.
 */
export function parseDockerRun(line: string): ParseResult {
  try {
    const words = splitShellWords(line.trim());
    let i = 0;
    if (words[i] === 'sudo') i++;
    if (words[i] === 'docker') i++;
    if (words[i] === 'container') i++;
    if (words[i] !== 'run') throw new RunParseError('Expected a command starting with "docker run"');
    i++;
    const spec = emptyRunSpec();
    for (; i < words.length; i++) {
      const word = words[i]!;
      if (word === '--') {
        i++;
        break;
      }
      if (!word.startsWith('-') || word === '-') break;
      const eq = word.startsWith('--') ? word.indexOf('=') : -1;
      const name = eq > 0 ? word.slice(0, eq) : word;
      const inline = eq > 0 ? word.slice(eq + 1) : undefined;
      const setValue = valueOptions[name];
      if (setValue) {
        const value = inline ?? words[++i];
        if (value === undefined) throw new RunParseError(`${name} needs a value`);
        setValue(spec, value);
        continue;
      }
      const setFlag = flagOptions[name];
      if (setFlag) {
        setFlag(spec, inline === undefined ? true : inline !== 'false');
        continue;
      }
      if (/^-[a-zA-Z]{2,}$/.test(word)) {
        i = applyShortCluster(spec, word, words, i);
        continue;
      }
      throw new RunParseError(`Berth does not understand the option ${name} yet`);
    }
    const image = words[i];
    if (!image) throw new RunParseError('No image given: the first word after the options is the image');
    spec.image = image;
    spec.command = words.slice(i + 1);
    if (spec.detach && !(spec.interactive && spec.tty)) delete spec.detach;
    return { ok: true, spec };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** `-dit`, `-itp 80:80`: flags together, the last one may take the next word as its value. */
function applyShortCluster(spec: RunSpec, word: string, words: string[], i: number): number {
  const letters = word.slice(1).split('');
  letters.forEach((letter, index) => {
    const opt = `-${letter}`;
    const setFlag = flagOptions[opt];
    if (setFlag) return setFlag(spec, true);
    const setValue = valueOptions[opt];
    if (setValue && index === letters.length - 1) {
      const value = words[++i];
      if (value === undefined) throw new RunParseError(`${opt} needs a value`);
      return setValue(spec, value);
    }
    throw new RunParseError(`Berth does not understand the option ${opt} in ${word}`);
  });
  return i;
}

function splitKeyValue(v: string, what: string): { key: string; value: string } {
  const eq = v.indexOf('=');
  const key = eq < 0 ? v : v.slice(0, eq);
  if (!key) throw new RunParseError(`Bad ${what} "${v}": expected KEY=VALUE`);
  return { key, value: eq < 0 ? '' : v.slice(eq + 1) };
}

function addEnv(spec: RunSpec, v: string): void {
  spec.env.push(splitKeyValue(v, 'environment variable'));
}

function addLabel(spec: RunSpec, v: string): void {
  spec.labels.push(splitKeyValue(v, 'label'));
}

function portNumber(text: string, whole: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < 1 || n > 65535) throw new RunParseError(`Bad port "${whole}": ${text} is not a port number (1-65535)`);
  return n;
}

/** [ip:][hostPort:]containerPort[/protocol] */
export function parsePortBinding(v: string): PortBinding {
  const [address, protoText] = v.split('/');
  const protocol = protoText ?? 'tcp';
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp')
    throw new RunParseError(`Bad port "${v}": protocol must be tcp, udp or sctp`);
  const parts = (address ?? '').split(':');
  if (parts.length > 3 || parts.length === 0) throw new RunParseError(`Bad port "${v}": expected [ip:][hostPort:]containerPort`);
  const containerPort = portNumber(parts[parts.length - 1]!, v);
  const hostPortText = parts.length >= 2 ? parts[parts.length - 2]! : '';
  const hostIp = parts.length === 3 ? parts[0] : undefined;
  return {
    containerPort,
    protocol,
    ...(hostPortText ? { hostPort: portNumber(hostPortText, v) } : {}),
    ...(hostIp ? { hostIp } : {}),
  };
}

function addPort(spec: RunSpec, v: string): void {
  spec.ports.push(parsePortBinding(v));
}

function addVolume(spec: RunSpec, v: string): void {
  const [source, target, mode, ...rest] = v.split(':');
  if (!source || !target || rest.length > 0) throw new RunParseError(`Bad volume "${v}": expected SOURCE:TARGET[:ro]`);
  if (!target.startsWith('/')) throw new RunParseError(`Bad volume "${v}": the target must be an absolute path`);
  if (mode !== undefined && mode !== 'ro' && mode !== 'rw') throw new RunParseError(`Bad volume "${v}": mode must be ro or rw`);
  const isPath = source.startsWith('/') || source.startsWith('.') || source.startsWith('~');
  spec.mounts.push({ type: isPath ? 'bind' : 'volume', source, target, readOnly: mode === 'ro' });
}

function addDevice(spec: RunSpec, v: string): void {
  const [hostPath, containerPath, permissions] = v.split(':');
  if (!hostPath?.startsWith('/')) throw new RunParseError(`Bad device "${v}": expected /dev/... on the host`);
  spec.devices.push({ hostPath, ...(containerPath ? { containerPath } : {}), ...(permissions ? { permissions } : {}) });
}

function setRestart(spec: RunSpec, v: string): void {
  const [policy, retries] = v.split(':');
  const parsed = restartPolicySchema.safeParse(policy);
  if (!parsed.success) throw new RunParseError(`Bad restart policy "${v}": use no, always, unless-stopped or on-failure[:N]`);
  spec.restart = parsed.data;
  if (retries !== undefined) spec.restartMaxRetries = Number(retries);
}

function setGpus(spec: RunSpec, v: string): void {
  if (v === 'all') spec.gpus = 'all';
  else if (/^\d+$/.test(v) && Number(v) > 0) spec.gpus = Number(v);
  else throw new RunParseError(`Bad --gpus "${v}": use all or a number`);
}

/** `--cpus` as typed (`0.5`, `2`, `.25`): the number, or undefined when it is not a plain decimal. */
export function parseCpus(text: string): number | undefined {
  return /^\d*\.?\d+$/.test(text) ? Number(text) : undefined;
}

function setCpus(spec: RunSpec, v: string): void {
  const cpus = parseCpus(v);
  if (cpus === undefined || cpus <= 0) throw new RunParseError(`Bad --cpus "${v}": a number of CPUs such as 0.5 or 2`);
  spec.cpus = cpus;
}

function byteSize(option: string, v: string, shape: string): number {
  const bytes = parseByteSize(v);
  if (bytes === undefined) throw new RunParseError(`Bad ${option} "${v}": ${shape}`);
  return bytes;
}

function capability(option: string, v: string): string {
  if (!isCapabilityName(v)) throw new RunParseError(`Bad ${option} "${v}": ${capabilityNameProblem(v)}`);
  return v;
}

function setIpc(spec: RunSpec, v: string): void {
  const parsed = ipcModeSchema.safeParse(v);
  if (!parsed.success) throw new RunParseError(`Bad --ipc "${v}": Berth takes host, private, shareable or none`);
  spec.ipc = parsed.data;
}

function setPid(spec: RunSpec, v: string): void {
  if (v !== 'host') throw new RunParseError(`Bad --pid "${v}": Berth takes only host`);
  spec.pid = 'host';
}

/** NAME:IP (or NAME=IP); an IPv6 address keeps its colons. */
function addHost(spec: RunSpec, v: string): void {
  const at = v.search(/[:=]/);
  const host = at > 0 ? v.slice(0, at) : '';
  const ip = at > 0 ? v.slice(at + 1).replace(/^\[(.*)\]$/, '$1') : '';
  if (!host || !ip) throw new RunParseError(`Bad --add-host "${v}": expected NAME:IP, such as robot:127.0.0.1 or gateway:host-gateway`);
  (spec.extraHosts ??= []).push({ host, ip });
}
