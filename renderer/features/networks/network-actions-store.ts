import { createStore, type StoreApi } from 'zustand/vanilla';
import { addressProblem } from '../../../shared/network-address.js';
import type { NetworkContainer, NetworkRemoval, NetworkSummary } from '../../../shared/network-types.js';
import type { ActionRunner } from '../activity/action-runner.js';
import { networkCliRef } from './network-display.js';
import type { NetworksStore } from './networks-store.js';
import { errorText } from '../../lib/error-text.js';

/** Why a fixed address cannot be asked for on this network, or undefined. */
export function connectAddressProblem(network: NetworkSummary, address: string): string | undefined {
  const subnet = network.ipam.find((c) => c.subnet && !c.subnet.includes(':'))?.subnet;
  const problem = addressProblem(address, subnet);
  if (problem) return problem;
  if (network.ipam.some((c) => c.gateway === address)) return `${address} is the network’s gateway; pick another address`;
  const taken = network.containers.find((c) => c.ipv4 === address);
  return taken ? `${address} is already ${taken.name}’s address` : undefined;
}

/** The container chosen in the connect dialog. */
export interface ChosenContainer {
  id: string;
  name: string;
}

/**
 * Remove, bulk remove, connect and disconnect, each confirmed in a dialog first. Every call names
 * the network by ID (two networks may share a name) and the container by ID; the command shown in
 * the activity strip uses names where they are unambiguous.
 */
export interface ActionsState {
  remove: { network: NetworkSummary; busy: boolean; refusal?: string } | null;
  bulk: { networks: readonly NetworkSummary[]; busy: boolean; results?: readonly NetworkRemoval[] } | null;
  connect: { network: NetworkSummary; container: ChosenContainer | null; address: string; busy: boolean; error?: string } | null;
  disconnect: { network: NetworkSummary; container: NetworkContainer; busy: boolean; error?: string } | null;
  askRemove(network: NetworkSummary): void;
  cancelRemove(): void;
  confirmRemove(): Promise<void>;
  askRemoveMany(networks: readonly NetworkSummary[]): void;
  closeBulk(): void;
  confirmRemoveMany(): Promise<void>;
  askConnect(network: NetworkSummary): void;
  setConnectContainer(container: ChosenContainer | null): void;
  setConnectAddress(address: string): void;
  cancelConnect(): void;
  confirmConnect(): Promise<void>;
  askDisconnect(network: NetworkSummary, container: NetworkContainer): void;
  cancelDisconnect(): void;
  confirmDisconnect(): Promise<void>;
}
export type ActionsStore = StoreApi<ActionsState>;

/** `onRemoved`: the IDs of networks that are gone, so the selection forgets them. */
export function createNetworkActionsStore(
  run: ActionRunner,
  networks: NetworksStore,
  onRemoved: (ids: readonly string[]) => void,
): ActionsStore {
  const cliRef = (network: { id: string; name: string }): string => networkCliRef(network, networks.getState().items);
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
      const { network } = request;
      set({ remove: { ...request, busy: true, refusal: undefined } });
      try {
        await run('networks.remove', { network: network.id }, { quiet: true, shownAs: { network: cliRef(network) } });
        if (get().remove?.network === network) set({ remove: null });
        onRemoved([network.id]);
        networks.requestRefresh();
      } catch (error) {
        if (get().remove?.network === network) set({ remove: { ...request, busy: false, refusal: errorText(error) } });
      }
    },
    askRemoveMany: (list) => set({ bulk: { networks: list.filter((n) => !n.builtIn), busy: false } }),
    closeBulk: () => set({ bulk: null }),
    async confirmRemoveMany() {
      const request = get().bulk;
      if (!request || request.busy || request.networks.length === 0) return;
      set({ bulk: { ...request, busy: true } });
      const still = (): boolean => get().bulk?.networks === request.networks;
      try {
        const results = await run(
          'networks.removeMany',
          { networks: request.networks.map((n) => n.id) },
          {
            quiet: true,
            shownAs: { networks: request.networks.map(cliRef) },
            describe: (r) => `${r.filter((x) => x.removed).length} of ${r.length} removed`,
            failedIf: (r) => (r.some((x) => !x.removed) ? `${r.filter((x) => !x.removed).length} of ${r.length} not removed` : undefined),
          },
        );
        if (still()) set({ bulk: { ...request, busy: false, results } });
        onRemoved(results.filter((r) => r.removed).map((r) => r.id));
        networks.requestRefresh();
      } catch (error) {
        const reason = errorText(error);
        if (still())
          set({
            bulk: { ...request, busy: false, results: request.networks.map((n) => ({ id: n.id, name: n.name, removed: false, reason })) },
          });
      }
    },
    askConnect: (network) => set({ connect: { network, container: null, address: '', busy: false } }),
    setConnectContainer: (container) => set((s) => (s.connect ? { connect: { ...s.connect, container, error: undefined } } : {})),
    setConnectAddress: (address) => set((s) => (s.connect ? { connect: { ...s.connect, address, error: undefined } } : {})),
    cancelConnect: () => set({ connect: null }),
    async confirmConnect() {
      const request = get().connect;
      if (!request || request.busy) return;
      const { network, container } = request;
      if (!container) {
        set({ connect: { ...request, error: 'Choose a container to connect' } });
        return;
      }
      const address = request.address.trim();
      const problem = address ? connectAddressProblem(network, address) : undefined;
      if (problem) {
        set({ connect: { ...request, error: problem } });
        return;
      }
      set({ connect: { ...request, busy: true, error: undefined } });
      const fixed = address ? { ipv4Address: address } : {};
      try {
        await run(
          'networks.connect',
          { network: network.id, container: container.id, ...fixed },
          { quiet: true, shownAs: { network: cliRef(network), container: container.name, ...fixed } },
        );
        if (get().connect?.network === network) set({ connect: null });
        networks.requestRefresh();
      } catch (error) {
        if (get().connect?.network === network) set({ connect: { ...request, busy: false, error: errorText(error) } });
      }
    },
    askDisconnect: (network, container) => set({ disconnect: { network, container, busy: false } }),
    cancelDisconnect: () => set({ disconnect: null }),
    async confirmDisconnect() {
      const request = get().disconnect;
      if (!request || request.busy) return;
      const { network, container } = request;
      set({ disconnect: { ...request, busy: true, error: undefined } });
      try {
        await run(
          'networks.disconnect',
          { network: network.id, container: container.id },
          { quiet: true, shownAs: { network: cliRef(network), container: container.name } },
        );
        if (get().disconnect?.network === network) set({ disconnect: null });
        networks.requestRefresh();
      } catch (error) {
        if (get().disconnect?.network === network) set({ disconnect: { ...request, busy: false, error: errorText(error) } });
      }
    },
  }));
}
