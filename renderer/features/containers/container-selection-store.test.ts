import { describe, expect, it } from 'vitest';
import { createContainerRevealStore, followContainerReveals } from './container-selection-store.js';

describe('container reveal requests', () => {
  it('hands a request made before the view was there to it once, then each new one', () => {
    const reveal = createContainerRevealStore();
    reveal.getState().reveal({ id: 'a', name: 'first' });
    const shown: string[] = [];
    const stop = followContainerReveals(reveal, (c) => shown.push(c.name));
    expect(shown).toEqual(['first']);
    reveal.getState().reveal({ id: 'b', name: 'second' });
    expect(shown).toEqual(['first', 'second']);
    stop();
    reveal.getState().reveal({ id: 'c', name: 'third' });
    expect(shown).toEqual(['first', 'second']);
    // A view mounted again later takes the request it missed, and only that one.
    const again: string[] = [];
    followContainerReveals(reveal, (c) => again.push(c.name));
    expect(again).toEqual(['third']);
  });
});
