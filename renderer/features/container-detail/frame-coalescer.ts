export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
}

const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(() => callback()),
  cancel: (handle) => cancelAnimationFrame(handle),
};

/**
 * Runs `flush` at most once per animation frame however often `request` is called in between, so
 * a flood of batches costs one render a frame (and none while the page is hidden).
 */
export function createFrameCoalescer(flush: () => void, frames: FrameScheduler = animationFrames): { request(): void; cancel(): void } {
  let handle: number | null = null;
  return {
    request() {
      if (handle !== null) return;
      handle = frames.request(() => {
        handle = null;
        flush();
      });
    },
    cancel() {
      if (handle !== null) frames.cancel(handle);
      handle = null;
    },
  };
}
