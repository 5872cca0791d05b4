import { z } from 'zod';

export const terminalOutputSchema = z.discriminatedUnion('kind', [
  /** Raw bytes from the TTY, never decoded on the way. */
  z.object({ kind: z.literal('data'), data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'Expected bytes') }),
  /** The process ended (exitCode) or the session was cut (reason says why). */
  z.object({ kind: z.literal('exit'), exitCode: z.number().int().nullable(), reason: z.string() }),
]);
export type TerminalOutput = z.infer<typeof terminalOutputSchema>;

/** Flow-control thresholds, shared so both ends agree (numbers from VS Code's terminal). */
export const terminalFlow = {
  /** Pause the source when this many bytes are sent but not yet rendered. */
  highWatermark: 100_000,
  /** Resume it when the unrendered bytes fall below this. */
  lowWatermark: 5_000,
  /** The client acknowledges rendered bytes in steps of this size. */
  ackEvery: 5_000,
} as const;
