import type { ContainerSummary } from '../../../shared/engine-types.js';

export const composeProjectLabel = 'com.docker.compose.project';

export type ListRow =
  | { kind: 'container'; container: ContainerSummary; project?: string }
  | { kind: 'group'; project: string; containers: ContainerSummary[]; collapsed: boolean };

export function composeProject(c: Pick<ContainerSummary, 'labels'>): string | undefined {
  const project = c.labels[composeProjectLabel];
  return project ? project : undefined;
}

/**
 * The table's rows: containers of one Compose project under one header row, placed where the
 * project's first container was; members of a collapsed project are left out. Others stay as they are.
 */
export function groupRows(containers: readonly ContainerSummary[], collapsed: ReadonlySet<string>): ListRow[] {
  const members = new Map<string, ContainerSummary[]>();
  for (const c of containers) {
    const project = composeProject(c);
    if (project === undefined) continue;
    const list = members.get(project);
    if (list) list.push(c);
    else members.set(project, [c]);
  }
  const rows: ListRow[] = [];
  const placed = new Set<string>();
  for (const c of containers) {
    const project = composeProject(c);
    if (project === undefined) {
      rows.push({ kind: 'container', container: c });
      continue;
    }
    if (placed.has(project)) continue;
    placed.add(project);
    const group = members.get(project) ?? [];
    const isCollapsed = collapsed.has(project);
    rows.push({ kind: 'group', project, containers: group, collapsed: isCollapsed });
    if (!isCollapsed) for (const m of group) rows.push({ kind: 'container', container: m, project });
  }
  return rows;
}

export function rowKey(row: ListRow): string {
  return row.kind === 'group' ? `group:${row.project}` : row.container.id;
}

/** Whether two list rows show the same data: the same container objects (the list keeps unchanged ones), same grouping. */
export function sameListRow(a: ListRow, b: ListRow): boolean {
  if (a.kind === 'container') return b.kind === 'container' && a.container === b.container && a.project === b.project;
  return (
    b.kind === 'group' &&
    a.project === b.project &&
    a.collapsed === b.collapsed &&
    a.containers.length === b.containers.length &&
    a.containers.every((c, i) => c === b.containers[i])
  );
}
