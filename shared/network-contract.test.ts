import { describe, expect, it } from 'vitest';
import { calls, cliEquivalent } from './contract.js';
import { containerRefSchema } from './container-ref.js';
import { networkRefSchema } from './network-types.js';

const badRefs = ['../x', 'a/b', 'x?y', '', '-rf', ' lab', 'lab\n'];

describe('network contract', () => {
  it('refuses network and container refs that are not an ID or name', () => {
    for (const bad of badRefs) {
      expect(networkRefSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
      expect(containerRefSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(networkRefSchema.safeParse('').error?.issues[0]?.message).toBe('A network ID or name is required');
    expect(containerRefSchema.safeParse('').error?.issues[0]?.message).toBe('A container ID or name is required');
    expect(networkRefSchema.safeParse('a/b').error?.issues[0]?.message).toBe('Not a network ID or name');
  });

  it('accepts names, short IDs and full IDs', () => {
    for (const good of ['lab', 'robot-net_2.0', 'a1b2c3d4e5f6', 'f'.repeat(64)]) {
      expect(networkRefSchema.safeParse(good).success).toBe(true);
      expect(containerRefSchema.safeParse(good).success).toBe(true);
    }
  });

  it('checks the refs in every call that targets a network or container', () => {
    for (const bad of badRefs) {
      expect(calls['networks.remove'].input.safeParse({ network: bad }).success).toBe(false);
      expect(calls['networks.inspect'].input.safeParse({ network: bad }).success).toBe(false);
      expect(calls['networks.removeMany'].input.safeParse({ networks: ['lab', bad] }).success).toBe(false);
      expect(calls['networks.prune'].input.safeParse({ networks: [bad] }).success).toBe(false);
      expect(calls['networks.connect'].input.safeParse({ network: bad, container: 'web' }).success).toBe(false);
      expect(calls['networks.connect'].input.safeParse({ network: 'lab', container: bad }).success).toBe(false);
      expect(calls['networks.disconnect'].input.safeParse({ network: 'lab', container: bad }).success).toBe(false);
    }
    expect(calls['networks.disconnect'].input.safeParse({ network: 'lab', container: 'web' }).success).toBe(true);
  });

  it('shows the docker command for each action', () => {
    expect(cliEquivalent('networks.connect', { network: 'lab', container: 'web', ipv4Address: '10.0.0.9' })).toBe(
      'docker network connect --ip 10.0.0.9 lab web',
    );
    expect(cliEquivalent('networks.removeMany', { networks: ['lab', 'old'] })).toBe('docker network rm lab old');
  });
});
