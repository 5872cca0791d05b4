/**
 * Stores a feature builds for itself, once per set of app stores, on first use: a view that is
 * added later (stacks, lessons, the engine map, the events timeline) declares its store next to
 * itself instead of in create-app-stores.ts. A store keeps its state while its view is not shown
 * and is disposed with the app's stores.
 */
export interface FeatureStoreKey<T, Deps> {
  readonly name: string;
  readonly make: (deps: Deps) => T;
  /** Ends what the store holds (streams, timers); called once, when the app's stores are disposed. */
  readonly dispose?: (store: T) => void;
}

/** Declares a feature store: `name` only names it in errors; the key object itself is its identity. */
export function featureStore<T, Deps>(name: string, make: (deps: Deps) => T, dispose?: (store: T) => void): FeatureStoreKey<T, Deps> {
  return dispose ? { name, make, dispose } : { name, make };
}

export interface FeatureStores<Deps> {
  /** The store of `key`, built from the app's stores the first time it is asked for. */
  get<T>(key: FeatureStoreKey<T, Deps>): T;
  /** Disposes every store built so far; a later `get` builds a new one. */
  disposeAll(): void;
}

export function createFeatureStores<Deps>(deps: () => Deps): FeatureStores<Deps> {
  const built = new Map<FeatureStoreKey<unknown, Deps>, { store: unknown; dispose?: (store: unknown) => void }>();
  return {
    get<T>(key: FeatureStoreKey<T, Deps>): T {
      const found = built.get(key as FeatureStoreKey<unknown, Deps>);
      if (found) return found.store as T;
      const store = key.make(deps());
      const entry: { store: unknown; dispose?: (store: unknown) => void } = { store };
      if (key.dispose) entry.dispose = key.dispose as (store: unknown) => void;
      built.set(key as FeatureStoreKey<unknown, Deps>, entry);
      return store;
    },
    disposeAll() {
      const entries = [...built.entries()];
      built.clear();
      for (const [key, entry] of entries) {
        try {
          entry.dispose?.(entry.store);
        } catch (err) {
          console.error(`[berth] disposing the ${key.name} store: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
    },
  };
}
