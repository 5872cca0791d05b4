import { describe, expect, it } from 'vitest';
import type { LogBatch } from '../../../shared/container-detail-types.js';
import type { EngineEvent } from '../../../shared/engine-types.js';
import type { EngineEventListener } from '../engine-events/engine-event-hub.js';
import { followAcrossRestarts, type OpenLogStream } from './log-follow.js';

const id = 'abc123';

function harness() {
  const opened: Array<{ since: number | undefined; end(error?: Error): void; send(text: string): void; closed: boolean }> = [];
  const listeners = new Set<EngineEventListener>();
  const log: string[] = [];
  const open: OpenLogStream = (since, handlers) => {
    const stream = {
      since,
      closed: false,
      end: (error?: Error) => handlers.onEnd(error),
      send: (text: string) =>
        handlers.onMessage({ flow: `f${opened.length}`, chunks: [{ stream: 'stdout', data: new TextEncoder().encode(text) }] } as LogBatch),
    };
    opened.push(stream);
    return () => {
      stream.closed = true;
    };
  };
  const events = {
    on: (_types: readonly string[], listener: EngineEventListener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const emit = (event: Partial<EngineEvent>) => {
    for (const l of listeners) l({ type: 'container', action: 'start', id: `${id}full`, timeNano: 1_700_000_005_900_000_000, ...event });
  };
  const close = followAcrossRestarts({
    containerId: id,
    open,
    events,
    handlers: {
      onMessage: (b) => log.push(new TextDecoder().decode(b.chunks[0]!.data)),
      onStreamEnd: (e, reattaching) => log.push(`end${reattaching ? '+reattach' : ''}${e ? `:${e.message}` : ''}`),
      onRestart: () => log.push('restart'),
    },
  });
  return { opened, listeners, log, emit, close };
}

describe('followAcrossRestarts', () => {
  it('reopens the stream from the second the container started again, keeping order', () => {
    const h = harness();
    expect(h.opened).toHaveLength(1);
    expect(h.opened[0]!.since).toBeUndefined();
    h.opened[0]!.send('first run');
    h.opened[0]!.end();
    h.emit({});
    expect(h.opened).toHaveLength(2);
    expect(h.opened[1]!.since).toBe(1_700_000_005);
    h.opened[1]!.send('second run');
    expect(h.log).toEqual(['first run', 'end', 'restart', 'second run']);
  });

  it('waits for the old stream to end when the start comes first', () => {
    const h = harness();
    h.emit({});
    expect(h.opened).toHaveLength(1);
    h.opened[0]!.send('last words');
    h.opened[0]!.end();
    expect(h.opened).toHaveLength(2);
    expect(h.log).toEqual(['last words', 'end+reattach', 'restart']);
  });

  it('ignores other containers, other actions and everything after closing', () => {
    const h = harness();
    h.opened[0]!.end(new Error('gone'));
    h.emit({ id: 'other' });
    h.emit({ action: 'die' });
    h.emit({ type: 'image' });
    expect(h.opened).toHaveLength(1);
    h.close();
    expect(h.listeners.size).toBe(0);
    expect(h.log).toEqual(['end:gone']);
  });

  it('closes the open stream when closed', () => {
    const h = harness();
    h.close();
    expect(h.opened[0]!.closed).toBe(true);
    h.opened[0]!.send('late');
    expect(h.log).toEqual([]);
  });
});
