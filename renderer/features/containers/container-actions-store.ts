import { createStore, type StoreApi } from 'zustand/vanilla';
import type { FilesystemChange } from '../../../shared/container-detail-types.js';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import type { ActionRunner } from '../activity/action-runner.js';
import {
  changesCheckConcurrency,
  containersToRemove,
  forEachLimited,
  newBulkRemoveRequest,
  type BulkRemoveRequest,
  type ChangesCheck,
} from './bulk-remove.js';
import type { ContainersStore } from './containers-store.js';
import { errorText } from '../../lib/error-text.js';

export type LifecycleAction = 'start' | 'stop' | 'restart' | 'remove' | 'pause' | 'unpause' | 'kill' | 'rename' | 'commit';

export interface ContainerRef {
  id: string;
  name: string;
}

export interface RemoveRequest {
  container: ContainerSummary;
  force: boolean;
  /** The container's writable-layer changes (`docker diff`): null while they load. */
  changes: readonly FilesystemChange[] | null;
  changesError?: string;
}

export interface CommitInput {
  repository: string;
  tag?: string;
  message?: string;
  author?: string;
  pause?: boolean;
}

export interface ContainerActionsState {
  /** Containers with an action in flight, by ID. */
  pending: Readonly<Record<string, LifecycleAction>>;
  /** The container the remove dialog asks about, if open. */
  removeRequest: RemoveRequest | null;
  /** The containers the bulk remove dialog asks about, if open. */
  bulkRemove: BulkRemoveRequest | null;
  /** The last failure per container, shown inline beside its row until the next action on it. */
  failures: Readonly<Record<string, string>>;
  start(c: ContainerRef): Promise<boolean>;
  stop(c: ContainerRef): Promise<boolean>;
  restart(c: ContainerRef): Promise<boolean>;
  pause(c: ContainerRef): Promise<boolean>;
  unpause(c: ContainerRef): Promise<boolean>;
  kill(c: ContainerRef, signal?: string): Promise<boolean>;
  /** Renames; resolves to the engine's error, or undefined when it worked. */
  rename(c: ContainerRef, name: string): Promise<string | undefined>;
  askRemove(c: ContainerSummary): void;
  setRemoveForce(force: boolean): void;
  cancelRemove(): void;
  confirmRemove(): Promise<boolean>;
  /** `docker commit`, then `docker rm`: resolves to the commit's error, or undefined when both ran. */
  commitThenRemove(commit: CommitInput): Promise<string | undefined>;
  startMany(cs: readonly ContainerSummary[]): Promise<void>;
  stopMany(cs: readonly ContainerSummary[]): Promise<void>;
  /** Opens the bulk remove dialog and checks each container's writable layer (`docker diff`, a few at a time). */
  askRemoveMany(cs: readonly ContainerSummary[]): void;
  setBulkRemoveForce(force: boolean): void;
  /** Ticks or unticks one container of the bulk remove: unticked ones are kept. */
  setBulkRemoveIncluded(id: string, included: boolean): void;
  cancelRemoveMany(): void;
  confirmRemoveMany(): Promise<void>;
}

export type ContainerActionsStore = StoreApi<ContainerActionsState>;

