import { useStore } from 'zustand';
import { useStores } from '../../app/stores-context.js';
import { networkCliRef } from './network-display.js';

/** How `docker network …` lines shown for this network name it: by name, or short ID when another network shares the name. */
export function useNetworkCliRef(network: { id: string; name: string }): string {
  const { networks } = useStores();
  return useStore(networks, (s) => networkCliRef(network, s.items));
}
