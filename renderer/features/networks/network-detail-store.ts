import { createStore, type StoreApi } from 'zustand/vanilla';
import type { NetworkSummary } from '../../../shared/network-types.js';
import type { ActionRunner } from '../activity/action-runner.js';
import { networkCliRef } from './network-display.js';
import type { NetworksStore } from './networks-store.js';
import { errorText } from '../../lib/error-text.js';

/**
 * The detail pane: which network is open (by ID) and its inspect document. The document is fetched
 * when the Inspect section is opened, and again whenever the listed network changes while it is open
 * (a container connected or disconnected), so it never shows an older state than the pane around it.
 */
export interface DetailState {
  detailId: string | null;
  inspectOpen: boolean;
  inspect: { loading: boolean; json: unknown; error: string | null };
  showDetail(id: string): void;
  closeDetail(): void;
  /** The Inspect section was opened or closed. */
  setInspectOpen(open: boolean): void;
  loadInspect(): Promise<void>;
}
/** `dispose()` stops following the list. */
export type DetailStore = StoreApi<DetailState> & { dispose(): void };

const noInspect = { loading: false, json: undefined, error: null };

/** What the list says about a network: when it changes, the inspect document is out of date. */
const fingerprint = (n: NetworkSummary | undefined): string => (n ? JSON.stringify(n) : '');

export function createNetworkDetailStore(run: ActionRunner, networks: NetworksStore): DetailStore {
  let generation = 0;
  let seen = '';
  const listed = (id: string | null): NetworkSummary | undefined =>
    id === null ? undefined : networks.getState().items.find((n) => n.id === id);

  const store = createStore<DetailState>()((set, get) => ({
    detailId: null,
    inspectOpen: false,
    inspect: noInspect,
    showDetail(id) {
      if (get().detailId === id) return;
      generation++;
      seen = fingerprint(listed(id));
      set({ detailId: id, inspectOpen: false, inspect: noInspect });
    },
    closeDetail() {
      generation++;
      set({ detailId: null, inspectOpen: false, inspect: noInspect });
    },
    setInspectOpen(open) {
      set({ inspectOpen: open });
      if (open && get().inspect.json === undefined && !get().inspect.loading) void get().loadInspect();
    },
    async loadInspect() {
      const id = get().detailId;
      if (id === null) return;
      const mine = ++generation;
      const network = listed(id);
      set((s) => ({ inspect: { ...s.inspect, loading: true, error: null } }));
      try {
        const json = await run(
          'networks.inspect',
          { network: id },
          { quiet: true, ...(network ? { shownAs: { network: networkCliRef(network, networks.getState().items) } } : {}) },
        );
        if (mine === generation) set({ inspect: { loading: false, json, error: null } });
      } catch (error) {
        if (mine === generation) set({ inspect: { loading: false, json: undefined, error: errorText(error) } });
      }
    },
  }));

  const unfollow = networks.subscribe((state, previous) => {
    if (state.items === previous.items) return;
    const { detailId, inspectOpen, inspect } = store.getState();
    if (detailId === null) return;
    const now = fingerprint(state.items.find((n) => n.id === detailId));
    if (now === seen) return;
    seen = now;
    // Gone from the list: the view closes the pane. Changed: refetch if shown, else forget it.
    if (now === '') return;
    if (inspectOpen) void store.getState().loadInspect();
    else if (inspect.json !== undefined || inspect.error !== null) {
      generation++;
      store.setState({ inspect: noInspect });
    }
  });
  return Object.assign(store, { dispose: unfollow });
}
