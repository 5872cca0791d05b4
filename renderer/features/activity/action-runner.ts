import { cliEquivalent, type CallInput, type CallName, type CallOutput } from '../../../shared/contract.js';
import type { EngineCommandTarget } from '../../../shared/engine-cli.js';
import { isBerthError } from '../../../shared/errors.js';
import type { BerthClient } from '../../api/client.js';
import type { ActivityStore } from './activity-store.js';

export interface RunOptions<K extends CallName> {
  /** The input to show as a command when it reads better than the real one (a name instead of an ID). */
  shownAs?: CallInput<K>;
  /** A short description of the result for the activity strip. */
  describe?: (output: CallOutput<K>) => string;
  /** A reply that means the action did not achieve its goal (e.g. still disconnected): its message. */
  failedIf?: (output: CallOutput<K>) => string | undefined;
  /** Record a failure in the strip only; the caller shows it where it belongs. */
  quiet?: boolean;
  /** A read Berth makes on its own (a preview's `docker diff`): kept in the history marked as such, never in the strip or a toast. */
  background?: boolean;
  /** The input to show once the result tells what really ran (the shell opened was `sh`, not the `bash` asked for). */
  shownAfter?: (output: CallOutput<K>) => CallInput<K>;
}

/** Runs a user action through the client and records it as its `docker` command, with its result. */
export type ActionRunner = <K extends CallName>(name: K, input: CallInput<K>, options?: RunOptions<K>) => Promise<CallOutput<K>>;

/** `target`: how shown commands name the client's engine when it is not the activity store's own. */
export function createActionRunner(client: BerthClient, activity: ActivityStore, target?: () => EngineCommandTarget): ActionRunner {
  return async (name, input, options) => {
    const command = cliEquivalent(name, options?.shownAs ?? input) ?? name;
    const id = activity
      .getState()
      .begin(command, { quiet: options?.quiet, background: options?.background, ...(target ? { target: target() } : {}) });
    try {
      const output = await client.call(name, input);
      const failure = options?.failedIf?.(output);
      if (failure !== undefined) activity.getState().fail(id, failure);
      else {
        const ran = options?.shownAfter ? cliEquivalent(name, options.shownAfter(output)) : undefined;
        activity.getState().succeed(id, options?.describe?.(output) ?? 'done', ran);
      }
      return output;
    } catch (error) {
      if (isBerthError(error)) activity.getState().fail(id, error.message, error.code);
      else activity.getState().fail(id, error instanceof Error ? error.message : String(error), 'INTERNAL');
      throw error;
    }
  };
}
