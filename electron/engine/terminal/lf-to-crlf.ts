/**
 * Output of a process without a TTY ends lines with a bare LF; a terminal needs CR LF or the text
 * staircases. Converts across chunk boundaries without doubling an existing CR LF.
 */
export class LfToCrlf {
  /** Whether the last byte of the previous chunk was a CR. */
  private carriedCr = false;

  convert(input: Uint8Array): Uint8Array {
    let extra = 0;
    let prevCr = this.carriedCr;
    for (const byte of input) {
      if (byte === 0x0a && !prevCr) extra++;
      prevCr = byte === 0x0d;
    }
    const startCr = this.carriedCr;
    this.carriedCr = prevCr;
    if (extra === 0) return input;
    const out = new Uint8Array(input.byteLength + extra);
    let j = 0;
    prevCr = startCr;
    for (const byte of input) {
      if (byte === 0x0a && !prevCr) out[j++] = 0x0d;
      out[j++] = byte;
      prevCr = byte === 0x0d;
    }
    return out;
  }
}
