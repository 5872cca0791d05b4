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

describe('BerthClient.subscribe, terminal output', () => {
  it('hands a terminal output chunk over as it came (the shortcut: no zod parse, no copy)', () => {
    const fake = fakeTransport();
    const seen: unknown[] = [];
    new BerthClient(fake.transport).subscribe('terminal.output', { sessionId: 'term-1' }, { onMessage: (m) => seen.push(m) });
    const chunk = { kind: 'data', data: new Uint8Array([104, 105]) };
    fake.handlers().onMessage(chunk);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBe(chunk);
  });

  it('still checks every other terminal message against the contract', () => {
    const fake = fakeTransport();
    const seen: unknown[] = [];
    const ends: Array<BerthError | undefined> = [];
    new BerthClient(fake.transport).subscribe(
      'terminal.output',
      { sessionId: 'term-1' },
      { onMessage: (m) => seen.push(m), onEnd: (e) => ends.push(e) },
    );
    const exit = { kind: 'exit', exitCode: 0, reason: 'exited', cause: 'exited' };
    fake.handlers().onMessage(exit);
    // Extra fields are not for the shortcut: the schema reads them (and drops them).
    fake.handlers().onMessage({ kind: 'data', data: new Uint8Array([1]), extra: true });
    expect(seen).toEqual([exit, { kind: 'data', data: new Uint8Array([1]) }]);
    expect(seen[0]).not.toBe(exit);
    fake.handlers().onMessage({ kind: 'data', data: 'text, not bytes' });
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ code: 'INTERNAL', message: expect.stringContaining('terminal.output did not match the contract') });
  });
});
