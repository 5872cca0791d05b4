import { describe, expect, it } from 'vitest';
import { withoutLongIds } from './networks-service.js';
import { parseEngineContainers, parseEngineNetworks } from './network-engine-json.js';
import {
  attachmentsByNetwork,
  pruneRefusal,
  selectPrunable,
  toNetworkSummaries,
  type RawContainer,
  type RawNetwork,
} from './network-summaries.js';

const networks: RawNetwork[] = [
  {
    Id: 'n-lab',
    Name: 'lab',
    Driver: 'bridge',
    Scope: 'local',
    Created: '2026-01-02T03:04:05.123Z',
    IPAM: { Config: [{ Subnet: '10.42.0.0/24', Gateway: '10.42.0.1' }] },
    Labels: { team: 'nav' },
  },
  { Id: 'n-host', Name: 'host', Driver: 'host', Scope: 'local', IPAM: { Config: [] } },
  { Id: 'n-none', Name: 'none', Driver: 'null', Scope: 'local', IPAM: { Config: null } },
  { Id: 'n-empty', Name: 'empty', Driver: 'bridge', Scope: 'local' },
  { Id: 'n-bridge', Name: 'bridge', Driver: 'bridge', Options: { 'com.docker.network.bridge.default_bridge': 'true' } },
];

const containers: RawContainer[] = [
  { Id: 'c1', Names: ['/lidar'], State: 'running', NetworkSettings: { Networks: { lab: { NetworkID: 'n-lab', IPAddress: '10.42.0.2' } } } },
  {
    Id: 'c2',
    Names: ['/planner'],
    State: 'exited',
    NetworkSettings: { Networks: { lab: { NetworkID: 'n-lab', IPAddress: '' }, host: { NetworkID: 'n-host', IPAddress: '' } } },
  },
  // Never started: the engine has not filled in the network ID yet.
  { Id: 'c3', Names: ['/fresh'], State: 'created', NetworkSettings: { Networks: { lab: { NetworkID: '', IPAddress: '' } } } },
  // On a network that is not in the list (removed in between): ignored.
  {
    Id: 'c4',
    Names: ['/orphan'],
    State: 'running',
    NetworkSettings: { Networks: { gone: { NetworkID: 'n-gone', IPAddress: '1.2.3.4' } } },
  },
  { Id: 'c5', Names: ['/bare'], State: 'running', NetworkSettings: null },
];

describe('network attachments from the container list', () => {
  it('puts each container on each of its networks, with its address there', () => {
    const byNetwork = attachmentsByNetwork(networks, containers);
    expect(byNetwork.get('n-lab')).toEqual([
      { id: 'c3', name: 'fresh', state: 'created', ipv4: null },
      { id: 'c1', name: 'lidar', state: 'running', ipv4: '10.42.0.2' },
      { id: 'c2', name: 'planner', state: 'exited', ipv4: null },
    ]);
    expect(byNetwork.get('n-host')).toEqual([{ id: 'c2', name: 'planner', state: 'exited', ipv4: null }]);
    expect(byNetwork.get('n-empty')).toEqual([]);
    expect([...byNetwork.keys()]).not.toContain('n-gone');
  });

  it('summarises networks: built-ins first, IPAM, created time', () => {
    const rows = toNetworkSummaries(networks, containers);
    expect(rows.map((r) => [r.name, r.builtIn])).toEqual([
      ['bridge', true],
      ['host', true],
      ['none', true],
      ['empty', false],
      ['lab', false],
    ]);
    const lab = rows.find((r) => r.name === 'lab')!;
    expect(lab.ipam).toEqual([{ subnet: '10.42.0.0/24', gateway: '10.42.0.1' }]);
    expect(lab.created).toBe(Math.floor(Date.parse('2026-01-02T03:04:05Z') / 1000));
    expect(lab.labels).toEqual({ team: 'nav' });
    expect(rows.find((r) => r.name === 'none')!.ipam).toEqual([]);
  });

  it('does not treat a user network called bridge as the built-in one', () => {
    const [row] = toNetworkSummaries([{ Id: 'x', Name: 'bridge', Driver: 'bridge', Options: {} }], []);
    expect(row!.builtIn).toBe(false);
  });

  it('prunes exactly the user-defined networks with no container, running or stopped', () => {
    const preview = selectPrunable(toNetworkSummaries(networks, containers));
    expect(preview.networks.map((n) => n.name)).toEqual(['empty']);
    expect(preview.keptInUse).toBe(1);
  });

  it('refuses at prune time what changed since the preview', () => {
    const rows = toNetworkSummaries(networks, containers);
    expect(pruneRefusal(rows.find((r) => r.name === 'empty'))).toBeUndefined();
    expect(pruneRefusal(rows.find((r) => r.name === 'lab'))).toBe('fresh, lidar, planner were attached since the preview');
    expect(pruneRefusal(rows.find((r) => r.name === 'host'))).toBe('it is a built-in network');
    expect(pruneRefusal(undefined)).toBe('it no longer exists');
  });
});

