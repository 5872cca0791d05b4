/** Contract entries for Compose stacks (docker compose): listing projects, actions, logs, the file. Spread into `calls` and `streams` in contract.ts. */
export const composeCalls = {} as const;

export const composeStreams = {} as const;
