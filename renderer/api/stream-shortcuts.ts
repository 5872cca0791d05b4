import type { StreamMessage, StreamName } from '../../shared/contract.js';

/** True only for a value the stream's schema accepts unchanged. */
type Shortcut<K extends StreamName> = (raw: unknown) => raw is StreamMessage<K>;

/** `{ kind: 'data', data: <bytes> }` and nothing else: a terminal's output as terminalOutputSchema reads it. */
function isTerminalBytes(raw: unknown): raw is StreamMessage<'terminal.output'> {
  if (typeof raw !== 'object' || raw === null) return false;
  const message = raw as { kind?: unknown; data?: unknown };
  return message.kind === 'data' && message.data instanceof Uint8Array && Object.keys(raw).length === 2;
}

/**
 * Checks the client runs before the stream's zod schema, for messages that come by the hundred a
 * second and whose shape is one test: a terminal's output bytes (zod's discriminated union was a
 * visible share of the page's CPU per MB in a flood, see bench/). A message that passes is exactly
 * what the schema would return; one that does not goes through the schema like any other message.
 */
export const streamShortcuts: { readonly [K in StreamName]?: Shortcut<K> } = {
  'terminal.output': isTerminalBytes,
};
