import { describe, expect, it } from 'vitest';
import { parsePeerFrame, peerFrame } from './peer-terminal-protocol.js';

describe('the peer terminal wire', () => {
  it('reads back what the page writes', () => {
    expect(parsePeerFrame(peerFrame.input('ls -l\r'))).toEqual({ kind: 'input', data: 'ls -l\r' });
    expect(parsePeerFrame(peerFrame.input(''))).toEqual({ kind: 'input', data: '' });
    expect(parsePeerFrame(peerFrame.resize(148, 13))).toEqual({ kind: 'resize', cols: 148, rows: 13 });
    expect(parsePeerFrame(peerFrame.ack(65536))).toEqual({ kind: 'ack', bytes: 65536 });
    expect(parsePeerFrame(peerFrame.ack(0))).toEqual({ kind: 'ack', bytes: 0 });
  });

  it('keeps input verbatim, digits and commas included', () => {
    expect(parsePeerFrame('012,34')).toEqual({ kind: 'input', data: '12,34' });
  });

  it('refuses malformed sizes and counts with a reason', () => {
    for (const frame of ['1', '180', '180,', '1,24', '180,24,1', '1-5,24', '11e3,24', '1 80,24', '1000001,24', '11,24', '180,0', '180,501'])
      expect(parsePeerFrame(frame)).toMatchObject({ kind: 'invalid', reason: expect.stringMatching(/resize|out of range/) });
    for (const frame of ['2', '2-1', '21.5', '2 12', '2012', '2abc', `2${2 ** 30 + 1}`])
      expect(parsePeerFrame(frame)).toMatchObject({ kind: 'invalid', reason: expect.stringContaining('acknowledgement') });
  });

  it('refuses unknown and empty frames', () => {
    expect(parsePeerFrame('')).toMatchObject({ kind: 'invalid', reason: 'Unknown frame type ""' });
    expect(parsePeerFrame('9x')).toMatchObject({ kind: 'invalid', reason: 'Unknown frame type "9"' });
  });
});
