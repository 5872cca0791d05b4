import { describe, expect, it } from 'vitest';
import { container } from '../../test-support/fixtures.js';
import { countRunning, filterContainers, stateLabel } from './container-filter.js';

describe('container filter', () => {
  const items = [container({ name: 'web', image: 'nginx' }), container({ name: 'db', image: 'postgres:16', state: 'exited', exitCode: 0 })];

  it('matches every word against name, image, state and command', () => {
    expect(filterContainers(items, '').map((c) => c.name)).toEqual(['web', 'db']);
    expect(filterContainers(items, 'POST').map((c) => c.name)).toEqual(['db']);
    expect(filterContainers(items, 'exited db').map((c) => c.name)).toEqual(['db']);
    expect(filterContainers(items, 'exited web')).toEqual([]);
  });

  it('labels exited containers with their exit code', () => {
    expect(stateLabel({ state: 'exited', exitCode: 137 })).toBe('exited (137)');
    expect(stateLabel({ state: 'running', exitCode: null })).toBe('running');
    expect(countRunning(items)).toBe(1);
  });
});
