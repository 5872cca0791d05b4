import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NetworkSummary } from '../../../shared/network-types.js';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { connectedStatus, event } from '../../test-support/fixtures.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { createConnectionStore } from '../connection/connection-store.js';
import { createEngineEventHub } from '../engine-events/engine-event-hub.js';
import { connectAddressProblem, createNetworkTools } from './network-tools-stores.js';
import { createNetworksStore } from './networks-store.js';

function network(patch: Partial<NetworkSummary> = {}): NetworkSummary {
  return {
    id: 'n1',
    name: 'lab',
    driver: 'bridge',
    scope: 'local',
    created: 1,
    internal: false,
    attachable: false,
    ipv6: false,
    builtIn: false,
    ipam: [],
    options: {},
    labels: {},
    containers: [],
    ...patch,
  };
}

function setUp(transport: FakeTransport) {
  const client = new BerthClient(transport);
  const activity = createActivityStore();
  const run = createActionRunner(client, activity);
  const connection = createConnectionStore({ client, run });
  const events = createEngineEventHub(client, connection);
  const networks = createNetworksStore({ client, connection, events });
  connection.getState().start();
  events.start();
  networks.start();
  transport.emit('engine.status', connectedStatus(1));
  return { client, run, networks, tools: createNetworkTools({ client, run, networks }) };
}

describe('networks store and tools', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('reloads on network and container events, never on image events', async () => {
    const transport = new FakeTransport().reply('networks.list', [network()]);
    const { networks } = setUp(transport);
    await flushPromises();
    expect(networks.getState().items.map((n) => n.name)).toEqual(['lab']);
    transport.emit('engine.events', event('image', 'pull'));
    await vi.advanceTimersByTimeAsync(200);
    expect(transport.callsTo('networks.list')).toHaveLength(1);
    for (const action of ['create', 'connect', 'disconnect', 'destroy']) transport.emit('engine.events', event('network', action));
    transport.emit('engine.events', event('container', 'start'));
    await vi.advanceTimersByTimeAsync(200);
    expect(transport.callsTo('networks.list')).toHaveLength(2);
  });

  it('create: an invalid draft sends nothing; an engine refusal lands beside its field', async () => {
    const transport = new FakeTransport()
      .reply('networks.list', [])
      .fail('networks.create', { code: 'CONFLICT', message: 'Pool overlaps with other one on this address space' });
    const { tools } = setUp(transport);
    const create = tools.create.getState();
    create.openForm();
    create.update({ name: 'lab', subnet: '10.0.0.0/99' });
    await expect(tools.create.getState().submit()).resolves.toBe(false);
    expect(transport.callsTo('networks.create')).toHaveLength(0);
    tools.create.getState().update({ subnet: '10.9.0.0/16' });
    await expect(tools.create.getState().submit()).resolves.toBe(false);
    expect(tools.create.getState().engineError).toEqual({ field: 'subnet', message: 'Pool overlaps with other one on this address space' });
    expect(tools.create.getState().open).toBe(true);
  });

  it('prune removes exactly the previewed names', async () => {
    const transport = new FakeTransport()
      .reply('networks.list', [])
      .reply('networks.prunePreview', { networks: [{ id: 'a', name: 'old-a', driver: 'bridge', created: 1 }], keptInUse: 2 })
      .reply('networks.prune', [{ name: 'old-a', removed: true }]);
    const { tools } = setUp(transport);
    await tools.prune.getState().open();
    expect(tools.prune.getState().phase).toBe('preview');
    await tools.prune.getState().confirm();
    expect(transport.callsTo('networks.prune').map((c) => c.input)).toEqual([{ networks: ['old-a'] }]);
    expect(tools.prune.getState().results).toEqual([{ name: 'old-a', removed: true }]);
  });

  it('bulk remove never sends a built-in network', async () => {
    const transport = new FakeTransport().reply('networks.list', []).reply('networks.removeMany', [{ name: 'lab', removed: true }]);
    const { tools } = setUp(transport);
    tools.actions.getState().askRemoveMany([network(), network({ id: 'h', name: 'host', driver: 'host', builtIn: true })]);
    await tools.actions.getState().confirmRemoveMany();
    expect(transport.callsTo('networks.removeMany').map((c) => c.input)).toEqual([{ networks: ['lab'] }]);
  });

  it('checks a fixed address before asking the engine', async () => {
    const lab = network({ ipam: [{ subnet: '10.42.0.0/24', gateway: '10.42.0.1' }], containers: [{ id: 'c', name: 'lidar', state: 'running', ipv4: '10.42.0.2' }] });
    expect(connectAddressProblem(lab, '10.42.0.9')).toBeUndefined();
    expect(connectAddressProblem(lab, '10.43.0.9')).toMatch(/outside 10\.42\.0\.0\/24/);
    expect(connectAddressProblem(lab, '10.42.0.1')).toMatch(/gateway/);
    expect(connectAddressProblem(lab, '10.42.0.2')).toMatch(/lidar/);
    const transport = new FakeTransport().reply('networks.list', []).reply('networks.connect', null);
    const { tools } = setUp(transport);
    tools.actions.getState().askConnect(lab);
    tools.actions.getState().setConnectContainer('planner');
    tools.actions.getState().setConnectAddress('10.42.0.300');
    await tools.actions.getState().confirmConnect();
    expect(tools.actions.getState().connect?.error).toMatch(/not an IPv4 address/);
    expect(transport.callsTo('networks.connect')).toHaveLength(0);
    tools.actions.getState().setConnectAddress('10.42.0.9');
    await tools.actions.getState().confirmConnect();
    expect(transport.callsTo('networks.connect').map((c) => c.input)).toEqual([{ network: 'lab', container: 'planner', ipv4Address: '10.42.0.9' }]);
    expect(tools.actions.getState().connect).toBeNull();
  });
});
