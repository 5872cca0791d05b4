export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
  /** Waits `ms` (a timer), then calls back. */
  after(ms: number, callback: () => void): number;
  cancelAfter(handle: number): void;
  now(): number;
}

const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(() => callback()),
  cancel: (handle) => cancelAnimationFrame(handle),
  after: (ms, callback) => window.setTimeout(callback, ms),
  cancelAfter: (handle) => window.clearTimeout(handle),
  now: () => performance.now(),
};

/**
 * Runs `flush` in an animation frame, at most once per frame and at most once per `minIntervalMs`,
 * however often `request` is called in between: a flood of batches costs a few renders a second
 * (and none while the page is hidden), a quiet stream shows each line in the next frame.
 */
export function createFrameCoalescer(
  flush: () => void,
  minIntervalMs = 0,
  frames: FrameScheduler = animationFrames,
): { request(): void; cancel(): void } {
  let frame: number | null = null;
  let timer: number | null = null;
  let last = Number.NEGATIVE_INFINITY;
  const inFrame = (): void => {
    frame = frames.request(() => {
      frame = null;
      last = frames.now();
      flush();
    });
  };
  return {
    request() {
      if (frame !== null || timer !== null) return;
      const wait = last + minIntervalMs - frames.now();
      if (wait <= 0) return inFrame();
      timer = frames.after(wait, () => {
        timer = null;
        inFrame();
      });
    },
    cancel() {
      if (frame !== null) frames.cancel(frame);
      if (timer !== null) frames.cancelAfter(timer);
      frame = null;
      timer = null;
    },
  };
}
