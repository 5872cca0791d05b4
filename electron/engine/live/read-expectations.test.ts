import { describe, expect, it } from 'vitest';
import { ReadExpectations } from './read-expectations.js';

describe('ReadExpectations', () => {
  it('applies answers about keys nothing is expected of', () => {
    expect(new ReadExpectations<string>().settle('a', 'x')).toBe('apply');
  });

  it('asks for another read while the answer contradicts the event, then applies the one that agrees', () => {
    const e = new ReadExpectations<string>([10, 20]);
    e.expect('a', (v) => v === 'exited');
    expect(e.settle('a', 'running')).toEqual({ retryInMs: 10 });
    expect(e.settle('a', 'running')).toEqual({ retryInMs: 20 });
    expect(e.settle('a', 'exited')).toBe('apply');
    // Settled: later answers apply as they come.
    expect(e.settle('a', 'running')).toBe('apply');
  });

  it('takes the answer as it is once the retries are used up', () => {
    const e = new ReadExpectations<string>([10]);
    e.expect('a', () => false);
    expect(e.settle('a', 'x')).toEqual({ retryInMs: 10 });
    expect(e.settle('a', 'x')).toBe('apply');
  });

  it('a later event replaces the expectation (and its count); forget and clear drop it', () => {
    const e = new ReadExpectations<string>([10, 20]);
    e.expect('a', (v) => v === 'running');
    expect(e.settle('a', 'created')).toEqual({ retryInMs: 10 });
    e.expect('a', (v) => v === 'exited');
    expect(e.settle('a', 'running')).toEqual({ retryInMs: 10 });
    e.forget('a');
    expect(e.settle('a', 'running')).toBe('apply');
    e.expect('b', () => false);
    e.clear();
    expect(e.settle('b', 'x')).toBe('apply');
  });
});
