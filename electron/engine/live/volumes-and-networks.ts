import type { NetworkSummary } from '../../../shared/network-types.js';
import type { VolumeSummary } from '../../../shared/volume-types.js';
import type { Attachments } from './attachments.js';
import type { NetworkBase, VolumeBase } from './engine-replies.js';
import type { LiveFeed } from './live-feed.js';

/**
 * The volumes and networks lists of a live model: each is what the engine said of it (its base)
 * plus who uses it, derived from the containers held (`Attachments`), so a container event updates
 * the volumes and networks it touches without asking the engine for them.
 */
export class VolumesAndNetworks {
  private readonly volumeBases = new Map<string, VolumeBase>();
  private readonly networkBases = new Map<string, NetworkBase>();

  constructor(
    private readonly attachments: Attachments,
    private readonly volumes: LiveFeed<VolumeSummary>,
    private readonly networks: LiveFeed<NetworkSummary>,
  ) {}

  /** The engine's full volume list: replaces what is held. */
  reconcileVolumes(list: readonly VolumeBase[]): void {
    this.volumeBases.clear();
    for (const v of list) this.volumeBases.set(v.name, v);
    this.volumes.reconcile(list.map((v) => this.volumeSummary(v)));
  }

  /** The engine's full network list: replaces what is held. */
  reconcileNetworks(list: readonly NetworkBase[]): void {
    this.networkBases.clear();
    for (const n of list) this.networkBases.set(n.id, n);
    this.networks.reconcile(list.map((n) => this.networkSummary(n)));
  }

  /** One volume as the engine now says it is, or gone (undefined). */
  setVolume(name: string, volume: VolumeBase | undefined): void {
    if (volume) {
      this.volumeBases.set(volume.name, volume);
      this.volumes.apply([this.volumeSummary(volume)]);
    } else {
      this.volumeBases.delete(name);
      this.volumes.apply([], [name]);
    }
  }

  /** One network as the engine now says it is, or gone (undefined). */
  setNetwork(id: string, network: NetworkBase | undefined): void {
    if (network) {
      this.networkBases.set(network.id, network);
      this.networks.apply([this.networkSummary(network)]);
    } else {
      this.networkBases.delete(id);
      this.networks.apply([], [id]);
    }
  }

  /** A container changed: the volumes and networks it used or uses now (`Attachments.set`'s answer) are derived again. */
  containerTouched(touched: { volumes: ReadonlySet<string>; networks: ReadonlySet<string> }): void {
    if (touched.volumes.size > 0) {
      const volumes: VolumeSummary[] = [];
      for (const name of touched.volumes) {
        const base = this.volumeBases.get(name);
        if (base) volumes.push(this.volumeSummary(base));
      }
      this.volumes.apply(volumes);
    }
    if (touched.networks.size > 0) {
      const networks: NetworkSummary[] = [];
      for (const base of this.networkBases.values()) {
        if (touched.networks.has(base.id) || touched.networks.has(`name:${base.name}`)) networks.push(this.networkSummary(base));
      }
      this.networks.apply(networks);
    }
  }

  private volumeSummary(base: VolumeBase): VolumeSummary {
    return { ...base, usedBy: this.attachments.volumeUsers(base.name) };
  }

  private networkSummary(base: NetworkBase): NetworkSummary {
    return { ...base, containers: this.attachments.networkMembers(base.id, base.name, (id) => this.networkBases.has(id)) };
  }
}
