import type { FilesystemChange } from '../../../shared/container-detail-types.js';
import type { ContainerSummary } from '../../../shared/engine-types.js';

/** What `docker diff` said about one container of a bulk remove. */
export type ChangesCheck =
  { status: 'checking' } | { status: 'done'; changes: readonly FilesystemChange[] } | { status: 'failed'; error: string };

export interface BulkRemoveRequest {
  containers: readonly ContainerSummary[];
  force: boolean;
  /** Each container's writable-layer changes, by ID, filled in as the checks answer. */
  checks: Readonly<Record<string, ChangesCheck>>;
  /** IDs the user unticked: they are kept. */
  kept: ReadonlySet<string>;
}

/** How many `docker diff` calls a bulk remove has in flight at once: each one walks a container's layer. */
export const changesCheckConcurrency = 4;

export function newBulkRemoveRequest(containers: readonly ContainerSummary[], force: boolean): BulkRemoveRequest {
  return { containers, force, checks: Object.fromEntries(containers.map((c) => [c.id, { status: 'checking' } as const])), kept: new Set() };
}

/** The containers that will be removed: the selection less the ones the user kept. */
export function containersToRemove(request: BulkRemoveRequest): ContainerSummary[] {
  return request.containers.filter((c) => !request.kept.has(c.id));
}

/** How many checks have not answered yet. */
export function checksPending(request: BulkRemoveRequest): number {
  return request.containers.filter((c) => request.checks[c.id]?.status === 'checking').length;
}

/** The containers to remove whose writable layer has changes that would be lost. */
export function removedWithChanges(request: BulkRemoveRequest): ContainerSummary[] {
  return containersToRemove(request).filter((c) => {
    const check = request.checks[c.id];
    return check?.status === 'done' && check.changes.length > 0;
  });
}

/** Runs `work` on every item, at most `limit` at a time; resolves when all have settled. */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
