/** At most this many characters of a client's value are quoted back in an error message. */
export const maxEchoChars = 80;

/**
 * A client's value as it may appear in an error message: strings quoted and cut to `maxEchoChars`
 * (with the full length said), anything else only named by its type. An error reply must never be
 * as large as the request that caused it (a 4 MB call name used to come back whole).
 */
export function echoForError(value: unknown): string {
  if (typeof value === 'string') {
    if (value.length <= maxEchoChars) return JSON.stringify(value);
    return `${JSON.stringify(value.slice(0, maxEchoChars))}… (${value.length} characters)`;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a value of type ${typeof value}`;
}

/** Cuts a message built from client input (e.g. a validation message naming an unknown key) to a bounded size. */
export function boundedMessage(message: string, max = 500): string {
  return message.length <= max ? message : `${message.slice(0, max)}… (${message.length} characters)`;
}
