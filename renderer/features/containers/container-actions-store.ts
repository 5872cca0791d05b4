import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import type { ActionRunner } from '../activity/action-runner.js';
import type { ContainersStore } from './containers-store.js';

export type LifecycleAction = 'start' | 'stop' | 'restart' | 'remove';

export interface ContainerRef {
  id: string;
  name: string;
}

export interface RemoveRequest {
  container: ContainerSummary;
  force: boolean;
}

export interface ContainerActionsState {
  /** Containers with an action in flight, by ID. */
  pending: Readonly<Record<string, LifecycleAction>>;
  /** The container the remove dialog asks about, if open. */
  removeRequest: RemoveRequest | null;
  /** The last failure per container, shown inline beside its row until the next action on it. */
  failures: Readonly<Record<string, string>>;
  start(c: ContainerRef): Promise<boolean>;
  stop(c: ContainerRef): Promise<boolean>;
  restart(c: ContainerRef): Promise<boolean>;
  askRemove(c: ContainerSummary): void;
  setRemoveForce(force: boolean): void;
  cancelRemove(): void;
  confirmRemove(): Promise<boolean>;
}

export type ContainerActionsStore = StoreApi<ContainerActionsState>;

/** Start, stop, restart and remove: each one recorded as its docker command, errors kept visible. */
export function createContainerActionsStore(run: ActionRunner, list: ContainersStore): ContainerActionsStore {
  return createStore<ContainerActionsState>()((set, get) => {
    const perform = async (action: LifecycleAction, c: ContainerRef, call: () => Promise<unknown>): Promise<boolean> => {
      if (get().pending[c.id]) return false;
      set((s) => ({ pending: { ...s.pending, [c.id]: action }, failures: without(s.failures, c.id) }));
      try {
        await call();
        return true;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        set((s) => ({ failures: { ...s.failures, [c.id]: message } }));
        return false;
      } finally {
        set((s) => ({ pending: without(s.pending, c.id) }));
        // Events normally bring the change; ask anyway so a missed event cannot leave a stale row.
        list.requestRefresh();
      }
    };

    return {
      pending: {},
      removeRequest: null,
      failures: {},
      start: (c) => perform('start', c, () => run('containers.start', { id: c.id }, { shownAs: { id: c.name } })),
      stop: (c) => perform('stop', c, () => run('containers.stop', { id: c.id }, { shownAs: { id: c.name } })),
      restart: (c) => perform('restart', c, () => run('containers.restart', { id: c.id }, { shownAs: { id: c.name } })),
      askRemove(container) {
        // The engine refuses to remove a running container unless forced; the dialog says so and offers it.
        set({ removeRequest: { container, force: mustForce(container) } });
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
        const { container, force } = request;
        const input = force ? { id: container.id, force: true } : { id: container.id };
        const shownAs = force ? { id: container.name, force: true } : { id: container.name };
        return perform('remove', container, () => run('containers.remove', input, { shownAs }));
      },
    };
  });
}

/** Removing a container in these states needs `--force`, which kills it first. */
export function mustForce(container: Pick<ContainerSummary, 'state'>): boolean {
  return container.state === 'running' || container.state === 'paused' || container.state === 'restarting';
}

function without<V>(record: Readonly<Record<string, V>>, key: string): Record<string, V> {
  if (!(key in record)) return record;
  const copy = { ...record };
  delete copy[key];
  return copy;
}
