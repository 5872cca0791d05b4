import { describe, expect, it } from 'vitest';
import { legalActions, legalTransitions, transitionLabel, transitions } from './lifecycle.js';

describe('lifecycle', () => {
  it('names each transition as action (from → to)', () => {
    expect(transitionLabel({ action: 'pause', from: 'running', to: 'paused' })).toBe('pause (running → paused)');
  });

  it('allows the transitions the engine accepts from each state', () => {
    const names = (state: Parameters<typeof legalTransitions>[0]) => legalTransitions(state).map(transitionLabel).sort();
    expect(names('created')).toEqual(['rm (created → removed)', 'start (created → running)']);
    expect(names('running')).toEqual([
      'kill (running → exited)',
      'pause (running → paused)',
      'restart (running → running)',
      'stop (running → exited)',
    ]);
    expect(names('paused')).toEqual(['kill (paused → exited)', 'stop (paused → exited)', 'unpause (paused → running)']);
    expect(names('exited')).toEqual(['restart (exited → running)', 'rm (exited → removed)', 'start (exited → running)']);
    expect(names('dead')).toEqual(['rm (dead → removed)']);
    expect(names('removing')).toEqual([]);
    expect(names('removed')).toEqual([]);
  });

  it('enables only the legal header actions', () => {
    const sorted = (state: Parameters<typeof legalActions>[0]) => [...legalActions(state)].sort();
    expect(sorted('running')).toEqual(['commit', 'kill', 'pause', 'remove', 'rename', 'restart', 'stop']);
    expect(sorted('paused')).toEqual(['commit', 'kill', 'remove', 'rename', 'restart', 'stop', 'unpause']);
    expect(sorted('created')).toEqual(['commit', 'remove', 'rename', 'start']);
    expect(sorted('exited')).toEqual(['commit', 'remove', 'rename', 'restart', 'start']);
    expect(sorted('dead')).toEqual(['remove', 'rename']);
    expect(sorted('removed')).toEqual([]);
  });

  it('every transition leaves a state that allows its action', () => {
    for (const t of transitions) {
      const action = t.action === 'rm' ? 'remove' : t.action;
      if (t.from === 'removed') continue;
      expect(legalActions(t.from).has(action), transitionLabel(t)).toBe(true);
    }
  });
});
