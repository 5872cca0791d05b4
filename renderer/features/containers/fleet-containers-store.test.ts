import { describe, expect, it } from 'vitest';
import type { Fleet, FleetState } from '../../../shared/engines-contract.js';
import type { CallResult } from '../../../shared/wire.js';
import { BerthClient } from '../../api/client.js';
import type { StreamHandlers, Transport } from '../../api/transport.js';
import { connectedStatus, container } from '../../test-support/fixtures.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { createConnectionStore } from '../connection/connection-store.js';
import { createEnginesStore } from '../engines/engines-store.js';
import { createContainerActionsStore } from './container-actions-store.js';
import { createContainersStore } from './containers-store.js';
import { createFleetContainersStore, fleetRowKey } from './fleet-containers-store.js';
import { filterFleetRows } from './fleet-rows-filter.js';

/** Streams and calls by the engine they name; `emit` speaks for one engine. */
class EnginesTransport implements Transport {
  readonly kind = 'ws' as const;
  readonly calls: Array<{ name: string; input: unknown; engine: string | undefined }> = [];
  readonly streams: Array<{ name: string; handlers: StreamHandlers; engine: string | undefined; open: boolean }> = [];
  async call(name: string, input: unknown, engine?: string): Promise<CallResult> {
    this.calls.push({ name, input, engine });
    return { ok: true, value: null };
  }
  subscribe(name: string, _input: unknown, handlers: StreamHandlers, engine?: string): () => void {
    const stream = { name, handlers, engine, open: true };
    this.streams.push(stream);
    return () => {
      stream.open = false;
    };
  }
  open(name: string, engine: string | undefined) {
    return this.streams.filter((s) => s.open && s.name === name && s.engine === engine);
  }
  emit(name: string, engine: string | undefined, message: unknown): void {
    for (const s of this.open(name, engine)) s.handlers.onMessage(message);
  }
}

const fleetOf = (engines: Array<[id: string, state: FleetState]>): Fleet => ({
  defaultId: 'local',
  engines: engines.map(([id, state]) => ({
    spec:
      id === 'local'
        ? { id, name: 'This machine', host: 'unix:///var/run/docker.sock', source: 'local' }
        : { id, name: id, host: `ssh://root@${id}`, source: 'saved' },
    state,
    facts: {},
    removable: id !== 'local',
  })),
});

const web = container({ id: 'a'.repeat(64), name: 'web', created: 100 });
const cam = container({ id: 'c'.repeat(64), name: 'camera', created: 200 });

function setup() {
  const transport = new EnginesTransport();
  const root = new BerthClient(transport);
  const engines = createEnginesStore(root);
  engines.setState({
    fleet: fleetOf([
      ['local', 'connected'],
      ['robot1', 'connected'],
    ]),
  });
  // The page's own stores for its current engine, as create-app-stores builds them.
  const client = root.forEngine('local');
  const activity = createActivityStore();
  const run = createActionRunner(client, activity);
  const connection = createConnectionStore({ client, run });
  const containers = createContainersStore({ client, connection });
  const containerActions = createContainerActionsStore(run, containers);
  connection.getState().start();
  containers.start();
  const fleet = createFleetContainersStore({ client, engines, activity, current: { engineId: 'local', containers, containerActions } });
  const bringUp = (engine: string, items: unknown[]) => {
    transport.emit('engine.status', engine, connectedStatus(1));
    transport.emit('containers.watch', engine, { t: 'snapshot', items });
  };
  return { transport, engines, activity, fleet, bringUp };
}

describe('the all-engines containers list', () => {
  it('merges every engine’s watch stream into rows naming their engine; the current engine’s stream is not opened twice', () => {
    const { transport, fleet, bringUp } = setup();
    expect(transport.open('containers.watch', 'local')).toHaveLength(1);
    expect(transport.open('containers.watch', 'robot1')).toHaveLength(1);
    bringUp('local', [web]);
    // The same container reached through another engine entry is another row.
    bringUp('robot1', [cam, web]);
    const rows = fleet.getState().rows;
    expect(rows.map((r) => `${r.container.name}@${r.engineName}`)).toEqual(['camera@robot1', 'web@robot1', 'web@This machine']);
    expect(new Set(rows.map(fleetRowKey)).size).toBe(3);
    expect(rows.every((r) => !r.stale)).toBe(true);
  });

  it('an engine that drops keeps its rows, marked stale with why, and leaves the others live', () => {
    const { engines, fleet, bringUp } = setup();
    bringUp('local', [web]);
    bringUp('robot1', [cam]);
    const webRow = fleet.getState().rows.find((r) => r.engineId === 'local');
    engines.setState({
      fleet: fleetOf([
        ['local', 'connected'],
        ['robot1', 'reconnecting'],
      ]),
    });
    const rows = fleet.getState().rows;
    expect(rows.find((r) => r.engineId === 'robot1')).toMatchObject({ stale: true, staleReason: 'reconnecting' });
    // The live engine's row is the same object: the table does not redraw it.
    expect(rows.find((r) => r.engineId === 'local')).toBe(webRow);
  });

  it('actions on a row go to that row’s engine, and the shown command names it', async () => {
    const { transport, activity, fleet, bringUp } = setup();
    bringUp('robot1', [cam]);
    const source = fleet.getState().sourceOf('robot1');
    expect(source?.current).toBe(false);
    await source?.actions.getState().stop({ id: cam.id, name: cam.name });
    expect(transport.calls.filter((c) => c.name === 'containers.stop')).toEqual([
      { name: 'containers.stop', input: { id: cam.id }, engine: 'robot1' },
    ]);
    expect(activity.getState().entries.at(-1)?.command).toBe('DOCKER_HOST=ssh://root@robot1 docker stop camera');
    // The current engine's actions are the page's own.
    expect(fleet.getState().sourceOf('local')?.current).toBe(true);
  });

  it('an engine removed from the fleet closes its streams and drops its rows; dispose closes the rest but not the page’s own', () => {
    const { transport, engines, fleet, bringUp } = setup();
    bringUp('robot1', [cam]);
    engines.setState({ fleet: fleetOf([['local', 'connected']]) });
    expect(transport.open('containers.watch', 'robot1')).toHaveLength(0);
    expect(transport.open('engine.status', 'robot1')).toHaveLength(0);
    expect(fleet.getState().rows.some((r) => r.engineId === 'robot1')).toBe(false);
    engines.setState({
      fleet: fleetOf([
        ['local', 'connected'],
        ['robot2', 'connected'],
      ]),
    });
    expect(transport.open('containers.watch', 'robot2')).toHaveLength(1);
    fleet.dispose();
    expect(transport.open('containers.watch', 'robot2')).toHaveLength(0);
    expect(transport.open('containers.watch', 'local')).toHaveLength(1);
  });

  it('the filter matches the engine’s name as well as the container’s', () => {
    const { fleet, bringUp } = setup();
    bringUp('local', [web]);
    bringUp('robot1', [cam, web]);
    const rows = fleet.getState().rows;
    expect(filterFleetRows(rows, 'robot1 web').map(fleetRowKey)).toEqual([`robot1/${web.id}`]);
    expect(filterFleetRows(rows, '')).toBe(rows);
  });
});
