import { createStore, type StoreApi } from 'zustand/vanilla';
import { onEngine, type EngineCommandTarget } from '../../../shared/engine-cli.js';
import type { ErrorCode } from '../../../shared/errors.js';

/** 'cancelled': the user stopped it: neither a success nor a failure. */
export type ActivityOutcome = 'running' | 'ok' | 'error' | 'cancelled';

export interface ActivityEntry {
  id: number;
  /** The `docker` command the action equals, e.g. `docker stop web`. */
  command: string;
  outcome: ActivityOutcome;
  /** A short result: "done", "opened sh", "cancelled", or the error message. */
  detail?: string;
  errorCode?: ErrorCode;
  startedAt: number;
  finishedAt?: number;
  /** Errors stay on screen until the user dismisses them. */
  dismissed: boolean;
  /** The failure is already shown where it happened (e.g. the connection screen): no toast. */
  quiet: boolean;
}

export interface ActivityState {
  entries: readonly ActivityEntry[];
  begin(command: string, options?: { quiet?: boolean }): number;
  succeed(id: number, detail?: string): void;
  fail(id: number, message: string, code?: ErrorCode): void;
  /** The user stopped the action: shown neutrally, no error toast. */
  cancel(id: number): void;
  dismiss(id: number): void;
  clear(): void;
}

export type ActivityStore = StoreApi<ActivityState>;

export const activityLimit = 30;

export interface ActivityStoreOptions {
  /** The engine these actions run on, as shown commands name it (`docker --context robot1 …`); none for the default engine. */
  commandTarget?: () => EngineCommandTarget;
}

/**
 * What the UI did, as `docker` commands with their results: the teaching strip and the error toasts
 * read it. Every command enters here, so this is where it is aimed at its engine, once.
 */
export function createActivityStore(now: () => number = Date.now, storeOptions: ActivityStoreOptions = {}): ActivityStore {
  let nextId = 1;
  return createStore<ActivityState>()((set) => {
    const update = (id: number, patch: Partial<ActivityEntry>): void =>
      set((state) => ({ entries: state.entries.map((e) => (e.id === id ? { ...e, ...patch } : e)) }));
    return {
      entries: [],
      begin(command, options) {
        const id = nextId++;
        const target = storeOptions.commandTarget?.();
        const entry: ActivityEntry = {
          id,
          command: target ? onEngine(command, target) : command,
          outcome: 'running',
          startedAt: now(),
          dismissed: false,
          quiet: options?.quiet ?? false,
        };
        set((state) => ({ entries: [...state.entries, entry].slice(-activityLimit) }));
        return id;
      },
      succeed(id, detail) {
        update(id, { outcome: 'ok', detail, finishedAt: now() });
      },
      fail(id, message, code) {
        update(id, { outcome: 'error', detail: message, errorCode: code, finishedAt: now() });
      },
      cancel(id) {
        update(id, { outcome: 'cancelled', detail: 'cancelled', finishedAt: now() });
      },
      dismiss(id) {
        update(id, { dismissed: true });
      },
      clear() {
        set({ entries: [] });
      },
    };
  });
}

/** Failed actions the user has not dismissed yet, newest last. */
export function selectOpenErrors(state: Pick<ActivityState, 'entries'>): ActivityEntry[] {
  return state.entries.filter((e) => e.outcome === 'error' && !e.dismissed && !e.quiet);
}
