export interface CoalescingRefresherOptions {
  /** Quiet time after the last request before the work runs. */
  debounceMs?: number;
  /** A steady stream of requests still runs the work at least this often. */
  maxWaitMs?: number;
}

export interface CoalescingRefresher {
  /** Ask for the work to run soon; requests in a burst become one run. */
  request(): void;
  /** Run now (after the run in flight, if any); resolves when the work has run. */
  runNow(): Promise<void>;
  /** Drop any pending run. */
  cancel(): void;
}

/**
 * Debounced, single-flight work: never two runs at once, and a request that arrives during a run
 * makes exactly one more run after it. This is how lists follow engine events without polling.
 */
export function createCoalescingRefresher(
  work: () => Promise<void>,
  { debounceMs = 100, maxWaitMs = 1000 }: CoalescingRefresherOptions = {},
): CoalescingRefresher {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstRequestAt: number | undefined;
  let running: Promise<void> | undefined;
  /** runNow() during a run: run again right after it. */
  let again = false;
  /** request() during a run: schedule a debounced run after it. */
  let requestedDuringRun = false;

  const clear = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    firstRequestAt = undefined;
  };

  const run = (): Promise<void> => {
    if (running) {
      // The loop in flight picks this up: it runs once more before it resolves.
      again = true;
      return running;
    }
    clear();
    running = (async () => {
      try {
        do {
          again = false;
          await work();
        } while (again);
      } finally {
        running = undefined;
        if (requestedDuringRun) {
          requestedDuringRun = false;
          request();
        }
      }
    })();
    return running;
  };

  const fire = (): void => {
    timer = undefined;
    firstRequestAt = undefined;
    void run().catch(() => undefined);
  };

  function request(): void {
    if (running && timer === undefined) {
      // The run in flight may already miss this change; one debounced run follows it.
      requestedDuringRun = true;
      return;
    }
    const now = Date.now();
    firstRequestAt ??= now;
    if (timer !== undefined) clearTimeout(timer);
    const waited = now - firstRequestAt;
    timer = setTimeout(fire, Math.max(0, Math.min(debounceMs, maxWaitMs - waited)));
  }

  return {
    request,
    runNow: run,
    cancel() {
      clear();
      again = false;
      requestedDuringRun = false;
    },
  };
}
