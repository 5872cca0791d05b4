import { createStore, type StoreApi } from 'zustand/vanilla';
import { isBerthError } from '../../../shared/errors.js';
import { addressProblem } from '../../../shared/network-address.js';
import type { NetworkContainer, NetworkPrunePreview, NetworkRemoval, NetworkSummary } from '../../../shared/network-types.js';
import type { BerthClient } from '../../api/client.js';
import type { ActionRunner } from '../activity/action-runner.js';
import { checkDraft, emptyDraft, fieldOfEngineError, type DraftField, type NetworkDraft } from './network-draft.js';
import type { NetworksStore } from './networks-store.js';

/** Why a fixed address cannot be asked for on this network, or undefined. */
export function connectAddressProblem(network: NetworkSummary, address: string): string | undefined {
  const subnet = network.ipam.find((c) => c.subnet && !c.subnet.includes(':'))?.subnet;
  const problem = addressProblem(address, subnet);
  if (problem) return problem;
  if (network.ipam.some((c) => c.gateway === address)) return `${address} is the network’s gateway; pick another address`;
  const taken = network.containers.find((c) => c.ipv4 === address);
  return taken ? `${address} is already ${taken.name}’s address` : undefined;
}

function messageOf(error: unknown): string {
  return isBerthError(error) || error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------
// Create
// ---------------------------------------------------------------------------------------------

export interface CreateState {
  open: boolean;
  draft: NetworkDraft;
  /** After a first attempt to submit, empty required fields are flagged too. */
  submitted: boolean;
  busy: boolean;
  /** The engine's refusal, placed beside the field it is about (or at the foot). */
  engineError: { field: DraftField | 'form'; message: string } | null;
  openForm(): void;
  close(): void;
  update(patch: Partial<NetworkDraft>): void;
  /** Creates the network; true when it was created and the form closed. */
  submit(): Promise<boolean>;
}

export function createCreateStore(run: ActionRunner, networks: NetworksStore): StoreApi<CreateState> {
  return createStore<CreateState>()((set, get) => ({
    open: false,
    draft: emptyDraft,
    submitted: false,
    busy: false,
    engineError: null,
    openForm: () => set({ open: true, draft: emptyDraft, submitted: false, busy: false, engineError: null }),
    close: () => set({ open: false, busy: false, engineError: null }),
    update: (patch) => set((s) => ({ draft: { ...s.draft, ...patch }, engineError: null })),
    async submit() {
      const checked = checkDraft(get().draft);
      set({ submitted: true });
      if (!checked.input || get().busy) return false;
      set({ busy: true, engineError: null });
      try {
        await run('networks.create', checked.input, { quiet: true, describe: () => `created ${checked.input!.name}` });
        set({ open: false, busy: false });
        networks.requestRefresh();
        return true;
      } catch (error) {
        const message = messageOf(error);
        set({ busy: false, engineError: { field: fieldOfEngineError(message), message } });
        return false;
      }
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// Remove, bulk remove, connect, disconnect
// ---------------------------------------------------------------------------------------------

export interface ActionsState {
  remove: { network: NetworkSummary; busy: boolean; refusal?: string } | null;
  bulk: { networks: readonly NetworkSummary[]; busy: boolean; results?: readonly NetworkRemoval[] } | null;
  connect: { network: NetworkSummary; container: string; address: string; busy: boolean; error?: string } | null;
  disconnect: { network: NetworkSummary; container: NetworkContainer; busy: boolean; error?: string } | null;
  askRemove(network: NetworkSummary): void;
  cancelRemove(): void;
  confirmRemove(): Promise<void>;
  askRemoveMany(networks: readonly NetworkSummary[]): void;
  closeBulk(): void;
  confirmRemoveMany(): Promise<void>;
  askConnect(network: NetworkSummary): void;
  setConnectContainer(container: string): void;
  setConnectAddress(address: string): void;
  cancelConnect(): void;
  confirmConnect(): Promise<void>;
  askDisconnect(network: NetworkSummary, container: NetworkContainer): void;
  cancelDisconnect(): void;
  confirmDisconnect(): Promise<void>;
}

export function createActionsStore(run: ActionRunner, networks: NetworksStore, onRemoved: (names: readonly string[]) => void): StoreApi<ActionsState> {
  return createStore<ActionsState>()((set, get) => ({
    remove: null,
    bulk: null,
    connect: null,
    disconnect: null,
    askRemove: (network) => set({ remove: { network, busy: false } }),
    cancelRemove: () => set({ remove: null }),
    async confirmRemove() {
      const request = get().remove;
      if (!request || request.busy) return;
      set({ remove: { ...request, busy: true, refusal: undefined } });
      try {
        await run('networks.remove', { network: request.network.name }, { quiet: true });
        set({ remove: null });
        onRemoved([request.network.name]);
        networks.requestRefresh();
      } catch (error) {
        set({ remove: { ...request, busy: false, refusal: messageOf(error) } });
      }
    },
    askRemoveMany: (list) => set({ bulk: { networks: list.filter((n) => !n.builtIn), busy: false } }),
    closeBulk: () => set({ bulk: null }),
    async confirmRemoveMany() {
      const request = get().bulk;
      if (!request || request.busy || request.networks.length === 0) return;
      set({ bulk: { ...request, busy: true } });
      try {
        const results = await run(
          'networks.removeMany',
          { networks: request.networks.map((n) => n.name) },
          { quiet: true, describe: (r) => `${r.filter((x) => x.removed).length} of ${r.length} removed` },
        );
        set({ bulk: { ...request, busy: false, results } });
        onRemoved(results.filter((r) => r.removed).map((r) => r.name));
        networks.requestRefresh();
      } catch (error) {
        set({ bulk: { ...request, busy: false, results: request.networks.map((n) => ({ name: n.name, removed: false, reason: messageOf(error) })) } });
      }
    },
    askConnect: (network) => set({ connect: { network, container: '', address: '', busy: false } }),
    setConnectContainer: (container) => set((s) => (s.connect ? { connect: { ...s.connect, container, error: undefined } } : {})),
    setConnectAddress: (address) => set((s) => (s.connect ? { connect: { ...s.connect, address, error: undefined } } : {})),
    cancelConnect: () => set({ connect: null }),
    async confirmConnect() {
      const request = get().connect;
      if (!request || request.busy) return;
      if (!request.container) {
        set({ connect: { ...request, error: 'Choose a container to connect' } });
        return;
      }
      const address = request.address.trim();
      const problem = address ? connectAddressProblem(request.network, address) : undefined;
      if (problem) {
        set({ connect: { ...request, error: problem } });
        return;
      }
      set({ connect: { ...request, busy: true, error: undefined } });
      try {
        await run('networks.connect', { network: request.network.name, container: request.container, ...(address ? { ipv4Address: address } : {}) }, { quiet: true });
        set({ connect: null });
        networks.requestRefresh();
      } catch (error) {
        set({ connect: { ...request, busy: false, error: messageOf(error) } });
      }
    },
    askDisconnect: (network, container) => set({ disconnect: { network, container, busy: false } }),
    cancelDisconnect: () => set({ disconnect: null }),
    async confirmDisconnect() {
      const request = get().disconnect;
      if (!request || request.busy) return;
      set({ disconnect: { ...request, busy: true, error: undefined } });
      try {
        await run('networks.disconnect', { network: request.network.name, container: request.container.name }, { quiet: true });
        set({ disconnect: null });
        networks.requestRefresh();
      } catch (error) {
        set({ disconnect: { ...request, busy: false, error: messageOf(error) } });
      }
    },
  }));
}

// ---------------------------------------------------------------------------------------------
// Prune: a preview, then exactly the previewed networks removed by name
// ---------------------------------------------------------------------------------------------

export interface PruneState {
  phase: 'closed' | 'loading' | 'preview' | 'pruning' | 'done' | 'error';
  preview: NetworkPrunePreview | null;
  results: readonly NetworkRemoval[] | null;
  error: string | null;
  open(): Promise<void>;
  confirm(): Promise<void>;
  close(): void;
}

export function createPruneStore(client: BerthClient, run: ActionRunner, networks: NetworksStore): StoreApi<PruneState> {
  return createStore<PruneState>()((set, get) => ({
    phase: 'closed',
    preview: null,
    results: null,
    error: null,
    async open() {
      set({ phase: 'loading', preview: null, results: null, error: null });
      try {
        const preview = await client.call('networks.prunePreview', {});
        if (get().phase === 'loading') set({ phase: 'preview', preview });
      } catch (error) {
        set({ phase: 'error', error: messageOf(error) });
      }
    },
    async confirm() {
      const { preview, phase } = get();
      if (phase !== 'preview' || !preview || preview.networks.length === 0) return;
      set({ phase: 'pruning' });
      try {
        const results = await run(
          'networks.prune',
          { networks: preview.networks.map((n) => n.name) },
          { quiet: true, describe: (r) => `pruned ${r.filter((x) => x.removed).length} of ${r.length}` },
        );
        set({ phase: 'done', results });
        networks.requestRefresh();
      } catch (error) {
        set({ phase: 'error', error: messageOf(error) });
      }
    },
    close: () => set({ phase: 'closed', preview: null, results: null, error: null }),
  }));
}

// ---------------------------------------------------------------------------------------------
// Selection, panels and the detail pane
// ---------------------------------------------------------------------------------------------

export interface ViewState {
  /** Network names ticked for bulk remove. */
  selected: ReadonlySet<string>;
  /** The network whose detail pane is open (by ID: a name can be reused). */
  detailId: string | null;
  inspect: { id: string; json: unknown; error: string | null } | null;
  toggle(name: string): void;
  setMany(names: readonly string[], on: boolean): void;
  clear(): void;
  /** Forgets selected names no longer listed. */
  retain(names: ReadonlySet<string>): void;
  showDetail(id: string): void;
  closeDetail(): void;
}

export function createViewStore(client: BerthClient): StoreApi<ViewState> {
  return createStore<ViewState>()((set, get) => ({
    selected: new Set(),
    detailId: null,
    inspect: null,
    toggle(name) {
      const next = new Set(get().selected);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      set({ selected: next });
    },
    setMany(names, on) {
      const next = new Set(get().selected);
      for (const n of names) {
        if (on) next.add(n);
        else next.delete(n);
      }
      set({ selected: next });
    },
    clear: () => set({ selected: new Set() }),
    retain(names) {
      const kept = [...get().selected].filter((n) => names.has(n));
      if (kept.length !== get().selected.size) set({ selected: new Set(kept) });
    },
    showDetail(id) {
      if (get().detailId === id) return;
      set({ detailId: id, inspect: { id, json: null, error: null } });
      client.call('networks.inspect', { network: id }).then(
        (json) => {
          if (get().detailId === id) set({ inspect: { id, json, error: null } });
        },
        (error: unknown) => {
          if (get().detailId === id) set({ inspect: { id, json: null, error: messageOf(error) } });
        },
      );
    },
    closeDetail: () => set({ detailId: null, inspect: null }),
  }));
}

export interface NetworkTools {
  create: StoreApi<CreateState>;
  actions: StoreApi<ActionsState>;
  prune: StoreApi<PruneState>;
  view: StoreApi<ViewState>;
}

export function createNetworkTools({ client, run, networks }: { client: BerthClient; run: ActionRunner; networks: NetworksStore }): NetworkTools {
  const view = createViewStore(client);
  const onRemoved = (names: readonly string[]): void => view.getState().setMany(names, false);
  return {
    create: createCreateStore(run, networks),
    actions: createActionsStore(run, networks, onRemoved),
    prune: createPruneStore(client, run, networks),
    view,
  };
}
