/** Contract entries for The engine map: images as layer stacks, containers with their writable layer. Spread into `calls` and `streams` in contract.ts. */
export const engineMapCalls = {} as const;

export const engineMapStreams = {} as const;
