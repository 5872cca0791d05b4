import { describe, expect, it } from 'vitest';
import { allowedActions } from './container-permissions.js';

describe('allowedActions', () => {
  it('offers only what the engine would accept', () => {
    expect([...allowedActions('created')].sort()).toEqual(['remove', 'start']);
    expect([...allowedActions('exited')].sort()).toEqual(['remove', 'start']);
    expect([...allowedActions('running')].sort()).toEqual(['remove', 'restart', 'shell', 'stop']);
    expect([...allowedActions('paused')].sort()).toEqual(['remove', 'restart', 'stop']);
    expect([...allowedActions('restarting')].sort()).toEqual(['remove', 'restart', 'stop']);
    expect([...allowedActions('dead')]).toEqual(['remove']);
  });
});
