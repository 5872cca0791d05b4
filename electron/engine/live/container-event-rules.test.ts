import { describe, expect, it } from 'vitest';
import type { HeldContainer } from './engine-replies.js';
import {
  baseAction,
  expectedAfter,
  expectedAfterMembership,
  listedOnNetwork,
  membershipNeedsRead,
  quietContainerActions,
} from './container-event-rules.js';

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

  it('a start’s network connect and a stop’s disconnect ask for no read of their own; a change of membership does', () => {
    const on = (state: string, networkId: string, networkName = 'net1'): HeldContainer =>
      ({ summary: { state, status: '' }, endpoints: [{ networkName, networkId }] }) as unknown as HeldContainer;
    // Created: listed on its network by name, no ID yet; started: by ID.
    expect(listedOnNetwork(on('created', ''), 'n1', 'net1')).toBe(true);
    expect(listedOnNetwork(on('running', 'n1'), 'n1', 'net1')).toBe(true);
    expect(listedOnNetwork(on('running', 'n1'), 'n2', 'net2')).toBe(false);
    // docker start: the connect finds the container listed on it already.
    expect(membershipNeedsRead(on('created', ''), false, true, true)).toBe(false);
    // docker stop: the disconnect finds it listed, so it reads, and a stopped container listed on it is what it expects.
    expect(membershipNeedsRead(on('running', 'n1'), false, false, true)).toBe(true);
    expect(expectedAfterMembership(false, 'n1', 'net1')(on('exited', 'n1'))).toBe(true);
    // docker network disconnect of a running container: off the network, or read again.
    expect(expectedAfterMembership(false, 'n1', 'net1')(on('running', 'n1'))).toBe(false);
    expect(expectedAfterMembership(false, 'n1', 'net1')(on('running', 'n2', 'net2'))).toBe(true);
    // docker network connect to a new network: read until it shows.
    expect(membershipNeedsRead(on('running', 'n1'), false, true, false)).toBe(true);
    expect(expectedAfterMembership(true, 'n2', 'net2')(on('running', 'n1'))).toBe(false);
    // Not held yet, or a read under way whose answer may predate the change: read.
    expect(membershipNeedsRead(undefined, false, true, false)).toBe(true);
    expect(membershipNeedsRead(on('running', 'n1'), true, true, true)).toBe(true);
  });
});
