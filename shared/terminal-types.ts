import { z } from 'zod';

/** Why a session ended, for the tab's state text. */
export const terminalEndCauseSchema = z.enum([
  'exited', // the process ended by itself (exitCode says how)
  'closed', // the user closed the tab
  'detached', // an attach session let go of the main process, which keeps running
  'container-stopped', // the container stopped, taking the session with it
  'container-removed', // the container was removed under the session
  'connection-lost', // Berth lost the engine or the session's stream; its processes are ended once the engine answers
]);
export type TerminalEndCause = z.infer<typeof terminalEndCauseSchema>;

export const terminalOutputSchema = z.discriminatedUnion('kind', [
  /** Raw bytes from the TTY, never decoded on the way. */
  z.object({ kind: z.literal('data'), data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected bytes') }),
  /** The process ended (exitCode) or the session was cut (reason says why, cause says it for code). */
  z.object({
    kind: z.literal('exit'),
    exitCode: z.number().int().nullable(),
    reason: z.string(),
    cause: terminalEndCauseSchema.optional(),
  }),
]);
export type TerminalOutput = z.infer<typeof terminalOutputSchema>;

/** Bounds the server keeps per client and per session; each refuses with LIMIT_REACHED when reached. */
export const terminalLimits = {
  /** Terminals one window may have open (or opening) at once. */
  perClient: 32,
  /** Input bytes waiting for a session's process to read them; more is refused, never buffered. */
  queuedInputBytes: 1_048_576,
} as const;

/**
 * Flow-control thresholds, shared so both ends agree. VS Code pauses at 100,000 unacknowledged
 * characters and resumes under 5,000; measured here (bench/), that window is too small: the source
 * stalls for an acknowledgement round trip every ~130 kB, and the renderer drains to nothing
 * before it resumes. The renderer hands output to xterm.js in batches (write-coalescer.ts), so
 * the window must hold more than one batch: at most ~2 MB is queued (about 100 ms of xterm.js
 * parsing at ~20 MB/s, so Ctrl-C still shows its prompt promptly), and the source resumes at half
 * of that, before the renderer runs dry. 2 MB rather than 1: a batch is half the window, and each
 * batch costs a drawn frame, so the larger window draws ~1.6 frames per MB of a flood instead of
 * ~2.4 (bench/terminal-vs-peer.ts).
 */
export const terminalFlow = {
  /** Pause the source when this many bytes are sent but not yet parsed by the emulator. */
  highWatermark: 2_097_152,
  /** Resume it when the unparsed bytes fall below this. */
  lowWatermark: 1_048_576,
  /**
   * The client acknowledges parsed bytes in steps of at least this size: a quarter of the
   * window, so a flood costs a few acknowledgements per window (each is a call with a reply that
   * the page sends, decodes and checks: at 64 KiB steps they were a visible share of the page's
   * CPU in bench/), and what is left unacknowledged can never hold the source paused (it is
   * below the low watermark).
   */
  ackEvery: 524_288,
} as const;
