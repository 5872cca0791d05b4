import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EngineAddInput, Fleet, FleetEngine } from '../../../shared/engines-contract.js';
import type { EngineSpec } from '../../../shared/engine-spec.js';
import { engineCommandTarget, localCommandTarget, type EngineCommandTarget } from '../../../shared/engine-cli.js';
import { isBerthError } from '../../../shared/errors.js';
import type { BerthClient } from '../../api/client.js';

/** A failed form action: the message, and the field it is about when the server said so. */
export interface EngineFormError {
  readonly message: string;
  readonly field?: 'name' | 'host' | 'certPath';
}

export interface EnginesState {
  /** The last fleet the server sent; undefined until the first one. */
  fleet: Fleet | undefined;
  /** The engine the app's stores are built for. */
  currentId: string;
  /** The fleet stream ended with an error (an older server without engines.*): why. */
  fleetError: string | undefined;
  addBusy: boolean;
  addError: EngineFormError | undefined;
  /** An engine action (remove, accept a host key, reconnect) that failed: engine id and message. */
  actionError: { id: string; message: string } | undefined;
  setCurrent(id: string): void;
  add(input: EngineAddInput): Promise<EngineSpec | undefined>;
  clearAddError(): void;
  remove(id: string): Promise<boolean>;
  acceptHostKey(id: string, fingerprint: string): Promise<boolean>;
  reconnect(id: string): Promise<void>;
  start(): void;
  stop(): void;
}

export type EnginesStore = StoreApi<EnginesState>;

/** Where the engine picked last is remembered across reloads; only its id. */
export interface CurrentEngineMemory {
  load(): string | undefined;
  save(id: string): void;
}

function fieldOf(path: ReadonlyArray<string | number> | undefined): EngineFormError['field'] {
  const last = path?.[path.length - 1];
  return last === 'name' || last === 'host' || last === 'certPath' ? last : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The engines Berth serves (the server's engines.fleet stream) and which one the app shows. App-level:
 * it outlives the per-engine stores, which are rebuilt when the current engine changes.
 */
export function createEnginesStore(client: BerthClient, memory?: CurrentEngineMemory): EnginesStore {
  let unsubscribe: (() => void) | undefined;
  const remembered = memory?.load();
  // Until the user picks an engine here, the app follows the docker CLI's current context.
  let picked = remembered !== undefined;
  return createStore<EnginesState>()((set, get) => ({
    fleet: undefined,
    currentId: remembered ?? 'local',
    fleetError: undefined,
    addBusy: false,
    addError: undefined,
    actionError: undefined,

    setCurrent(id) {
      picked = true;
      if (id === get().currentId) return;
      memory?.save(id);
      set({ currentId: id });
    },

    async add(input) {
      set({ addBusy: true, addError: undefined });
      try {
        const spec = await client.call('engines.add', input);
        set({ addBusy: false });
        return spec;
      } catch (error) {
        const field = isBerthError(error) ? fieldOf(error.path) : undefined;
        set({ addBusy: false, addError: { message: messageOf(error), ...(field ? { field } : {}) } });
        return undefined;
      }
    },

    clearAddError: () => set({ addError: undefined }),

    async remove(id) {
      set({ actionError: undefined });
      try {
        await client.call('engines.remove', { id });
        // Showing an engine that is gone would only fail: back to the default one.
        if (get().currentId === id) get().setCurrent(get().fleet?.defaultId ?? 'local');
        return true;
      } catch (error) {
        set({ actionError: { id, message: messageOf(error) } });
        return false;
      }
    },

    async acceptHostKey(id, fingerprint) {
      set({ actionError: undefined });
      try {
        await client.call('engines.acceptHostKey', { id, fingerprint });
        return true;
      } catch (error) {
        set({ actionError: { id, message: messageOf(error) } });
        return false;
      }
    },

    async reconnect(id) {
      set({ actionError: undefined });
      try {
        await client.call('engines.reconnect', { id });
      } catch (error) {
        set({ actionError: { id, message: messageOf(error) } });
      }
    },

    start() {
      if (unsubscribe) return;
      unsubscribe = client.subscribe(
        'engines.fleet',
        {},
        {
          onMessage: (fleet) => {
            const known = fleet.engines.some((e) => e.spec.id === get().currentId);
            set({ fleet, fleetError: undefined });
            const cli = fleet.cliContextId;
            if (!picked && cli !== undefined && fleet.engines.some((e) => e.spec.id === cli)) {
              // Nothing picked in Berth yet: the engine `docker` itself would talk to (not remembered as a pick).
              if (get().currentId !== cli) set({ currentId: cli });
              return;
            }
            // A remembered engine that no longer exists: the default one.
            if (!known) get().setCurrent(fleet.defaultId);
          },
          onEnd: (error) => {
            unsubscribe = undefined;
            if (error) set({ fleetError: error.message });
          },
        },
      );
    },

    stop() {
      unsubscribe?.();
      unsubscribe = undefined;
    },
  }));
}

/** The fleet entry of the current engine, when the fleet has arrived. */
export function currentEngine(state: Pick<EnginesState, 'fleet' | 'currentId'>): FleetEngine | undefined {
  return state.fleet?.engines.find((e) => e.spec.id === state.currentId);
}

/** How shown commands name `engineId`: nothing for the default engine. */
export function commandTargetOf(fleet: Fleet | undefined, engineId: string): EngineCommandTarget {
  const engine = fleet?.engines.find((e) => e.spec.id === engineId);
  if (!fleet || !engine) return localCommandTarget;
  return engineCommandTarget(engine.spec, engineId === fleet.defaultId);
}
