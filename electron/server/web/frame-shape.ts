/**
 * Bounds on one client frame, checked on the raw MessagePack bytes BEFORE decoding: decoding
 * 4 MB of nested one-element arrays builds millions of objects (40 such frames took the server
 * to 2.3 GB and held every other client 11-15 s). This scan allocates nothing and reads each
 * header once.
 */
export interface FrameLimits {
  /** Containers (arrays, maps) inside each other; a real message nests about 6 deep. */
  readonly maxDepth: number;
  /** Values in the whole frame (every array element, map key and map value counts). */
  readonly maxItems: number;
}

export const clientFrameLimits: FrameLimits = { maxDepth: 32, maxItems: 100_000 };

export type FrameShape = { ok: true } | { ok: false; reason: string };

/** Bytes of a fixed-size value after its type byte, for the types that have no length field. */
function fixedPayload(type: number): number | undefined {
  switch (type) {
    case 0xc0: // nil
    case 0xc2: // false
    case 0xc3: // true
      return 0;
    case 0xcc: // uint 8
    case 0xd0: // int 8
      return 1;
    case 0xcd:
    case 0xd1:
      return 2;
    case 0xca: // float 32
    case 0xce:
    case 0xd2:
      return 4;
    case 0xcb: // float 64
    case 0xcf:
    case 0xd3:
      return 8;
    case 0xd4: // fixext 1..16: one type byte, then the data
      return 2;
    case 0xd5:
      return 3;
    case 0xd6:
      return 5;
    case 0xd7:
      return 9;
    case 0xd8:
      return 17;
    default:
      return undefined;
  }
}

/** Width of the length field of a variable-size type, and whether the length counts children. */
function lengthField(type: number): { bytes: 1 | 2 | 4; kind: 'skip' | 'ext' | 'array' | 'map' } | undefined {
  switch (type) {
    case 0xc4: // bin 8
    case 0xd9: // str 8
      return { bytes: 1, kind: 'skip' };
    case 0xc5:
    case 0xda:
      return { bytes: 2, kind: 'skip' };
    case 0xc6:
    case 0xdb:
      return { bytes: 4, kind: 'skip' };
    case 0xc7: // ext 8/16/32: the length excludes the type byte
      return { bytes: 1, kind: 'ext' };
    case 0xc8:
      return { bytes: 2, kind: 'ext' };
    case 0xc9:
      return { bytes: 4, kind: 'ext' };
    case 0xdc:
      return { bytes: 2, kind: 'array' };
    case 0xdd:
      return { bytes: 4, kind: 'array' };
    case 0xde:
      return { bytes: 2, kind: 'map' };
    case 0xdf:
      return { bytes: 4, kind: 'map' };
    default:
      return undefined;
  }
}

function readLength(bytes: Uint8Array, at: number, width: 1 | 2 | 4): number {
  if (width === 1) return bytes[at] ?? 0;
  if (width === 2) return ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
  return (bytes[at] ?? 0) * 0x1000000 + (((bytes[at + 1] ?? 0) << 16) | ((bytes[at + 2] ?? 0) << 8) | (bytes[at + 3] ?? 0));
}

/** Walks the first MessagePack value of `bytes` and says whether it stays within `limits`. */
export function checkFrameShape(bytes: Uint8Array, limits: FrameLimits = clientFrameLimits): FrameShape {
  const truncated: FrameShape = { ok: false, reason: 'the frame ends inside a value' };
  /** Children still expected by each open array or map, outermost first. */
  const pending: number[] = [];
  let pos = 0;
  let items = 0;
  do {
    if (pos >= bytes.length) return truncated;
    const type = bytes[pos] ?? 0;
    pos += 1;
    items += 1;
    if (items > limits.maxItems) return { ok: false, reason: `more than ${limits.maxItems} values in one frame` };
    let children = 0;
    if (type <= 0x7f || type >= 0xe0) {
      // positive or negative fixint
    } else if (type <= 0x8f) {
      children = (type & 0x0f) * 2;
    } else if (type <= 0x9f) {
      children = type & 0x0f;
    } else if (type <= 0xbf) {
      pos += type & 0x1f; // fixstr
    } else {
      const fixed = fixedPayload(type);
      const field = fixed === undefined ? lengthField(type) : undefined;
      if (fixed !== undefined) {
        pos += fixed;
      } else if (field !== undefined) {
        if (pos + field.bytes > bytes.length) return truncated;
        const length = readLength(bytes, pos, field.bytes);
        pos += field.bytes;
        if (field.kind === 'skip') pos += length;
        else if (field.kind === 'ext') pos += length + 1;
        else children = field.kind === 'map' ? length * 2 : length;
      } else {
        return { ok: false, reason: `byte 0x${type.toString(16)} at offset ${pos - 1} starts no MessagePack value` };
      }
    }
    if (pos > bytes.length) return truncated;
    if (children > 0) {
      // Every child takes at least one byte, so a count beyond the rest of the frame is a lie.
      if (children > bytes.length - pos) return truncated;
      pending.push(children);
      if (pending.length > limits.maxDepth) return { ok: false, reason: `values nested more than ${limits.maxDepth} deep` };
      continue;
    }
    // A complete value: it finishes its parent's count, which may finish the parent, and so on.
    while (pending.length > 0) {
      const last = pending.length - 1;
      const left = (pending[last] ?? 1) - 1;
      if (left > 0) {
        pending[last] = left;
        break;
      }
      pending.pop();
    }
  } while (pending.length > 0);
  return { ok: true };
}
