import { describe, expect, it } from 'vitest';
import type { HeldContainer } from './engine-replies.js';
import { baseAction, expectedAfter, quietContainerActions } from './container-event-rules.js';

const held = (state: string, status = ''): HeldContainer => ({ summary: { state, status } }) as unknown as HeldContainer;

describe('what a container event asks of the live model', () => {
  it('strips the details exec and health actions carry', () => {
    expect(baseAction({ action: 'exec_start: sh -c ls' })).toBe('exec_start');
    expect(baseAction({ action: 'health_status: healthy' })).toBe('health_status');
    expect(baseAction({ action: 'start' })).toBe('start');
  });

  it('reads nothing for actions that change nothing docker ps shows (or come with one that does)', () => {
    for (const quiet of ['stop', 'restart', 'exec_start', 'attach', 'kill']) expect(quietContainerActions.has(quiet)).toBe(true);
    for (const changes of ['create', 'start', 'die', 'pause', 'rename', 'destroy']) expect(quietContainerActions.has(changes)).toBe(false);
  });

  it('a read must show what the event said: running after start, paused after pause, gone or stopped after die', () => {
    expect(expectedAfter('start', 'start')?.(held('created'))).toBe(false);
    expect(expectedAfter('start', 'start')?.(held('running'))).toBe(true);
    expect(expectedAfter('pause', 'pause')?.(held('paused'))).toBe(true);
    expect(expectedAfter('die', 'die')?.(held('running'))).toBe(false);
    expect(expectedAfter('die', 'die')?.(undefined)).toBe(true);
    expect(expectedAfter('create', 'create')?.(undefined)).toBe(false);
    expect(expectedAfter('health_status', 'health_status: healthy')?.(held('running', 'Up 3 s (healthy)'))).toBe(true);
    expect(expectedAfter('health_status', 'health_status: starting')?.(held('running', 'Up 1 s (healthy)'))).toBe(false);
    expect(expectedAfter('rename', 'rename')).toBeUndefined();
  });
});
