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
      exitCode: 0,
    });
  });

  it('carries what a timeline shows: exit code, image, signal, the container of a mount, the image a commit made', () => {
    const event = (Action: string, Attributes: Record<string, string>) =>
      parseEngineEvent(JSON.stringify({ Type: 'container', Action, Actor: { ID: 'c1', Attributes }, timeNano: 1 }));
    expect(event('die', { exitCode: '137', image: 'busybox', name: 'web' })).toMatchObject({ exitCode: 137, image: 'busybox' });
    expect(event('die', { exitCode: 'x' })).not.toHaveProperty('exitCode');
    expect(event('kill', { signal: '9' })).toMatchObject({ signal: '9' });
    expect(event('commit', { imageID: 'sha256:new', imageRef: 'mine:1', image: 'busybox' })).toMatchObject({
      imageId: 'sha256:new',
      imageRef: 'mine:1',
      image: 'busybox',
    });
    expect(event('commit', { imageID: 'sha256:new', imageRef: '' })).not.toHaveProperty('imageRef');
    const mount = parseEngineEvent(
      JSON.stringify({
        Type: 'volume',
        Action: 'mount',
        Actor: { ID: 'data', Attributes: { container: 'c9', destination: '/d' } },
        timeNano: 2,
      }),
    );
    expect(mount).toEqual({ type: 'volume', action: 'mount', id: 'data', timeNano: 2, container: 'c9' });
  });

  it("keeps the actor's string attributes beside the event (a network event names its container)", () => {
    const line = JSON.stringify({
      Type: 'network',
      Action: 'connect',
      Actor: { ID: 'net1', Attributes: { container: 'c1', name: 'lab', type: 'bridge', odd: 3 } },
      timeNano: 5,
    });
    expect(parseEngineEventLine(line)).toEqual({
      event: { type: 'network', action: 'connect', id: 'net1', name: 'lab', timeNano: 5, container: 'c1' },
      attributes: { container: 'c1', name: 'lab', type: 'bridge' },
    });
    expect(parseEngineEventLine('nope')).toBeUndefined();
  });

  it('ignores lines that are not events', () => {
    expect(parseEngineEvent('not json')).toBeUndefined();
    expect(parseEngineEvent('{"foo":1}')).toBeUndefined();
  });
});
