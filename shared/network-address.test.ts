import { describe, expect, it } from 'vitest';
import { formatNetworkCreate } from './network-contract.js';
import { gatewayProblem, parseIpv4, parseIpv4Cidr, subnetProblem } from './network-address.js';
import { networkCreateSchema } from './network-types.js';
import { cliEquivalent } from './contract.js';

describe('IPv4 parsing', () => {
  it('reads dotted quads and rejects anything else', () => {
    expect(parseIpv4('172.30.0.1')).toBe(0xac1e0001);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    for (const bad of ['256.0.0.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', 'a.b.c.d', '', '1.2.3.-4'])
      expect(parseIpv4(bad), bad).toBeUndefined();
  });

  it('reads a CIDR block', () => {
    expect(parseIpv4Cidr('10.1.0.0/16')).toEqual({ network: 0x0a010000, prefix: 16, size: 65536 });
    expect(parseIpv4Cidr('10.1.0.0/33')).toBeUndefined();
    expect(parseIpv4Cidr('10.1.0.0')).toBeUndefined();
  });
});

describe('subnet and gateway checks', () => {
  it('accepts a clean subnet and explains what is wrong with others', () => {
    expect(subnetProblem('172.30.0.0/16')).toBeUndefined();
    expect(subnetProblem('172.30.0.0')).toMatch(/prefix length/);
    expect(subnetProblem('300.1.0.0/16')).toMatch(/not an IPv4 address/);
    expect(subnetProblem('172.30.0.0/40')).toMatch(/at most 32/);
    expect(subnetProblem('172.30.5.0/16')).toMatch(/host bits set.*172\.30\.0\.0\/16/);
    expect(subnetProblem('172.30.0.0/31')).toMatch(/too small/);
  });

  it('wants the gateway inside the subnet, not its network or broadcast address', () => {
    expect(gatewayProblem('172.30.0.1', '172.30.0.0/16')).toBeUndefined();
    expect(gatewayProblem('172.31.0.1', '172.30.0.0/16')).toMatch(/outside 172\.30\.0\.0\/16/);
    expect(gatewayProblem('172.30.0.0', '172.30.0.0/16')).toMatch(/network address/);
    expect(gatewayProblem('172.30.255.255', '172.30.0.0/16')).toMatch(/broadcast/);
    expect(gatewayProblem('172.30.0.x', '172.30.0.0/16')).toMatch(/not an IPv4 address/);
    expect(gatewayProblem('172.30.0.1', undefined)).toMatch(/needs a subnet/);
  });
});

describe('networks.create input', () => {
  it('points each problem at its field', () => {
    const r = networkCreateSchema.safeParse({ name: 'host', subnet: '10.0.0.0/8', gateway: '11.0.0.1' });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['name', 'gateway']));
    expect(networkCreateSchema.safeParse({ name: 'lab', subnet: '10.0.0.0' }).error?.issues[0]?.path).toEqual(['subnet']);
    expect(networkCreateSchema.safeParse({ name: '-lab' }).success).toBe(false);
    expect(networkCreateSchema.safeParse({ name: 'lab', labels: { 'a b': 'x' } }).success).toBe(false);
    expect(networkCreateSchema.safeParse({ name: 'robot-net', subnet: '10.42.0.0/24', gateway: '10.42.0.1', internal: true }).success).toBe(
      true,
    );
  });

  it('prints the docker network create line, quoting what needs it', () => {
    expect(formatNetworkCreate({})).toBe('docker network create NAME');
    expect(
      cliEquivalent('networks.create', {
        name: 'robot-net',
        subnet: '10.42.0.0/24',
        gateway: '10.42.0.1',
        internal: true,
        attachable: true,
        labels: { team: 'nav stack' },
      }),
    ).toBe("docker network create --subnet 10.42.0.0/24 --gateway 10.42.0.1 --internal --attachable --label 'team=nav stack' robot-net");
    expect(cliEquivalent('networks.connect', { network: 'robot-net', container: 'lidar' })).toBe('docker network connect robot-net lidar');
    expect(cliEquivalent('networks.connect', { network: 'robot-net', container: 'lidar', ipv4Address: '10.42.0.9' })).toBe(
      'docker network connect --ip 10.42.0.9 robot-net lidar',
    );
    expect(cliEquivalent('networks.disconnect', { network: 'robot-net', container: 'lidar' })).toBe(
      'docker network disconnect robot-net lidar',
    );
    expect(cliEquivalent('networks.removeMany', { networks: ['a', 'b'] })).toBe('docker network rm a b');
    expect(cliEquivalent('networks.remove', { network: 'a' })).toBe('docker network rm a');
  });
});
