import { encode } from '@msgpack/msgpack';
import { describe, expect, it } from 'vitest';
import { checkFrameShape, clientFrameLimits } from './frame-shape.js';

/** `depth` arrays of one element each around a 0, as raw MessagePack. */
function nested(depth: number): Uint8Array {
  const bytes = new Uint8Array(depth + 1).fill(0x91);
  bytes[depth] = 0x00;
  return bytes;
}

describe('checkFrameShape', () => {
  it.each([
    ['a call', { t: 'call', id: 1, name: 'containers.list', input: {} }],
    [
      'an upload chunk',
      { t: 'call', id: 2, name: 'files.uploadChunk', input: { uploadId: 'abcdefgh', data: new Uint8Array(1024 * 1024) } },
    ],
    [
      'every scalar type',
      [
        null,
        true,
        false,
        0,
        127,
        -1,
        -32,
        255,
        -128,
        65535,
        -32768,
        2 ** 32 - 1,
        -(2 ** 31),
        2 ** 40,
        -(2 ** 40),
        1.5,
        'é',
        'x'.repeat(40),
        'y'.repeat(300),
        'z'.repeat(70_000),
        new Uint8Array(300),
        new Uint8Array(70_000),
        new Date(0),
        new Date(1.5e12),
        new Date(2 ** 40 * 1000),
      ],
    ],
    ['a map16', Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`k${i}`, i]))],
    ['an array16 and an array32', [Array.from({ length: 300 }, (_, i) => i), Array.from({ length: 70_000 }, () => 0)]],
    ['32 levels', JSON.parse('['.repeat(31) + '{"a":1}' + ']'.repeat(31)) as unknown],
  ])('accepts %s', (_label, value) => {
    expect(checkFrameShape(encode(value))).toEqual({ ok: true });
  });

  it('refuses nesting beyond the limit, however little the frame carries', () => {
    expect(checkFrameShape(nested(clientFrameLimits.maxDepth))).toEqual({ ok: true });
    expect(checkFrameShape(nested(clientFrameLimits.maxDepth + 1))).toEqual({ ok: false, reason: 'values nested more than 32 deep' });
    expect(checkFrameShape(nested(4 * 1024 * 1024))).toMatchObject({ ok: false, reason: expect.stringContaining('nested') });
    // Maps count as containers too.
    expect(checkFrameShape(encode(JSON.parse('{"a":'.repeat(33) + '1' + '}'.repeat(33))))).toMatchObject({ ok: false });
  });

  it('refuses more values than the limit in one frame', () => {
    expect(checkFrameShape(encode(new Array(clientFrameLimits.maxItems - 1).fill(0)))).toEqual({ ok: true });
    expect(checkFrameShape(encode(new Array(clientFrameLimits.maxItems).fill(0)))).toEqual({
      ok: false,
      reason: 'more than 100000 values in one frame',
    });
  });

  it('refuses frames that end inside a value or claim more than they carry', () => {
    const whole = encode({ t: 'call', id: 1, name: 'containers.list', input: { s: 'x'.repeat(300) } });
    for (let cut = 0; cut < whole.length; cut += 7) expect(checkFrameShape(whole.subarray(0, cut))).toMatchObject({ ok: false });
    expect(checkFrameShape(new Uint8Array([0xdd, 0xff, 0xff, 0xff, 0xff, 0x00]))).toMatchObject({
      ok: false,
      reason: 'the frame ends inside a value',
    });
    expect(checkFrameShape(new Uint8Array([0xdf, 0x7f, 0xff, 0xff, 0xff]))).toMatchObject({ ok: false });
    expect(checkFrameShape(new Uint8Array([0xc6, 0xff, 0xff, 0xff, 0xff]))).toMatchObject({ ok: false });
  });

  it('refuses 0xc1, which starts no value', () => {
    expect(checkFrameShape(new Uint8Array([0x91, 0xc1]))).toMatchObject({ ok: false, reason: expect.stringContaining('0xc1') });
  });
});
