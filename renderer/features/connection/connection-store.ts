import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionStatus } from '../../../shared/engine-types.js';
import type { BerthError } from '../../../shared/errors.js';
import type { BerthClient } from '../../api/client.js';
import type { ActionRunner } from '../activity/action-runner.js';

/**
 * The renderer's link to the Berth main side (IPC or the web server), separate from the engine's
 * own state: `lost` means Berth itself is unreachable, `unauthorized` that the token was refused.
 */
export type LinkState = 'connecting' | 'open' | 'lost' | 'unauthorized';

export interface ConnectionState {
  /** The engine connection as the main side last reported it. */
  status: ConnectionStatus | null;
  link: LinkState;
  linkError: string | null;
  /** Increases every time the status stream (re)opens: after a link outage the lists must reload. */
  linkEpoch: number;
  /** An `engine.reconnect` or resubscription asked for by the user is in flight. */
  retrying: boolean;
  start(): void;
  stop(): void;
  retry(): Promise<void>;
  /** The transport reports its own state (from pick-transport), e.g. a refused token. */
  reportLink(link: LinkState, error?: string): void;
}

export type ConnectionStore = StoreApi<ConnectionState>;

export interface ConnectionStoreOptions {
  client: BerthClient;
  run: ActionRunner;
  /** Delays before resubscribing after the status stream ends; the last one repeats. */
  resubscribeDelaysMs?: readonly number[];
  /** Skips the transport's reconnection backoff (the WebSocket transport has one). */
  reconnectLink?: () => void;
}

export function createConnectionStore({
  client,
  run,
  resubscribeDelaysMs = [500, 1000, 2000, 5000],
  reconnectLink,
}: ConnectionStoreOptions): ConnectionStore {
  let unsubscribe: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let attempt = 0;
  let started = false;

  return createStore<ConnectionState>()((set, get) => {
    const clearTimer = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    };

    const onEnd = (error?: BerthError): void => {
      unsubscribe = undefined;
      if (!started) return;
      if (error?.code === 'FORBIDDEN') {
        set({ link: 'unauthorized', linkError: error.message, retrying: false });
        return;
      }
      set({ link: 'lost', linkError: error?.message ?? 'The connection to the Berth server closed.', retrying: false });
      const delay = resubscribeDelaysMs[Math.min(attempt, resubscribeDelaysMs.length - 1)] ?? 5000;
      attempt += 1;
      clearTimer();
      timer = setTimeout(subscribe, delay);
    };

    const subscribe = (): void => {
      clearTimer();
      unsubscribe?.();
      unsubscribe = client.subscribe(
        'engine.status',
        {},
        {
          onMessage: (status) => {
            attempt = 0;
            // The first status after the link (re)opened makes it open: anything loaded before may be stale.
            if (get().link !== 'open') {
              set((s) => ({ status, link: 'open', linkError: null, linkEpoch: s.linkEpoch + 1, retrying: false }));
            } else {
              set({ status });
            }
          },
          onEnd,
        },
      );
    };

    return {
      status: null,
      link: 'connecting',
      linkError: null,
      linkEpoch: 0,
      retrying: false,
      start() {
        if (started) return;
        started = true;
        subscribe();
      },
      stop() {
        started = false;
        clearTimer();
        unsubscribe?.();
        unsubscribe = undefined;
      },
      async retry() {
        const { link } = get();
        if (link === 'unauthorized') return;
        if (link !== 'open') {
          // Berth itself is unreachable: try again now instead of waiting for the backoff.
          attempt = 0;
          set({ retrying: true });
          if (unsubscribe) reconnectLink?.();
          else subscribe();
          return;
        }
        set({ retrying: true });
        try {
          const status = await run(
            'engine.reconnect',
            {},
            {
              describe: (s) => `connected to Docker ${s.engineVersion ?? ''}`.trim(),
              failedIf: (s) => (s.state === 'connected' ? undefined : (s.error ?? `still ${s.state}`)),
              // The connection screen already says what is wrong; a toast would only repeat it.
              quiet: true,
            },
          );
          // The status stream normally brings the same news; take the reply too so the screen never lags.
          set((s) => (s.status && s.status.generation > status.generation ? { retrying: false } : { status, retrying: false }));
        } catch {
          // The runner has recorded the failure for the activity strip and the error toast.
          set({ retrying: false });
        }
      },
      reportLink(link, error) {
        if (link === 'open') {
          // The transport is back; the link counts as open once the engine's status arrives on it.
          if (get().link !== 'open') set({ link: 'connecting', linkError: null });
          if (!unsubscribe && started) subscribe();
          return;
        }
        set({ link, linkError: error ?? null, retrying: false });
      },
    };
  });
}

/** The engine answers and Berth can reach it: lists on screen may be shown as live. */
export function isLive(state: Pick<ConnectionState, 'link' | 'status'>): boolean {
  return state.link === 'open' && state.status?.state === 'connected';
}

/**
 * Identifies one continuous, live view of the engine: when it changes (engine reconnected, or the
 * link to Berth came back) lists must be reloaded in full. Null while not live.
 */
export function syncKey(state: Pick<ConnectionState, 'link' | 'status' | 'linkEpoch'>): string | null {
  if (!isLive(state) || !state.status) return null;
  return `${state.linkEpoch}:${state.status.generation}`;
}
