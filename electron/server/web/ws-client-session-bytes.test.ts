import { Decoder, Encoder } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../../shared/wire.js';
import { encodeBytesEvent } from './ws-client-session-bytes.js';

const encoder = new Encoder({ ignoreUndefined: true });
/** Decoded from a plain Uint8Array view, so byte arrays come back as Uint8Array (from a Buffer they come back as Buffer). */
const decode = (frame: Uint8Array): unknown => new Decoder().decode(new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength));
const bytes = (length: number): Uint8Array => Uint8Array.from({ length }, (_, i) => (i * 7) & 0xff);

describe('encodeBytesEvent', () => {
  it("writes a terminal's output byte for byte as the general encoder does, for every id and length form", () => {
    for (const id of [0, 1, 127, 128, 255, 256, 65_535, 65_536, 0xffff_ffff]) {
      for (const length of [0, 1, 255, 256, 65_535, 65_536, 300_000]) {
        const message: ServerMessage = { t: 'data', id, msg: { kind: 'data', data: bytes(length) } };
        const frame = encodeBytesEvent(message);
        expect(frame, `id ${id}, ${length} bytes`).toBeDefined();
        expect(Buffer.from(frame!).equals(Buffer.from(encoder.encode(message))), `id ${id}, ${length} bytes`).toBe(true);
      }
    }
    const small: ServerMessage = { t: 'data', id: 300, msg: { kind: 'data', data: bytes(300) } };
    expect(decode(encodeBytesEvent(small)!)).toEqual(small);
  });

  it('copies the bytes: changing the source afterwards leaves the frame as it was', () => {
    const data = bytes(1000);
    const frame = encodeBytesEvent({ t: 'data', id: 3, msg: { kind: 'data', data } })!;
    data.fill(0);
    expect(decode(frame)).toEqual({ t: 'data', id: 3, msg: { kind: 'data', data: bytes(1000) } });
  });

  it('leaves every other message to the general encoder', () => {
    const others: ServerMessage[] = [
      { t: 'data', id: 1, msg: { kind: 'exit', exitCode: 0, reason: 'exited' } },
      { t: 'data', id: 1, msg: { kind: 'data', data: 'text' } },
      { t: 'data', id: 1, msg: { kind: 'data', data: bytes(3), more: true } },
      { t: 'data', id: 1, msg: { kind: 'chunk', data: bytes(3) } },
      { t: 'data', id: 1, msg: bytes(3) },
      { t: 'data', id: 1, msg: null },
      { t: 'data', id: -1, msg: { kind: 'data', data: bytes(3) } },
      { t: 'data', id: 1.5, msg: { kind: 'data', data: bytes(3) } },
      { t: 'data', id: 2 ** 32, msg: { kind: 'data', data: bytes(3) } },
      { t: 'end', id: 1 },
      { t: 'result', id: 1, ok: true, value: { kind: 'data', data: bytes(3) } },
    ];
    for (const message of others) expect(encodeBytesEvent(message), JSON.stringify(message)).toBeUndefined();
  });
});
