import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ContainerSummary } from '../../../shared/engine-types.js';
import type { Fleet, FleetEngine, FleetState } from '../../../shared/engines-contract.js';
import type { BerthClient } from '../../api/client.js';
import { createActionRunner, type ActionRunner } from '../activity/action-runner.js';
import type { ActivityStore } from '../activity/activity-store.js';
import { createConnectionStore, type ConnectionStore } from '../connection/connection-store.js';
import type { EnginesStore } from '../engines/engines-store.js';
import { commandTargetOf } from '../engines/engines-store.js';
import { createContainerActionsStore, type ContainerActionsStore } from './container-actions-store.js';
import { compareContainers, createContainersStore, type ContainersStore } from './containers-store.js';

/** One engine's part of the combined list: its watched containers and the actions that go to it. */
export interface EngineContainersSource {
  readonly engineId: string;
  readonly containers: ContainersStore;
  readonly actions: ContainerActionsStore;
  /** The page's current engine: these are the app's own stores, not made (nor disposed) here. */
  readonly current: boolean;
  /** Another engine's client and action runner (its commands naming it), for what opens there (its rows' shells); absent on the current one. */
  readonly link?: { readonly client: BerthClient; readonly run: ActionRunner };
}

/** A row of the combined list: a container and the engine it is on. */
export interface FleetContainerRow {
  readonly engineId: string;
  readonly engineName: string;
  readonly container: ContainerSummary;
  /** The engine dropped (or its list is not following it): the row is what it was when last seen. */
  readonly stale: boolean;
  /** Why it is stale, in plain words (e.g. "reconnecting"). */
  readonly staleReason?: string;
}

export interface FleetContainersState {
  /** Every engine's containers, newest first across engines. */
  rows: readonly FleetContainerRow[];
  /** The engines listed, in the fleet's order. */
  sources: readonly EngineContainersSource[];
  /** The source of `engineId`, while that engine is in the fleet. */
  sourceOf(engineId: string): EngineContainersSource | undefined;
}

export type FleetContainersStore = StoreApi<FleetContainersState> & { dispose(): void };

/** The page's current engine's own stores, reused so its list is not watched twice. */
export interface CurrentEngineStores {
  readonly engineId: string;
  readonly containers: ContainersStore;
  readonly containerActions: ContainerActionsStore;
}

export interface FleetContainersDeps {
  /** A client on the page's transport; each other engine gets one bound to it (`forEngine`). */
  client: BerthClient;
  engines: EnginesStore;
  current: CurrentEngineStores;
  /** Where actions on any row are recorded, each command naming the row's engine. */
  activity: ActivityStore;
}

const stateWords: Record<FleetState, string> = {
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  'not-answering': 'not answering',
  refused: 'refused',
};

interface OwnedSource extends EngineContainersSource {
  readonly connection?: ConnectionStore;
  readonly unwatch: () => void;
}

/**
 * The combined containers list across every engine of the fleet: one `containers.watch` stream per
 * engine (the current engine's is the app's own), merged into rows that name their engine. An engine
 * that drops keeps its rows, marked stale, and never holds up the others: each follows its own stream.
 */
export function createFleetContainersStore({ client, engines, current, activity }: FleetContainersDeps): FleetContainersStore {
  const owned = new Map<string, OwnedSource>();
  // Unchanged containers keep their row objects, so the table redraws only what changed.
  const rowCache = new Map<string, WeakMap<ContainerSummary, FleetContainerRow>>();
  let disposed = false;

  const store = createStore<FleetContainersState>()((_set, get) => ({
    rows: [],
    sources: [],
    sourceOf: (engineId) => get().sources.find((s) => s.engineId === engineId),
  }));

  const rowOf = (engine: FleetEngine, container: ContainerSummary, live: boolean): FleetContainerRow => {
    const stale = !live || engine.state !== 'connected';
    const staleReason = stale ? (engine.state === 'connected' ? 'not followed right now' : stateWords[engine.state]) : undefined;
    let cache = rowCache.get(engine.spec.id);
    if (!cache) rowCache.set(engine.spec.id, (cache = new WeakMap()));
    const cached = cache.get(container);
    if (cached && cached.stale === stale && cached.staleReason === staleReason && cached.engineName === engine.spec.name) return cached;
    const row: FleetContainerRow = {
      engineId: engine.spec.id,
      engineName: engine.spec.name,
      container,
      stale,
      ...(staleReason ? { staleReason } : {}),
    };
    cache.set(container, row);
    return row;
  };

  const recompute = (): void => {
    if (disposed) return;
    const fleet = engines.getState().fleet;
    const rows: FleetContainerRow[] = [];
    for (const source of store.getState().sources) {
      const engine = fleet?.engines.find((e) => e.spec.id === source.engineId);
      if (!engine) continue;
      const { items, live } = source.containers.getState();
      for (const container of items) rows.push(rowOf(engine, container, live));
    }
    rows.sort((a, b) => compareContainers(a.container, b.container) || a.engineName.localeCompare(b.engineName));
    store.setState({ rows });
  };

  const build = (engineId: string): OwnedSource => {
    if (engineId === current.engineId) {
      const unwatch = current.containers.subscribe(recompute);
      return { engineId, containers: current.containers, actions: current.containerActions, current: true, unwatch };
    }
    const engineClient = client.forEngine(engineId);
    const target = () => commandTargetOf(engines.getState().fleet, engineId);
    const run = createActionRunner(engineClient, activity, target);
    const connection = createConnectionStore({ client: engineClient, run });
    const containers = createContainersStore({ client: engineClient, connection });
    const actions = createContainerActionsStore(run, containers);
    connection.getState().start();
    containers.start();
    const unwatch = containers.subscribe(recompute);
    return { engineId, containers, actions, current: false, link: { client: engineClient, run }, connection, unwatch };
  };

  const release = (source: OwnedSource): void => {
    source.unwatch();
    rowCache.delete(source.engineId);
    if (source.current) return;
    source.containers.stop();
    source.connection?.getState().stop();
  };

  const follow = (fleet: Fleet | undefined): void => {
    if (disposed) return;
    const ids = fleet ? fleet.engines.map((e) => e.spec.id) : [current.engineId];
    for (const [id, source] of owned) {
      if (!ids.includes(id)) {
        owned.delete(id);
        release(source);
      }
    }
    for (const id of ids) if (!owned.has(id)) owned.set(id, build(id));
    const sources = ids.flatMap((id) => {
      const source = owned.get(id);
      return source ? [source] : [];
    });
    const before = store.getState().sources;
    if (sources.length !== before.length || sources.some((s, i) => s !== before[i])) store.setState({ sources });
    recompute();
  };

  follow(engines.getState().fleet);
  const unfollow = engines.subscribe((state, previous) => {
    if (state.fleet !== previous.fleet) follow(state.fleet);
  });

  return Object.assign(store, {
    dispose() {
      if (disposed) return;
      unfollow();
      for (const source of owned.values()) release(source);
      owned.clear();
      disposed = true;
    },
  });
}

/** The rows of one engine, or all of them (`engineId` undefined). */
export function rowsOfEngine(rows: readonly FleetContainerRow[], engineId: string | undefined): readonly FleetContainerRow[] {
  return engineId === undefined ? rows : rows.filter((r) => r.engineId === engineId);
}

/** The row's key in the combined list: the same container ID may be on two engines (one engine reached two ways). */
export function fleetRowKey(row: FleetContainerRow): string {
  return `${row.engineId}/${row.container.id}`;
}
