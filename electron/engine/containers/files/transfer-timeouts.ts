/**
 * How long a transfer may go without progress, and how long an upload may take in all.
 *
 * A download the client stops acknowledging keeps the engine's archive request open, and the
 * engine holds the container's lock for it (`docker inspect`, `exec`, `stop` wait). An upload is
 * spooled on the Berth host until its last byte (the engine never waits for a client), but a
 * client sending a byte a minute would still hold a spool file: the total cap ends that.
 */
export interface TransferTimeouts {
  /** A transfer that moved no byte for this long is ended. */
  idleMs: number;
  /** An upload not finished this long after it began is ended. */
  uploadMaxMs: number;
}

export const defaultTransferTimeouts: TransferTimeouts = {
  idleMs: 30_000,
  // 64 MiB (the upload cap) in 15 minutes is 73 KB/s on average: slower links should use docker cp.
  uploadMaxMs: 15 * 60_000,
};

export function describeDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 60_000)} minutes`;
}
