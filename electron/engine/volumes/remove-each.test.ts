import { describe, expect, it } from 'vitest';
import { BerthError } from '../../../shared/errors.js';
import type { VolumeRemoval } from '../../../shared/volume-types.js';
import { removeEach } from './remove-each.js';

const engineError = (statusCode: number, message: string): Error =>
  Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode, json: { message } });
const socketError = (code: string, message: string): Error => Object.assign(new Error(message), { code });

/** A fake remover: each name's fate, in the order they are tried. */
function fakeRemover(fates: Record<string, 'ok' | Error>) {
  const tried: string[] = [];
  let connected = true;
  return {
    tried,
    disconnect: () => void (connected = false),
    stillConnected: () => connected,
    attempt: (name: string): Promise<VolumeRemoval> => {
      tried.push(name);
      const fate = fates[name];
      return fate === undefined || fate === 'ok' ? Promise.resolve({ name, removed: true }) : Promise.reject(fate);
    },
  };
}

describe('removing volumes one by one', () => {
  it('reports each outcome; an engine refusal does not stop the rest', async () => {
    const fake = fakeRemover({ b: engineError(409, 'remove b: volume is in use - [c1]'), c: engineError(404, 'get c: no such volume') });
    const results = await removeEach(['a', 'b', 'a', 'c', 'd'], fake.attempt, fake.stillConnected);
    expect(results).toEqual([
      { name: 'a', removed: true },
      { name: 'b', removed: false, reason: 'refused', code: 'CONFLICT', error: 'remove b: volume is in use - [c1]' },
      { name: 'c', removed: false, reason: 'refused', code: 'NOT_FOUND', error: 'get c: no such volume' },
      { name: 'd', removed: true },
    ]);
    expect(fake.tried).toEqual(['a', 'b', 'c', 'd']);
  });

  it('keeps what was removed when the connection drops midway, and marks the rest not attempted with the reason', async () => {
    const fake = fakeRemover({ c: socketError('ECONNRESET', 'socket hang up') });
    const results = await removeEach(['a', 'b', 'c', 'd', 'e'], fake.attempt, fake.stillConnected);
    expect(results.slice(0, 2)).toEqual([
      { name: 'a', removed: true },
      { name: 'b', removed: true },
    ]);
    expect(results[2]).toMatchObject({
      name: 'c',
      removed: false,
      reason: 'failed',
      code: 'ENGINE_UNAVAILABLE',
      error: expect.stringMatching(/may or may not be gone.*|socket hang up/),
    });
    expect(results.slice(3)).toEqual(
      ['d', 'e'].map((name) => ({
        name,
        removed: false,
        reason: 'not-attempted',
        code: 'ENGINE_UNAVAILABLE',
        error: 'Not attempted: the connection to the engine was lost first (socket hang up).',
      })),
    );
    expect(fake.tried).toEqual(['a', 'b', 'c']);
  });

  it('stops at a remote engine whose network went away, instead of trying every remaining volume', async () => {
    const fake = fakeRemover({ a: socketError('ENETUNREACH', 'connect ENETUNREACH 10.0.0.5:2375') });
    const results = await removeEach(['a', 'b'], fake.attempt, fake.stillConnected);
    expect(results.map((r) => (r.removed ? 'removed' : r.reason))).toEqual(['failed', 'not-attempted']);
    expect(fake.tried).toEqual(['a']);
  });

  it('calls it not attempted when Berth already knew the engine was gone, and stops when the connection reports lost', async () => {
    const unavailable = new BerthError({
      code: 'ENGINE_UNAVAILABLE',
      message: 'Docker Engine unavailable: connect ENOENT /var/run/docker.sock',
    });
    const first = await removeEach(['a', 'b'], fakeRemover({ a: unavailable }).attempt, () => false);
    expect(first.map((r) => (r.removed ? 'removed' : r.reason))).toEqual(['not-attempted', 'not-attempted']);
    expect(first[0]).toMatchObject({ error: expect.stringContaining('connect ENOENT') });

    // An error the mapping does not call "unavailable", but the connection says it was lost.
    const fake = fakeRemover({ b: engineError(500, 'driver went away') });
    const results = await removeEach(
      ['a', 'b', 'c'],
      async (name) => {
        if (name === 'b') fake.disconnect();
        return fake.attempt(name);
      },
      fake.stillConnected,
    );
    expect(results.map((r) => (r.removed ? 'removed' : r.reason))).toEqual(['removed', 'failed', 'not-attempted']);
  });
});
