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
  /** The error toast was closed (by the user, or by itself after a while); the entry stays in the history. */
  dismissed: boolean;
  /** The failure is already shown where it happened (e.g. the connection screen): no toast. */
  quiet: boolean;
  /** A read Berth made on its own (the `docker diff` of a remove preview), not an action the user took. */
  background: boolean;
}

export interface BeginOptions {
  quiet?: boolean;
  background?: boolean;
  /** The engine the command ran on when it is not these stores' own (the all-engines containers list). */
  target?: EngineCommandTarget;
}

export interface ActivityState {
  entries: readonly ActivityEntry[];
  begin(command: string, options?: BeginOptions): number;
  /** `command`: what really ran, when the result tells (`sh` where `bash` was asked for but missing). */
  succeed(id: number, detail?: string, command?: string): void;
  fail(id: number, message: string, code?: ErrorCode): void;
  /** The user stopped the action: shown neutrally, no error toast. */
  cancel(id: number): void;
  dismiss(id: number): void;
  clear(): void;
}

export type ActivityStore = StoreApi<ActivityState>;

/** The session's history: enough for a day's work, bounded so a long session cannot grow without end. */
export const activityLimit = 2000;

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
  // Each running entry's engine, so a command replaced on success is aimed where the first one was.
  const targets = new Map<number, EngineCommandTarget | undefined>();
  const aimed = (command: string, target: EngineCommandTarget | undefined): string => (target ? onEngine(command, target) : command);
  return createStore<ActivityState>()((set) => {
    const update = (id: number, patch: Partial<ActivityEntry>): void =>
      set((state) => ({ entries: state.entries.map((e) => (e.id === id ? { ...e, ...patch } : e)) }));
    return {
      entries: [],
      begin(command, options) {
        const id = nextId++;
        const target = options?.target ?? storeOptions.commandTarget?.();
        targets.set(id, target);
        const entry: ActivityEntry = {
          id,
          command: aimed(command, target),
          outcome: 'running',
          startedAt: now(),
          dismissed: false,
          quiet: options?.quiet ?? false,
          background: options?.background ?? false,
        };
        set((state) => ({ entries: [...state.entries, entry].slice(-activityLimit) }));
        return id;
      },
      succeed(id, detail, command) {
        const shown = command !== undefined ? { command: aimed(command, targets.get(id)) } : {};
        targets.delete(id);
        update(id, { outcome: 'ok', detail, finishedAt: now(), ...shown });
      },
      fail(id, message, code) {
        targets.delete(id);
        update(id, { outcome: 'error', detail: message, errorCode: code, finishedAt: now() });
      },
      cancel(id) {
        targets.delete(id);
        update(id, { outcome: 'cancelled', detail: 'cancelled', finishedAt: now() });
      },
      dismiss(id) {
        update(id, { dismissed: true });
      },
      clear() {
        targets.clear();
        set({ entries: [] });
      },
    };
  });
}

/** Failed actions the user has not dismissed yet, newest last (background reads never toast). */
export function selectOpenErrors(state: Pick<ActivityState, 'entries'>): ActivityEntry[] {
  return state.entries.filter((e) => e.outcome === 'error' && !e.dismissed && !e.quiet && !e.background);
}

/** What the strip shows: the user's own actions, not Berth's background reads. */
export function selectUserActions(state: Pick<ActivityState, 'entries'>): ActivityEntry[] {
  return state.entries.filter((e) => !e.background);
}
