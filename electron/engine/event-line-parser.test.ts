import { describe, expect, it } from 'vitest';
import { JsonLineSplitter, parseEngineEvent, parseEngineEventLine } from './event-line-parser.js';

describe('engine event parsing', () => {
  it('splits newline-delimited JSON across chunk boundaries', () => {
    const splitter = new JsonLineSplitter();
    const enc = new TextEncoder();
    expect(splitter.push(enc.encode('{"a":1}\n{"b"'))).toEqual(['{"a":1}']);
    expect(splitter.push(enc.encode(':2}\n'))).toEqual(['{"b":2}']);
  });

  it('reads type, action, id, name and time of a container event', () => {
    const line = JSON.stringify({
      Type: 'container',
      Action: 'die',
      Actor: { ID: 'abc', Attributes: { name: 'web', exitCode: '0' } },
      time: 1,
      timeNano: 1_700_000_000_000_000_000,
    });
    expect(parseEngineEvent(line)).toEqual({
      type: 'container',
      action: 'die',
      id: 'abc',
      name: 'web',
      timeNano: 1_700_000_000_000_000_000,
    });
  });

  it("keeps the actor's string attributes beside the event (a network event names its container)", () => {
    const line = JSON.stringify({
      Type: 'network',
      Action: 'connect',
      Actor: { ID: 'net1', Attributes: { container: 'c1', name: 'lab', type: 'bridge', odd: 3 } },
      timeNano: 5,
    });
    expect(parseEngineEventLine(line)).toEqual({
      event: { type: 'network', action: 'connect', id: 'net1', name: 'lab', timeNano: 5 },
      attributes: { container: 'c1', name: 'lab', type: 'bridge' },
    });
    expect(parseEngineEventLine('nope')).toBeUndefined();
  });

  it('ignores lines that are not events', () => {
    expect(parseEngineEvent('not json')).toBeUndefined();
    expect(parseEngineEvent('{"foo":1}')).toBeUndefined();
  });
});
