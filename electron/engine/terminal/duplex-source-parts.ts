import type { Duplex } from 'node:stream';

/** A Buffer's bytes as a plain Uint8Array view (no copy). */
export function toBytes(chunk: Buffer): Uint8Array {
  return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Calls `listener` once, whichever of end, close or error comes first on a hijacked stream. */
export function onceStreamEnds(stream: Duplex, listener: () => void): void {
  let called = false;
  const once = (): void => {
    if (!called) {
      called = true;
      listener();
    }
  };
  stream.on('end', once).on('close', once).on('error', once);
}
