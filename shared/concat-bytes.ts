/** The chunks' bytes one after another in a new array (`size`: their total, when the caller kept it). */
export function concatBytes(chunks: readonly Uint8Array[], size = chunks.reduce((sum, c) => sum + c.byteLength, 0)): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
