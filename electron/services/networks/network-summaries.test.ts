import { describe, expect, it } from 'vitest';
import { withoutLongIds } from './networks-service.js';
import { attachmentsByNetwork, pruneRefusal, selectPrunable, toNetworkSummaries, type RawContainer, type RawNetwork } from './network-summaries.js';

const networks: RawNetwork[] = [
  { Id: 'n-lab', Name: 'lab', Driver: 'bridge', Scope: 'local', Created: '2026-01-02T03:04:05.123Z', IPAM: { Config: [{ Subnet: '10.42.0.0/24', Gateway: '10.42.0.1' }] }, Labels: { team: 'nav' } },
  { Id: 'n-host', Name: 'host', Driver: 'host', Scope: 'local', IPAM: { Config: [] } },
  { Id: 'n-none', Name: 'none', Driver: 'null', Scope: 'local', IPAM: { Config: null } },
  { Id: 'n-empty', Name: 'empty', Driver: 'bridge', Scope: 'local' },
  { Id: 'n-bridge', Name: 'bridge', Driver: 'bridge', Options: { 'com.docker.network.bridge.default_bridge': 'true' } },
];

const containers: RawContainer[] = [
  { Id: 'c1', Names: ['/lidar'], State: 'running', NetworkSettings: { Networks: { lab: { NetworkID: 'n-lab', IPAddress: '10.42.0.2' } } } },
  { Id: 'c2', Names: ['/planner'], State: 'exited', NetworkSettings: { Networks: { lab: { NetworkID: 'n-lab', IPAddress: '' }, host: { NetworkID: 'n-host', IPAddress: '' } } } },
  // Never started: the engine has not filled in the network ID yet.
  { Id: 'c3', Names: ['/fresh'], State: 'created', NetworkSettings: { Networks: { lab: { NetworkID: '', IPAddress: '' } } } },
  // On a network that is not in the list (removed in between): ignored.
  { Id: 'c4', Names: ['/orphan'], State: 'running', NetworkSettings: { Networks: { gone: { NetworkID: 'n-gone', IPAddress: '1.2.3.4' } } } },
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

describe('engine refusals', () => {
  it('drop the 64-digit IDs the engine repeats after names', () => {
    expect(withoutLongIds(`error while removing network: network lab id ${'a1'.repeat(32)} has active endpoints`)).toBe(
      'error while removing network: network lab has active endpoints',
    );
  });
});
