import { formatByteSize } from './byte-size.js';
import type { RunSpec } from './run-spec.js';
import { formatCommand } from './shell-command.js';

/**
 * How a spec is run: `attached` is `docker run -it` (a terminal on the main process, as the run
 * form does when Interactive and TTY are both on and Detach is off), `detached` is
 * `docker run --detach`, `create` is `docker create`.
 */
export type RunMode = 'attached' | 'detached' | 'create';

/** The way the run form runs a spec: attached for -it (unless -d is asked for too), else detached. */
export function runModeOf(spec: Pick<RunSpec, 'interactive' | 'tty' | 'detach'>): 'attached' | 'detached' {
  return spec.interactive && spec.tty && !spec.detach ? 'attached' : 'detached';
}

/** The `docker run` command line that a run spec equals, word for word. */
export function formatDockerRun(spec: RunSpec, mode: RunMode = runModeOf(spec)): string {
  return formatCommand(dockerRunWords(spec, mode));
}

/** `docker run -it …` (attached), `docker run --detach …` or `docker create …` as words, the same flags each way. */
export function dockerRunWords(spec: RunSpec, mode: RunMode = runModeOf(spec)): string[] {
  const words: string[] =
    mode === 'create' ? ['docker', 'create'] : mode === 'detached' ? ['docker', 'run', '--detach'] : ['docker', 'run'];
  if (spec.interactive && spec.tty) words.push('-it');
  else if (spec.interactive) words.push('--interactive');
  else if (spec.tty) words.push('--tty');
  if (spec.autoRemove) words.push('--rm');
  if (spec.name) words.push('--name', spec.name);
  if (spec.restart !== 'no') {
    const retries = spec.restart === 'on-failure' && spec.restartMaxRetries ? `:${spec.restartMaxRetries}` : '';
    words.push('--restart', `${spec.restart}${retries}`);
  }
  if (spec.network) words.push('--network', spec.network);
  if (spec.hostname) words.push('--hostname', spec.hostname);
  for (const h of spec.extraHosts ?? []) words.push('--add-host', `${h.host}:${h.ip}`);
  if (spec.ipc) words.push('--ipc', spec.ipc);
  if (spec.pid) words.push('--pid', spec.pid);
  for (const p of spec.ports) {
    const host = [p.hostIp, p.hostPort].filter((x) => x !== undefined && x !== '').join(':');
    const proto = p.protocol === 'tcp' ? '' : `/${p.protocol}`;
    words.push('--publish', `${host ? `${host}:` : ''}${p.containerPort}${proto}`);
  }
  for (const e of spec.env) words.push('--env', `${e.key}=${e.value}`);
  for (const m of spec.mounts) words.push('--volume', `${m.source}:${m.target}${m.readOnly ? ':ro' : ''}`);
  for (const d of spec.devices) {
    const parts = [d.hostPath, d.containerPath, d.permissions].filter((x): x is string => Boolean(x));
    words.push('--device', parts.join(':'));
  }
  if (spec.privileged) words.push('--privileged');
  for (const cap of spec.capAdd ?? []) words.push('--cap-add', cap);
  for (const cap of spec.capDrop ?? []) words.push('--cap-drop', cap);
  if (spec.gpus !== undefined) words.push('--gpus', String(spec.gpus));
  if (spec.cpus !== undefined) words.push('--cpus', formatCpus(spec.cpus));
  if (spec.memory !== undefined) words.push('--memory', formatByteSize(spec.memory));
  if (spec.memorySwap !== undefined) words.push('--memory-swap', spec.memorySwap === -1 ? '-1' : formatByteSize(spec.memorySwap));
  if (spec.shmSize !== undefined) words.push('--shm-size', formatByteSize(spec.shmSize));
  if (spec.workdir) words.push('--workdir', spec.workdir);
  if (spec.user) words.push('--user', spec.user);
  for (const l of spec.labels) words.push('--label', `${l.key}=${l.value}`);
  // The CLI's --entrypoint takes one executable: further entrypoint words go before the command.
  const [entry, ...entryArgs] = spec.entrypoint ?? [];
  if (entry !== undefined) words.push('--entrypoint', entry);
  words.push(spec.image || 'IMAGE');
  words.push(...entryArgs, ...spec.command);
  return words;
}

/** CPUs as the CLI reads them: 0.5, 2, 0.000000001, never exponent notation. */
export function formatCpus(n: number): string {
  return n.toFixed(9).replace(/\.?0+$/, '');
}
