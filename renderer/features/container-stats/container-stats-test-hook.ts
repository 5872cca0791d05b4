import type { ContainerStatsStore } from './container-stats-store.js';

/** For e2e tests and the bench: what the containers table streams stats for, as the server said. */
export interface ContainerStatsProbe {
  /** Containers the server follows for this page now. */
  watching(): readonly string[];
  /** Containers with a sample on screen now. */
  withStats(): readonly string[];
}

declare global {
  interface Window {
    __berthContainerStats?: ContainerStatsProbe;
  }
}

/** Sets `window.__berthContainerStats` while the table is mounted; returns the undo. */
export function exposeContainerStatsHook(store: ContainerStatsStore, target: Window = window): () => void {
  const probe: ContainerStatsProbe = {
    watching: () => store.getState().watching,
    withStats: () => [...store.getState().stats.keys()],
  };
  target.__berthContainerStats = probe;
  return () => {
    if (target.__berthContainerStats === probe) delete target.__berthContainerStats;
  };
}
