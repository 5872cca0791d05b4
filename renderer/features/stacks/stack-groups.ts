import type { StackRef } from '../../../shared/compose-types.js';
import type { ContainerSummary } from '../../../shared/engine-types.js';

export const composeLabels = {
  project: 'com.docker.compose.project',
  service: 'com.docker.compose.service',
  workingDir: 'com.docker.compose.project.working_dir',
  configFiles: 'com.docker.compose.project.config_files',
  number: 'com.docker.compose.container-number',
} as const;

/** running: every container runs; stopped: none does; partly: some do; none: files known, no containers yet. */
export type StackState = 'running' | 'partly' | 'stopped' | 'none';

export type Health = 'healthy' | 'unhealthy' | 'starting';

export interface ServiceEntry {
  name: string;
  /** By container number (replica 1, 2, …). */
  containers: ContainerSummary[];
}

export interface StackEntry {
  project: string;
  state: StackState;
  running: number;
  total: number;
  /** The project folder the labels name (on the machine that ran Compose). */
  workingDir?: string;
  /** What to run Compose with: the opened stack's, else the files the labels name. Undefined: the labels name none. */
  ref?: StackRef;
  /** Opened in Berth (not only seen on the engine). */
  opened: boolean;
  services: ServiceEntry[];
}

/** The health Docker appends to a running container's status ("Up 2 minutes (healthy)"). */
export function healthOf(c: Pick<ContainerSummary, 'status'>): Health | undefined {
  const m = /\((healthy|unhealthy|health: starting)\)/.exec(c.status);
  if (!m) return undefined;
  return m[1] === 'health: starting' ? 'starting' : (m[1] as Health);
}

/** The label's files as absolute paths: docker-compose 1.x writes them relative to the working folder, the plugin absolute. */
export function configFilesOf(labels: Readonly<Record<string, string>>): string[] {
  const list = labels[composeLabels.configFiles];
  if (!list) return [];
  const dir = labels[composeLabels.workingDir] ?? '';
  return list
    .split(',')
    .map((f) => f.trim())
    .filter((f) => f !== '')
    .map((f) => (f.startsWith('/') || !dir ? f : `${dir.replace(/\/$/, '')}/${f}`));
}

function stateOf(running: number, total: number): StackState {
  if (total === 0) return 'none';
  if (running === total) return 'running';
  return running === 0 ? 'stopped' : 'partly';
}

const numberOf = (c: ContainerSummary): number => Number(c.labels[composeLabels.number] ?? 0);

/**
 * Every Compose project on the engine, from its containers' labels, plus the stacks opened in
 * Berth that have no containers yet; sorted by name. One-off containers (`run`) count as members.
 */
export function groupStacks(containers: readonly ContainerSummary[], opened: readonly StackRef[]): StackEntry[] {
  const byProject = new Map<string, ContainerSummary[]>();
  for (const c of containers) {
    const project = c.labels[composeLabels.project];
    if (!project) continue;
    const list = byProject.get(project) ?? [];
    list.push(c);
    byProject.set(project, list);
  }
  const openedByProject = new Map(opened.map((s) => [s.project, s]));
  const names = new Set([...byProject.keys(), ...openedByProject.keys()]);
  const stacks: StackEntry[] = [];
  for (const project of names) {
    const members = byProject.get(project) ?? [];
    const services = new Map<string, ContainerSummary[]>();
    for (const c of members) {
      const name = c.labels[composeLabels.service] ?? '?';
      const list = services.get(name) ?? [];
      list.push(c);
      services.set(name, list);
    }
    const running = members.filter((c) => c.state === 'running').length;
    const labelled = members.find((c) => c.labels[composeLabels.configFiles]);
    const files = labelled ? configFilesOf(labelled.labels) : [];
    const workingDir = members.find((c) => c.labels[composeLabels.workingDir])?.labels[composeLabels.workingDir];
    const openedRef = openedByProject.get(project);
    const ref = openedRef ?? (files.length > 0 ? { project, files, profiles: [] } : undefined);
    stacks.push({
      project,
      state: stateOf(running, members.length),
      running,
      total: members.length,
      ...(workingDir ? { workingDir } : {}),
      ...(ref ? { ref } : {}),
      opened: openedRef !== undefined,
      services: [...services.entries()]
        .map(([name, list]) => ({ name, containers: list.sort((a, b) => numberOf(a) - numberOf(b)) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    });
  }
  return stacks.sort((a, b) => a.project.localeCompare(b.project));
}
