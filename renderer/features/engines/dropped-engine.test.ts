import { describe, expect, it } from 'vitest';
import type { FleetEngine } from '../../../shared/engines-contract.js';
import { droppedEngineOf, engineUnderTab } from './dropped-engine.js';

const robot = (state: FleetEngine['state'], nextTryAt?: number): FleetEngine => ({
  spec: { id: 'robot1', name: 'robot1', host: 'ssh://root@robot1', source: 'saved' },
  state,
  ...(nextTryAt !== undefined ? { nextTryAt } : {}),
  facts: {},
  removable: true,
});

const shell = { kind: 'shell', status: 'open', endCause: null };

describe('a terminal whose engine dropped', () => {
  it('an open shell on an engine that is reconnecting says so, with the next try', () => {
    expect(droppedEngineOf(shell, robot('reconnecting', 5_000), undefined, 1_000)).toEqual({
      engineId: 'robot1',
      engineName: 'robot1',
      answering: false,
      stateText: 'reconnecting, next try in 4 s',
    });
    expect(droppedEngineOf(shell, robot('not-answering'), undefined, 0)?.stateText).toBe('not answering');
  });

  it('a session the lost connection ended stays flagged after the engine answers again (Reconnect reopens it at once)', () => {
    const lost = { kind: 'shell', status: 'exited', endCause: 'connection-lost' };
    expect(droppedEngineOf(lost, robot('reconnecting'), undefined, 0)).toMatchObject({ answering: false });
    expect(droppedEngineOf(lost, robot('connected'), undefined, 0)).toEqual({
      engineId: 'robot1',
      engineName: 'robot1',
      answering: true,
      stateText: 'answering again',
    });
    // A reopen that failed while the engine was away.
    expect(droppedEngineOf({ ...lost, status: 'failed' }, robot('reconnecting'), undefined, 0)).not.toBeNull();
  });

  it('nothing to say: a live engine under an open shell, a shell that ended by itself, a host shell', () => {
    expect(droppedEngineOf(shell, robot('connected'), 'connected', 0)).toBeNull();
    expect(droppedEngineOf({ kind: 'shell', status: 'exited', endCause: 'exited' }, robot('reconnecting'), undefined, 0)).toBeNull();
    expect(droppedEngineOf({ kind: 'host', status: 'open' }, robot('reconnecting'), undefined, 0)).toBeNull();
  });

  it('without a fleet (one engine), the engine’s own status decides', () => {
    expect(droppedEngineOf(shell, undefined, 'disconnected', 0)).toEqual({
      engineId: null,
      engineName: 'The engine',
      answering: false,
      stateText: 'not reachable',
    });
    expect(droppedEngineOf(shell, undefined, 'connecting', 0)?.stateText).toBe('reconnecting');
    expect(droppedEngineOf(shell, undefined, undefined, 0)).toBeNull();
  });

  it('a tab on another engine follows that engine, not the page’s current one', () => {
    const local: FleetEngine = {
      ...robot('connected'),
      spec: { id: 'local', name: 'This computer', host: 'unix:///var/run/docker.sock', source: 'local' },
    };
    const fleet = [local, robot('reconnecting', 5_000)];
    const onRobot = { ...shell, engineId: 'robot1' };
    expect(engineUnderTab(onRobot, fleet, 'local')?.spec.id).toBe('robot1');
    expect(engineUnderTab(shell, fleet, 'local')?.spec.id).toBe('local');
    expect(engineUnderTab(onRobot, undefined, 'local')).toBeUndefined();
    // The robot dropped while the page shows this computer: the robot's tab says so, Reconnect names the robot.
    expect(droppedEngineOf(onRobot, engineUnderTab(onRobot, fleet, 'local'), 'connected', 1_000)).toEqual({
      engineId: 'robot1',
      engineName: 'robot1',
      answering: false,
      stateText: 'reconnecting, next try in 4 s',
    });
    // The page's engine status says nothing of another engine's tab: without its entry, only its session's end counts.
    expect(droppedEngineOf(onRobot, undefined, 'disconnected', 0)).toBeNull();
    const lost = { ...onRobot, status: 'exited', endCause: 'connection-lost' };
    expect(droppedEngineOf(lost, undefined, 'connected', 0)).toMatchObject({ engineId: 'robot1', answering: true });
  });
});
