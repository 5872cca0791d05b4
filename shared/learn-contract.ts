/** Contract entries for Learn lessons: each step's check against the engine. Spread into `calls` and `streams` in contract.ts. */
export const learnCalls = {} as const;

export const learnStreams = {} as const;