describe('prune leaves swarm networks alone', () => {
  const swarm: RawNetwork[] = [
    { Id: 'n-ingress', Name: 'ingress', Driver: 'overlay', Scope: 'swarm', Ingress: true },
    { Id: 'n-overlay', Name: 'fleet', Driver: 'overlay', Scope: 'swarm' },
    { Id: 'n-global', Name: 'mesh', Driver: 'macvlan', Scope: 'global' },
    // Ingress marked local by some odd engine still stays: the flag alone is enough.
    { Id: 'n-odd', Name: 'odd-ingress', Driver: 'overlay', Scope: 'local', Ingress: true },
    { Id: 'n-old', Name: 'old', Driver: 'bridge', Scope: 'local' },
  ];

  it('previews only unused local networks that are not ingress', () => {
    const rows = toNetworkSummaries(swarm, []);
    expect(rows.find((r) => r.name === 'ingress')?.ingress).toBe(true);
    expect(selectPrunable(rows)).toEqual({ networks: [{ id: 'n-old', name: 'old', driver: 'bridge', created: null }], keptInUse: 0 });
  });

  it('refuses them at prune time too, saying why', () => {
    const rows = toNetworkSummaries(swarm, []);
    expect(pruneRefusal(rows.find((r) => r.id === 'n-ingress'))).toBe('it is the swarm’s ingress network');
    expect(pruneRefusal(rows.find((r) => r.id === 'n-overlay'))).toBe('it is a swarm-scoped network, not a local one');
    expect(pruneRefusal(rows.find((r) => r.id === 'n-global'))).toBe('it is a global-scoped network, not a local one');
    expect(pruneRefusal(rows.find((r) => r.id === 'n-old'))).toBeUndefined();
  });
});

describe('the engine’s JSON is checked', () => {
  it('ignores unknown fields and tolerates odd descriptive ones', () => {
    const [n] = parseEngineNetworks([
      {
        Id: 'n1',
        Name: 'lab',
        Driver: 7,
        Scope: 'local',
        Ingress: 'no',
        Labels: 'x',
        IPAM: { Config: [{ Subnet: '10.0.0.0/24', Extra: 1 }] },
        Peers: [],
      },
    ]);
    expect(n).toEqual({
      Id: 'n1',
      Name: 'lab',
      Driver: undefined,
      Scope: 'local',
      Ingress: undefined,
      Labels: null,
      IPAM: { Config: [{ Subnet: '10.0.0.0/24' }] },
    });
    const [row] = toNetworkSummaries([n!], []);
    expect(row).toMatchObject({ driver: '', ingress: false, labels: {}, ipam: [{ subnet: '10.0.0.0/24' }] });
    const [c] = parseEngineContainers([
      {
        Id: 'c1',
        Names: 'web',
        State: 'running',
        NetworkSettings: { Networks: { lab: { NetworkID: 'n1', IPAddress: '10.0.0.2', MacAddress: 'x' } } },
      },
    ]);
    expect(c).toEqual({
      Id: 'c1',
      Names: null,
      State: 'running',
      NetworkSettings: { Networks: { lab: { NetworkID: 'n1', IPAddress: '10.0.0.2' } } },
    });
  });

  it('refuses a malformed reply with a clear error instead of showing networks as unused', () => {
    expect(() => parseEngineNetworks({ message: 'oops' })).toThrow(
      expect.objectContaining({ code: 'ENGINE_ERROR', message: expect.stringMatching(/^The engine’s network list was not understood/) }),
    );
    expect(() => parseEngineNetworks([{ Name: 'lab' }])).toThrow(/network list was not understood \(at 0\.Id\)/);
    expect(() => parseEngineContainers([{ Id: 'c1', NetworkSettings: { Networks: { lab: 'on' } } }])).toThrow(
      /container list was not understood \(at 0\.NetworkSettings\.Networks\.lab\)/,
    );
  });
});

describe('engine refusals', () => {
  it('drop the 64-digit IDs the engine repeats after names', () => {
    expect(withoutLongIds(`error while removing network: network lab id ${'a1'.repeat(32)} has active endpoints`)).toBe(
      'error while removing network: network lab has active endpoints',
    );
  });
});
