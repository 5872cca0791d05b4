import type { LogBatch } from '../../../shared/container-detail-types.js';
import type { EngineEvent } from '../../../shared/engine-types.js';
import type { EngineEventHub } from '../engine-events/engine-event-hub.js';

/** The largest tail the contract takes: a reattached stream reads everything since the restart. */
export const reattachTail = 100_000;

/** Opens one `containers.logs` stream: from the start (`since` undefined) or from a restart. */
export type OpenLogStream = (
  since: number | undefined,
  handlers: { onMessage(batch: LogBatch): void; onEnd(error?: Error): void },
) => () => void;

export interface LogFollowHandlers {
  onMessage(batch: LogBatch): void;
  /** One stream ended; `reattaching` says whether another follows at once (the container started again). */
  onStreamEnd(error: Error | undefined, reattaching: boolean): void;
  /** A new stream opens after a restart: the lines before stay, a separator goes between. */
  onRestart(): void;
}

/** Is `event` this container starting? (The pane may hold a short ID; the engine sends the full one.) */
export function isStartOf(event: EngineEvent, containerId: string): boolean {
  return event.type === 'container' && event.action === 'start' && event.id.startsWith(containerId);
}

/**
 * Follows a container's logs across its restarts. A follow stream ends when the container stops;
 * when the engine says it started again, a new stream opens from the start's second (`--since` takes
 * whole seconds), so nothing printed after the restart is lost. A start seen while the old stream is
 * still draining waits for it to end first, so the lines stay in order.
 */
export function followAcrossRestarts(options: {
  containerId: string;
  open: OpenLogStream;
  events: Pick<EngineEventHub, 'on'>;
  handlers: LogFollowHandlers;
}): () => void {
  const { containerId, open, events, handlers } = options;
  let closeStream: (() => void) | undefined;
  let streamOpen = false;
  let restartSince: number | undefined;
  let disposed = false;

  const attach = (since: number | undefined): void => {
    streamOpen = true;
    let ended = false;
    closeStream = open(since, {
      onMessage: (batch) => {
        if (!disposed && !ended) handlers.onMessage(batch);
      },
      onEnd: (error) => {
        if (disposed || ended) return;
        ended = true;
        streamOpen = false;
        closeStream = undefined;
        const next = restartSince;
        handlers.onStreamEnd(error, next !== undefined);
        if (next !== undefined) reattach(next);
      },
    });
  };

  const reattach = (since: number): void => {
    restartSince = undefined;
    handlers.onRestart();
    attach(since);
  };

  const stopListening = events.on(['container'], (event) => {
    if (disposed || !isStartOf(event, containerId)) return;
    const since = Math.floor(event.timeNano / 1e9);
    if (streamOpen) restartSince = since;
    else reattach(since);
  });

  attach(undefined);
  return () => {
    disposed = true;
    stopListening();
    closeStream?.();
    closeStream = undefined;
  };
}
