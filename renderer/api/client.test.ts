import { describe, expect, it } from 'vitest';
import { BerthClient } from './client.js';
import type { StreamHandlers, Transport } from './transport.js';
import type { BerthError } from '../../shared/errors.js';

/** A transport that hands the test the stream's handlers and records unsubscribes. */
function fakeTransport(): { transport: Transport; handlers: () => StreamHandlers; unsubscribed: () => number } {
  let current: StreamHandlers | undefined;
  let unsubscribes = 0;
  const transport = {
    kind: 'ws',
    call: () => Promise.reject(new Error('not used')),
    subscribe: (_name: string, _input: unknown, handlers: StreamHandlers) => {
      current = handlers;
      return () => {
        unsubscribes += 1;
      };
    },
  } as unknown as Transport;
  return {
    transport,
    handlers: () => {
      if (!current) throw new Error('nothing subscribed');
      return current;
    },
    unsubscribed: () => unsubscribes,
  };
}

describe('BerthClient.subscribe', () => {
  it('passes messages that match the contract', () => {
    const fake = fakeTransport();
    const seen: unknown[] = [];
    new BerthClient(fake.transport).subscribe('containers.watch', {}, { onMessage: (m) => seen.push(m) });
    fake.handlers().onMessage({ t: 'patch', upsert: [], remove: ['abc'] });
    expect(seen).toEqual([{ t: 'patch', upsert: [], remove: ['abc'] }]);
  });

  it('ends the stream with the reason when a message does not match the contract, instead of skipping it', () => {
    const fake = fakeTransport();
    const seen: unknown[] = [];
    const ends: Array<BerthError | undefined> = [];
    new BerthClient(fake.transport).subscribe('containers.watch', {}, { onMessage: (m) => seen.push(m), onEnd: (e) => ends.push(e) });
    fake.handlers().onMessage({ t: 'patch', upsert: [{ id: 42 }], remove: [] });
    fake.handlers().onMessage({ t: 'patch', upsert: [], remove: ['later'] });
    expect(seen).toEqual([]);
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('containers.watch did not match the contract') });
    expect(fake.unsubscribed()).toBe(1);
  });
});
