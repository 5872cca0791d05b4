import { describe, expect, it } from 'vitest';
import { LogFrameDemuxer } from './log-frame-demuxer.js';

function frame(stream: 1 | 2, text: string): Uint8Array {
  const payload = new TextEncoder().encode(text);
  const out = new Uint8Array(8 + payload.byteLength);
  out[0] = stream;
  new DataView(out.buffer).setUint32(4, payload.byteLength);
  out.set(payload, 8);
  return out;
}

const text = (d: Uint8Array): string => new TextDecoder().decode(d);

describe('LogFrameDemuxer', () => {
  it('tells stdout from stderr', () => {
    const demux = new LogFrameDemuxer();
    const both = new Uint8Array([...frame(1, 'out\n'), ...frame(2, 'err\n')]);
    expect(demux.push(both).map((c) => [c.stream, text(c.data)])).toEqual([
      ['stdout', 'out\n'],
      ['stderr', 'err\n'],
    ]);
  });

  it('handles frames and headers cut at every byte', () => {
    const all = new Uint8Array([...frame(1, 'hello '), ...frame(1, 'world'), ...frame(2, '!')]);
    const demux = new LogFrameDemuxer();
    const got: string[] = [];
    for (let i = 0; i < all.byteLength; i++) {
      for (const c of demux.push(all.subarray(i, i + 1))) got.push(`${c.stream}:${text(c.data)}`);
    }
    expect(got.join('|').replace(/\|stdout:/g, '')).toBe('stdout:hello world|stderr:!');
  });

  it('does not eat bytes that look like a header inside a payload', () => {
    const tricky = frame(1, '\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0005abc');
    const chunks = new LogFrameDemuxer().push(tricky);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.data.byteLength).toBe(11);
  });
});
