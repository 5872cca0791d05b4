import { streamCliEquivalent, type StreamInput, type StreamMessage, type StreamName } from '../../../shared/contract.js';
import type { BerthClient } from '../../api/client.js';
import type { BerthError } from '../../../shared/errors.js';
import type { ActivityStore } from '../activity/activity-store.js';

export interface StreamRunHandlers<K extends StreamName> {
  onMessage(message: StreamMessage<K>): void;
  /** The stream ended: `error` when it failed (the activity entry already says so). */
  onEnd(error?: BerthError): void;
  /** What the activity strip says when it ends without an error. */
  describe?(): string;
}

/**
 * Subscribes to a stream and records it in the activity strip as its `docker` command, like the
 * action runner does for calls. Failures are recorded quietly: the view shows them where they happened.
 * Unsubscribing cancels the operation on the engine and is recorded as cancelled (neither success nor error).
 */
export function runStream<K extends StreamName>(
  client: BerthClient,
  activity: ActivityStore,
  name: K,
  input: StreamInput<K>,
  handlers: StreamRunHandlers<K>,
): () => void {
  const command = streamCliEquivalent(name, input) ?? name;
  const id = activity.getState().begin(command, { quiet: true });
  let ended = false;
  const unsubscribe = client.subscribe(name, input, {
    onMessage: (m) => handlers.onMessage(m),
    onEnd: (error) => {
      if (ended) return;
      ended = true;
      if (error) activity.getState().fail(id, error.message, error.code);
      else activity.getState().succeed(id, handlers.describe?.() ?? 'done');
      handlers.onEnd(error);
    },
  });
  return () => {
    if (ended) return;
    ended = true;
    unsubscribe();
    // Cancelling is what the user asked for: not a failure (no error toast), not a success either.
    activity.getState().cancel(id);
    handlers.onEnd();
  };
}
