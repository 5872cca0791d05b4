/**
 * Contract entries for images beyond listing (pull, push, tag, build, layers, registries).
 * Spread into `calls` and `streams` in contract.ts.
 */
export const imageCalls = {} as const;
export const imageStreams = {} as const;
