import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EnginesStore } from './engines-store.js';

/** Stores that can be started and disposed: the app's per-engine stores. */
export interface DisposableStores {
  dispose(): void;
}

export interface EngineScopedState<T extends DisposableStores> {
  readonly engineId: string;
  readonly stores: T;
}

export interface EngineScopedStores<T extends DisposableStores> extends StoreApi<EngineScopedState<T>> {
  /** Stops following the current engine and disposes the stores in use. */
  dispose(): void;
}

export interface EngineScopedOptions<T extends DisposableStores> {
  readonly engines: EnginesStore;
  /** Builds the app's stores over a client bound to `engineId`. */
  build(engineId: string): T;
  /** Starts them and ties them to the page (hash, transport status, test hooks); returns what unties them. */
  attach(stores: T): () => void;
}

/**
 * The app's stores for the current engine: built per engine over a client bound to it, so nothing
 * in them can reach another engine. When the current engine changes, the old stores are detached
 * and disposed (their streams and terminals end) and new ones are built.
 */
export function createEngineScopedStores<T extends DisposableStores>(options: EngineScopedOptions<T>): EngineScopedStores<T> {
  const { engines, build, attach } = options;
  const firstId = engines.getState().currentId;
  const first = build(firstId);
  let detach = attach(first);
  const store = createStore<EngineScopedState<T>>()(() => ({ engineId: firstId, stores: first }));
  const unfollow = engines.subscribe((state) => {
    if (state.currentId === store.getState().engineId) return;
    const old = store.getState().stores;
    detach();
    old.dispose();
    const next = build(state.currentId);
    detach = attach(next);
    store.setState({ engineId: state.currentId, stores: next });
  });
  return Object.assign(store, {
    dispose() {
      unfollow();
      detach();
      store.getState().stores.dispose();
    },
  });
}
