import { describe, expect, it } from 'vitest';
import { AckCounter } from './ack-counter.js';

const microtasks = (): Promise<void> => Promise.resolve();

describe('AckCounter', () => {
  it('acknowledges once a step is reached, carrying nothing over', async () => {
    const acks: number[] = [];
    const counter = new AckCounter(5000, (b) => acks.push(b));
    counter.rendered(3000);
    await microtasks();
    expect(acks).toEqual([]);
    expect(counter.pending).toBe(3000);
    counter.rendered(3000);
    await microtasks();
    expect(acks).toEqual([6000]);
    expect(counter.pending).toBe(0);
    counter.rendered(4999);
    await microtasks();
    expect(acks).toEqual([6000]);
    counter.rendered(1);
    await microtasks();
    expect(acks).toEqual([6000, 5000]);
    expect(counter.renderedTotal).toBe(11_000);
  });

  it('sends one acknowledgement for the callbacks of one parsed batch', async () => {
    const acks: number[] = [];
    const counter = new AckCounter(5000, (b) => acks.push(b));
    for (let i = 0; i < 16; i++) counter.rendered(65_536);
    expect(acks).toEqual([]);
    await microtasks();
    expect(acks).toEqual([16 * 65_536]);
    counter.rendered(65_536);
    await microtasks();
    expect(acks).toEqual([16 * 65_536, 65_536]);
  });
});
