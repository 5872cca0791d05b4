import { describe, expect, it } from 'vitest';
import { sshConfigDump, sshConfigDumpSync, sshConfigValue } from './ssh-config-dump.js';

const dump = ['user root', 'hostname 127.0.0.1', 'port 2223', 'userknownhostsfile /k/known_hosts /k/known_hosts2', 'proxyjump none'].join(
  '\n',
);

describe('ssh -G, run and read in one place', () => {
  it('reads one setting (keys lower case, the whole value), undefined when absent', () => {
    expect(sshConfigValue(dump, 'port')).toBe('2223');
    expect(sshConfigValue(dump, 'UserKnownHostsFile')).toBe('/k/known_hosts /k/known_hosts2');
    expect(sshConfigValue(dump, 'proxycommand')).toBeUndefined();
    // A key that is the start of another is not taken for it.
    expect(sshConfigValue('hostkeyalias x\nhost y', 'host')).toBe('y');
  });

  it('the real ssh: an alias from a config file resolves, and a failure says why (async and sync)', async () => {
    const query = { sshBinary: 'ssh', args: ['-F', '/dev/null', '-p', '2299'], destination: 'robot.example' };
    expect(sshConfigValue(await sshConfigDump(query), 'port')).toBe('2299');
    expect(sshConfigValue(sshConfigDumpSync(query), 'hostname')).toBe('robot.example');
    const bad = { ...query, args: ['-F', '/nonexistent/berth-config'] };
    await expect(sshConfigDump(bad)).rejects.toThrow(/^ssh -G robot.example failed: .*berth-config/);
    expect(() => sshConfigDumpSync(bad)).toThrow(/^ssh -G robot.example failed: .*berth-config/);
  });
});
