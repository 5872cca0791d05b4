import type { ServerMessage } from '../../../shared/wire.js';

/** A stream message that is one byte array: `{ kind: 'data', data }` (a terminal's output). */
type BytesEvent = { t: 'data'; id: number; msg: { kind: 'data'; data: Uint8Array } };

function isBytesEvent(message: ServerMessage): message is BytesEvent {
  if (message.t !== 'data' || !Number.isInteger(message.id) || message.id < 0 || message.id > 0xffff_ffff) return false;
  const msg = message.msg;
  if (typeof msg !== 'object' || msg === null) return false;
  const { kind, data } = msg as { kind?: unknown; data?: unknown };
  return kind === 'data' && data instanceof Uint8Array && Object.keys(msg).length === 2 && Object.keys(message).length === 3;
}

const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
/** fixmap(3) "t" "data" "id" */
const head = Uint8Array.from([0x83, 0xa1, ...ascii('t'), 0xa4, ...ascii('data'), 0xa2, ...ascii('id')]);
/** "msg" fixmap(2) "kind" "data" "data" */
const middle = Uint8Array.from([0xa3, ...ascii('msg'), 0x82, 0xa4, ...ascii('kind'), 0xa4, ...ascii('data'), 0xa4, ...ascii('data')]);

/** MessagePack's shortest form of a non-negative integer up to 2^32 - 1, as @msgpack/msgpack writes it. */
function uintBytes(value: number): number[] {
  if (value < 0x80) return [value];
  if (value < 0x100) return [0xcc, value];
  if (value < 0x1_0000) return [0xcd, value >> 8, value & 0xff];
  return [0xce, (value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

/** The bin header for `length` bytes (bin 8, 16 or 32). */
function binHeader(length: number): number[] {
  if (length < 0x100) return [0xc4, length];
  if (length < 0x1_0000) return [0xc5, length >> 8, length & 0xff];
  return [0xc6, (length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff];
}

/**
 * A byte-array stream message (a terminal's output) as MessagePack, written straight into one
 * buffer of its exact size: the bytes are copied once. The general encoder copies them twice (into
 * its own buffer, then out of it, so a frame still queued in the socket is not overwritten) and
 * walks the message. The frame is byte for byte what the encoder makes of the same message.
 * Undefined for any other message: it takes the general path.
 */
export function encodeBytesEvent(message: ServerMessage): Uint8Array | undefined {
  if (!isBytesEvent(message)) return undefined;
  const data = message.msg.data;
  const id = uintBytes(message.id);
  const bin = binHeader(data.byteLength);
  const frame = Buffer.allocUnsafe(head.length + id.length + middle.length + bin.length + data.byteLength);
  let at = 0;
  frame.set(head, at);
  at += head.length;
  frame.set(id, at);
  at += id.length;
  frame.set(middle, at);
  at += middle.length;
  frame.set(bin, at);
  at += bin.length;
  frame.set(data, at);
  return frame;
}
