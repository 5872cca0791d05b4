import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { NetworkSummary } from '../../../shared/network-types.js';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { connectedStatus } from '../../test-support/fixtures.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { createConnectionStore } from '../connection/connection-store.js';
import { connectAddressProblem } from './network-actions-store.js';
import { createNetworkTools } from './network-tools.js';
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
    ingress: false,
    ipv6: false,
    builtIn: false,
    ipam: [],
    options: {},
    labels: {},
    containers: [],
    ...patch,
  };
}

/** The stores over this transport, the engine connected and `networks.watch` having sent these networks. */
function setUp(transport: FakeTransport, list: NetworkSummary[] = []) {
  const client = new BerthClient(transport);
  const activity = createActivityStore();
  const run = createActionRunner(client, activity);
  const connection = createConnectionStore({ client, run });
  const networks = createNetworksStore({ client, connection });
  connection.getState().start();
  networks.start();
  transport.emit('engine.status', connectedStatus(1));
  transport.emit('networks.watch', { t: 'snapshot', items: list });
  return { client, activity, run, networks, tools: createNetworkTools({ run, networks }) };
}

describe('networks store and tools', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('follows networks.watch: built-in networks first, a patch replaces only the network that changed, never a list call', () => {
    const transport = new FakeTransport();
    const host = network({ id: 'h', name: 'host', driver: 'host', builtIn: true });
    const lab = network({ id: 'n1', name: 'lab' });
    const apps = network({ id: 'n2', name: 'apps' });
    const { networks } = setUp(transport, [lab, host, apps]);
    expect(networks.getState().items.map((n) => n.name)).toEqual(['host', 'apps', 'lab']);
    expect(networks.getState()).toMatchObject({ loaded: true, live: true });
    const [hostRow, appsRow] = networks.getState().items;
    transport.emit('networks.watch', {
      t: 'patch',
      upsert: [{ ...lab, containers: [{ id: 'c1', name: 'lidar', state: 'running', ipv4: '10.0.0.2' }] }],
      remove: [],
    });
    expect(networks.getState().items[2]?.containers.map((c) => c.name)).toEqual(['lidar']);
    expect(networks.getState().items[0]).toBe(hostRow);
    expect(networks.getState().items[1]).toBe(appsRow);
    transport.emit('networks.watch', { t: 'patch', upsert: [], remove: ['n2'] });
    expect(networks.getState().items.map((n) => n.name)).toEqual(['host', 'lab']);
    expect(transport.callsTo('networks.list')).toHaveLength(0);
    networks.stop();
    expect(transport.openStreams('networks.watch')).toHaveLength(0);
  });

  it('create: an invalid draft sends nothing; an engine refusal lands beside its field', async () => {
    const transport = new FakeTransport().fail('networks.create', {
      code: 'CONFLICT',
      message: 'Pool overlaps with other one on this address space',
    });
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

  it('prune removes exactly the previewed networks, by ID, and shows the command by name', async () => {
    const transport = new FakeTransport()
      .reply('networks.prunePreview', { networks: [{ id: 'a', name: 'old-a', driver: 'bridge', created: 1 }], keptInUse: 2 })
      .reply('networks.prune', [{ id: 'a', name: 'old-a', removed: true }]);
    const { tools, activity } = setUp(transport);
    await tools.prune.getState().open();
    expect(tools.prune.getState().phase).toBe('preview');
    await tools.prune.getState().confirm();
    expect(transport.callsTo('networks.prune').map((c) => c.input)).toEqual([{ networks: ['a'] }]);
    expect(tools.prune.getState().result).toEqual([{ id: 'a', name: 'old-a', removed: true }]);
    const commands = activity.getState().entries.map((e) => e.command);
    expect(commands).toContain('docker network rm old-a');
    expect(commands.some((c) => c.startsWith('docker network ls --filter type=custom'))).toBe(true);
  });

  it('prune stays closed when closed while its preview loads or while it prunes', async () => {
    let answerPreview: (value: unknown) => void = () => undefined;
    let answerPrune: (value: unknown) => void = () => undefined;
    const transport = new FakeTransport()
      .handle('networks.prunePreview', () => new Promise((resolve) => (answerPreview = (value) => resolve({ ok: true, value }))))
      .handle('networks.prune', () => new Promise((resolve) => (answerPrune = (value) => resolve({ ok: true, value }))));
    const { tools } = setUp(transport);
    const loading = tools.prune.getState().open();
    expect(tools.prune.getState().phase).toBe('loading');
    tools.prune.getState().close();
    answerPreview({ networks: [{ id: 'a', name: 'old-a', driver: 'bridge', created: 1 }], keptInUse: 0 });
    await loading;
    expect(tools.prune.getState()).toMatchObject({ phase: 'closed', preview: null });

    const opened = tools.prune.getState().open();
    answerPreview({ networks: [{ id: 'a', name: 'old-a', driver: 'bridge', created: 1 }], keptInUse: 0 });
    await opened;
    expect(tools.prune.getState().phase).toBe('preview');
    const pruning = tools.prune.getState().confirm();
    expect(tools.prune.getState().phase).toBe('pruning');
    tools.prune.getState().close();
    answerPrune([{ id: 'a', name: 'old-a', removed: true }]);
    await pruning;
    expect(tools.prune.getState()).toMatchObject({ phase: 'closed', result: null });
  });

  it('targets networks by ID when two share a name: one tick selects one row, and commands show the short ID', async () => {
    const idA = 'a'.repeat(64);
    const idB = 'b'.repeat(64);
    const twins = [
      network({ id: idA, name: 'lab' }),
      network({ id: idB, name: 'lab', scope: 'swarm', driver: 'overlay' }),
      network({ id: 'c'.repeat(64), name: 'solo' }),
    ];
    const transport = new FakeTransport()
      .reply('networks.remove', null)
      .reply('networks.removeMany', [
        { id: idB, name: 'lab', removed: true },
        { id: 'c'.repeat(64), name: 'solo', removed: true },
      ])
      .reply('networks.disconnect', null);
    const { tools, networks, activity } = setUp(transport, twins);
    expect(networks.getState().items).toHaveLength(3);

    tools.selection.getState().toggle(idA);
    expect([...tools.selection.getState().selected]).toEqual([idA]);

    tools.actions.getState().askRemove(twins[0]!);
    await tools.actions.getState().confirmRemove();
    expect(transport.callsTo('networks.remove').map((c) => c.input)).toEqual([{ network: idA }]);
    // The removed one leaves the selection; its twin was never in it.
    expect(tools.selection.getState().selected.size).toBe(0);

    tools.actions.getState().askRemoveMany([twins[1]!, twins[2]!]);
    await tools.actions.getState().confirmRemoveMany();
    expect(transport.callsTo('networks.removeMany').map((c) => c.input)).toEqual([{ networks: [idB, 'c'.repeat(64)] }]);

    tools.actions.getState().askDisconnect(twins[1]!, { id: 'c1', name: 'lidar', state: 'running', ipv4: null });
    await tools.actions.getState().confirmDisconnect();
    expect(transport.callsTo('networks.disconnect').map((c) => c.input)).toEqual([{ network: idB, container: 'c1' }]);

    const commands = activity.getState().entries.map((e) => e.command);
    expect(commands).toEqual(
      expect.arrayContaining([
        'docker network rm aaaaaaaaaaaa',
        'docker network rm bbbbbbbbbbbb solo',
        'docker network disconnect bbbbbbbbbbbb lidar',
      ]),
    );
  });

  it('refetches the open inspect document when the network changes', async () => {
    let version = 0;
    const lab = network({ id: 'n1', name: 'lab' });
    const transport = new FakeTransport().reply('networks.inspect', () => ({ Name: 'lab', Containers: version === 0 ? {} : { c1: {} } }));
    const { tools, activity } = setUp(transport, [lab]);
    tools.detail.getState().showDetail('n1');
    // Nothing fetched until the Inspect section is opened.
    expect(transport.callsTo('networks.inspect')).toHaveLength(0);
    tools.detail.getState().setInspectOpen(true);
    await flushPromises();
    expect(tools.detail.getState().inspect.json).toEqual({ Name: 'lab', Containers: {} });
    expect(activity.getState().entries.map((e) => e.command)).toContain('docker network inspect lab');

    // A patch about another network, or one that repeats this one unchanged: no refetch.
    transport.emit('networks.watch', { t: 'patch', upsert: [network({ id: 'n9', name: 'other' }), { ...lab }], remove: [] });
    await vi.advanceTimersByTimeAsync(200);
    expect(transport.callsTo('networks.inspect')).toHaveLength(1);

    version = 1;
    transport.emit('networks.watch', {
      t: 'patch',
      upsert: [{ ...lab, containers: [{ id: 'c1', name: 'lidar', state: 'running', ipv4: '10.0.0.2' }] }],
      remove: [],
    });
    await vi.advanceTimersByTimeAsync(200);
    await flushPromises();
    expect(transport.callsTo('networks.inspect')).toHaveLength(2);
    expect(tools.detail.getState().inspect.json).toEqual({ Name: 'lab', Containers: { c1: {} } });
  });

  it('bulk remove never sends a built-in network', async () => {
    const transport = new FakeTransport().reply('networks.removeMany', [{ id: 'n1', name: 'lab', removed: true }]);
    const { tools } = setUp(transport);
    tools.actions.getState().askRemoveMany([network(), network({ id: 'h', name: 'host', driver: 'host', builtIn: true })]);
    await tools.actions.getState().confirmRemoveMany();
    expect(transport.callsTo('networks.removeMany').map((c) => c.input)).toEqual([{ networks: ['n1'] }]);
  });

  it('checks a fixed address before asking the engine', async () => {
    const lab = network({
      ipam: [{ subnet: '10.42.0.0/24', gateway: '10.42.0.1' }],
      containers: [{ id: 'c', name: 'lidar', state: 'running', ipv4: '10.42.0.2' }],
    });
    expect(connectAddressProblem(lab, '10.42.0.9')).toBeUndefined();
    expect(connectAddressProblem(lab, '10.43.0.9')).toMatch(/outside 10\.42\.0\.0\/24/);
    expect(connectAddressProblem(lab, '10.42.0.1')).toMatch(/gateway/);
    expect(connectAddressProblem(lab, '10.42.0.2')).toMatch(/lidar/);
    const transport = new FakeTransport().reply('networks.connect', null);
    const { tools } = setUp(transport);
    tools.actions.getState().askConnect(lab);
    tools.actions.getState().setConnectContainer({ id: 'c-planner', name: 'planner' });
    tools.actions.getState().setConnectAddress('10.42.0.300');
    await tools.actions.getState().confirmConnect();
    expect(tools.actions.getState().connect?.error).toMatch(/not an IPv4 address/);
    expect(transport.callsTo('networks.connect')).toHaveLength(0);
    tools.actions.getState().setConnectAddress('10.42.0.9');
    await tools.actions.getState().confirmConnect();
    expect(transport.callsTo('networks.connect').map((c) => c.input)).toEqual([
      { network: 'n1', container: 'c-planner', ipv4Address: '10.42.0.9' },
    ]);
    expect(tools.actions.getState().connect).toBeNull();
  });
});
