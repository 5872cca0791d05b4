import type { NetworkContainer } from '../../../shared/network-types.js';
import type { VolumeUser } from '../../../shared/volume-types.js';
import type { HeldContainer } from './engine-replies.js';

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);

/**
 * Which containers mount which volume and sit on which network, kept from the container model
 * alone (each container list entry names its volume mounts and network endpoints), so container
 * events never reload the volume or network lists.
 */
export class Attachments {
  private readonly containers = new Map<string, HeldContainer>();
  private readonly byVolume = new Map<string, Set<string>>();
  /** Keyed by network ID, and by `name:<network name>` for endpoints without one yet. */
  private readonly byNetwork = new Map<string, Set<string>>();

  /** Sets (or, with undefined, drops) one container; returns the volumes and network keys whose users changed. */
  set(id: string, next: HeldContainer | undefined): { volumes: Set<string>; networks: Set<string> } {
    const before = this.containers.get(id);
    const volumes = new Set<string>();
    const networks = new Set<string>();
    if (before) {
      for (const m of before.mounts) volumes.add(m.volume);
      for (const e of before.endpoints) for (const key of networkKeys(e)) networks.add(key);
      this.index(before, false);
    }
    if (next) {
      this.containers.set(id, next);
      for (const m of next.mounts) volumes.add(m.volume);
      for (const e of next.endpoints) for (const key of networkKeys(e)) networks.add(key);
      this.index(next, true);
    } else this.containers.delete(id);
    return { volumes, networks };
  }

  get(id: string): HeldContainer | undefined {
    return this.containers.get(id);
  }

  ids(): IterableIterator<string> {
    return this.containers.keys();
  }

  /** The containers mounting `volume`, running or not, by name. */
  volumeUsers(volume: string): VolumeUser[] {
    const users: VolumeUser[] = [];
    for (const id of this.byVolume.get(volume) ?? []) {
      const c = this.containers.get(id);
      const mount = c?.mounts.find((m) => m.volume === volume);
      if (!c || !mount) continue;
      const { name, state } = c.summary;
      users.push({ id, name, state, destination: mount.destination, readOnly: mount.readOnly });
    }
    return users.sort(byName);
  }

  /**
   * The containers on the network `id` named `name`: those whose endpoint carries its ID, and
   * those naming it without an ID of a network the engine has (`isKnownNetwork`), as never-started ones do.
   */
  networkMembers(id: string, name: string, isKnownNetwork: (networkId: string) => boolean): NetworkContainer[] {
    const members: NetworkContainer[] = [];
    const candidates = new Set([...(this.byNetwork.get(id) ?? []), ...(this.byNetwork.get(`name:${name}`) ?? [])]);
    for (const containerId of candidates) {
      const c = this.containers.get(containerId);
      const endpoint = c?.endpoints.find((e) => (e.networkId && isKnownNetwork(e.networkId) ? e.networkId === id : e.networkName === name));
      if (!c || !endpoint) continue;
      const { name: containerName, state } = c.summary;
      members.push({ id: containerId, name: containerName, state, ipv4: endpoint.ipv4 });
    }
    return members.sort(byName);
  }

  private index(c: HeldContainer, add: boolean): void {
    const id = c.summary.id;
    for (const m of c.mounts) toggle(this.byVolume, m.volume, id, add);
    for (const e of c.endpoints) for (const key of networkKeys(e)) toggle(this.byNetwork, key, id, add);
  }
}

/** The index keys of one endpoint: its network's ID (when it has one) and its network's name. */
export function networkKeys(e: { networkId: string; networkName: string }): string[] {
  return e.networkId ? [e.networkId, `name:${e.networkName}`] : [`name:${e.networkName}`];
}

function toggle(index: Map<string, Set<string>>, key: string, id: string, add: boolean): void {
  const set = index.get(key);
  if (add) {
    if (set) set.add(id);
    else index.set(key, new Set([id]));
  } else if (set) {
    set.delete(id);
    if (set.size === 0) index.delete(key);
  }
}
