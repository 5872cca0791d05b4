import { createStore, type StoreApi } from 'zustand/vanilla';

export interface ClockState {
  /** Milliseconds since the epoch, refreshed every tick: relative times re-render from it. */
  now: number;
}

export type ClockStore = StoreApi<ClockState> & { start(): void; stop(): void };

/** A coarse clock for "3 minutes ago" labels; one timer for the whole app. */
export function createClockStore(tickMs = 15_000, now: () => number = Date.now): ClockStore {
  const store = createStore<ClockState>()(() => ({ now: now() }));
  let timer: ReturnType<typeof setInterval> | undefined;
  return Object.assign(store, {
    start() {
      if (timer !== undefined) return;
      store.setState({ now: now() });
      timer = setInterval(() => store.setState({ now: now() }), tickMs);
    },
    stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    },
  });
}
