import { describe, expect, it } from 'vitest';
import { terminalFlow } from '../../../shared/terminal-types.js';
import { AckCounter } from './ack-counter.js';

describe('AckCounter', () => {
  it('acknowledges in steps of ackEvery, carrying the remainder', () => {
    const acks: number[] = [];
    const counter = new AckCounter(terminalFlow.ackEvery, (b) => acks.push(b));
    counter.rendered(3000);
    expect(acks).toEqual([]);
    counter.rendered(3000);
    expect(acks).toEqual([6000]);
    expect(counter.pending).toBe(0);
    counter.rendered(4999);
    expect(acks).toEqual([6000]);
    counter.rendered(1);
    expect(acks).toEqual([6000, 5000]);
    expect(counter.renderedTotal).toBe(11_000);
  });

  it('acknowledges one big chunk at once', () => {
    const acks: number[] = [];
    const counter = new AckCounter(5000, (b) => acks.push(b));
    counter.rendered(65_536);
    expect(acks).toEqual([65_536]);
  });
});