/** Container lifecycle actions: each one recorded as its docker command, errors kept visible. */
export function createContainerActionsStore(run: ActionRunner, list: ContainersStore): ContainerActionsStore {
  return createStore<ContainerActionsState>()((set, get) => {
    const perform = async (action: LifecycleAction, c: ContainerRef, call: () => Promise<unknown>): Promise<string | undefined> => {
      if (get().pending[c.id]) return 'Another action on this container is under way.';
      set((s) => ({ pending: { ...s.pending, [c.id]: action }, failures: without(s.failures, c.id) }));
      try {
        await call();
        return undefined;
      } catch (error) {
        const message = errorText(error);
        set((s) => ({ failures: { ...s.failures, [c.id]: message } }));
        return message;
      } finally {
        set((s) => ({ pending: without(s.pending, c.id) }));
        // Events normally bring the change; ask anyway so a missed event cannot leave a stale row.
        list.requestRefresh();
      }
    };
    const ok = async (p: Promise<string | undefined>): Promise<boolean> => (await p) === undefined;
    const remove = (c: ContainerRef, force: boolean) =>
      perform('remove', c, () =>
        run('containers.remove', force ? { id: c.id, force: true } : { id: c.id }, {
          shownAs: force ? { id: c.name, force: true } : { id: c.name },
        }),
      );

    return {
      pending: {},
      removeRequest: null,
      bulkRemove: null,
      failures: {},
      start: (c) => ok(perform('start', c, () => run('containers.start', { id: c.id }, { shownAs: { id: c.name } }))),
      stop: (c) => ok(perform('stop', c, () => run('containers.stop', { id: c.id }, { shownAs: { id: c.name } }))),
      restart: (c) => ok(perform('restart', c, () => run('containers.restart', { id: c.id }, { shownAs: { id: c.name } }))),
      pause: (c) => ok(perform('pause', c, () => run('containers.pause', { id: c.id }, { shownAs: { id: c.name } }))),
      unpause: (c) => ok(perform('unpause', c, () => run('containers.unpause', { id: c.id }, { shownAs: { id: c.name } }))),
      kill: (c, signal) =>
        ok(
          perform('kill', c, () =>
            run('containers.kill', signal ? { id: c.id, signal } : { id: c.id }, {
              shownAs: signal ? { id: c.name, signal } : { id: c.name },
            }),
          ),
        ),
      rename: (c, name) =>
        perform('rename', c, () => run('containers.rename', { id: c.id, name }, { shownAs: { id: c.name, name }, quiet: true })),
      askRemove(container) {
        // The engine refuses to remove a running container unless forced; the dialog says so and offers it.
        set({ removeRequest: { container, force: mustForce(container), changes: null } });
        // What would be lost: the writable layer's changes, so the dialog can offer to commit them first.
        run(
          'containers.changes',
          { id: container.id },
          { shownAs: { id: container.name }, describe: (c) => `${c.length} changes`, background: true },
        ).then(
          (changes) => {
            const current = get().removeRequest;
            if (current?.container.id === container.id) set({ removeRequest: { ...current, changes } });
          },
          (error: unknown) => {
            const current = get().removeRequest;
            if (current?.container.id === container.id) set({ removeRequest: { ...current, changes: [], changesError: errorText(error) } });
          },
        );
      },
      setRemoveForce(force) {
        const request = get().removeRequest;
        if (request) set({ removeRequest: { ...request, force } });
      },
      cancelRemove() {
        set({ removeRequest: null });
      },
      async confirmRemove() {
        const request = get().removeRequest;
        if (!request) return false;
        set({ removeRequest: null });
        return ok(remove(request.container, request.force));
      },
      async commitThenRemove(commit) {
        const request = get().removeRequest;
        if (!request) return 'Nothing to remove.';
        const { container, force } = request;
        const input = { id: container.id, ...commit };
        let error: string | undefined;
        try {
          await run('containers.commit', input, { shownAs: { ...input, id: container.name }, describe: (o) => o.imageId, quiet: true });
        } catch (e) {
          error = errorText(e);
        }
        if (error !== undefined) return error;
        set({ removeRequest: null });
        await remove(container, force);
        return undefined;
      },
      async startMany(cs) {
        await Promise.all(cs.filter((c) => c.state === 'created' || c.state === 'exited').map((c) => get().start(c)));
      },
      async stopMany(cs) {
        await Promise.all(
          cs.filter((c) => c.state === 'running' || c.state === 'paused' || c.state === 'restarting').map((c) => get().stop(c)),
        );
      },
      askRemoveMany(cs) {
        if (cs.length === 0) return;
        const request = newBulkRemoveRequest(cs, cs.some(mustForce));
        set({ bulkRemove: request });
        // Answers for a dialog that was closed (or replaced) meanwhile are dropped.
        const record = (id: string, check: ChangesCheck) => {
          const current = get().bulkRemove;
          if (current?.containers === request.containers) set({ bulkRemove: { ...current, checks: { ...current.checks, [id]: check } } });
        };
        void forEachLimited(cs, changesCheckConcurrency, async (c) => {
          if (get().bulkRemove?.containers !== request.containers) return;
          try {
            const changes = await run(
              'containers.changes',
              { id: c.id },
              { shownAs: { id: c.name }, describe: (x) => `${x.length} changes`, quiet: true, background: true },
            );
            record(c.id, { status: 'done', changes });
          } catch (error) {
            record(c.id, { status: 'failed', error: errorText(error) });
          }
        });
      },
      setBulkRemoveForce(force) {
        const request = get().bulkRemove;
        if (request) set({ bulkRemove: { ...request, force } });
      },
      setBulkRemoveIncluded(id, included) {
        const request = get().bulkRemove;
        if (!request) return;
        const kept = new Set(request.kept);
        if (included) kept.delete(id);
        else kept.add(id);
        set({ bulkRemove: { ...request, kept } });
      },
      cancelRemoveMany() {
        set({ bulkRemove: null });
      },
      async confirmRemoveMany() {
        const request = get().bulkRemove;
        if (!request) return;
        set({ bulkRemove: null });
        const force = bulkForce(request);
        await Promise.all(containersToRemove(request).map((c) => remove(c, force)));
      },
    };
  });
}

/** Removing a container in these states needs `--force`, which kills it first. */
export function mustForce(container: Pick<ContainerSummary, 'state'>): boolean {
  return container.state === 'running' || container.state === 'paused' || container.state === 'restarting';
}

/** Whether a bulk remove runs as `docker rm --force`: asked for, and some container still to remove needs it. */
export function bulkForce(request: BulkRemoveRequest): boolean {
  return request.force && containersToRemove(request).some(mustForce);
}

function without<V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}
