import { describe, expect, it } from 'vitest';
import { engineHostRefusal, engineSpecSchema, isLoopbackHost } from './engine-spec.js';

describe('engine addresses Berth refuses', () => {
  it('knows loopback names', () => {
    for (const name of ['localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]', 'LOCALHOST']) expect(isLoopbackHost(name)).toBe(true);
    for (const name of ['10.0.0.2', 'robot.local', '0.0.0.0', '128.0.0.1', '::', 'localhost.example.com'])
      expect(isLoopbackHost(name)).toBe(false);
  });

  it('refuses plain tcp:// off loopback, saying anyone on the network would be root there', () => {
    const reason = engineHostRefusal({ host: 'tcp://10.0.0.2:2375' });
    expect(reason).toMatch(/only allowed to this machine/);
    expect(reason).toMatch(/root on that machine/);
    expect(engineHostRefusal({ host: 'http://robot.local:2375' })).toBeDefined();
  });

  it('allows plain tcp:// on loopback, TLS anywhere, ssh and sockets', () => {
    expect(engineHostRefusal({ host: 'tcp://127.0.0.1:2375' })).toBeUndefined();
    expect(engineHostRefusal({ host: 'tcp://[::1]:2375' })).toBeUndefined();
    expect(engineHostRefusal({ host: 'tcp://10.0.0.2:2376', tls: { certPath: '/certs', verify: true } })).toBeUndefined();
    expect(engineHostRefusal({ host: 'ssh://robot@10.0.0.2' })).toBeUndefined();
    expect(engineHostRefusal({ host: 'unix:///var/run/docker.sock' })).toBeUndefined();
  });

  it('says what is wrong with an address that is not one', () => {
    expect(engineHostRefusal({ host: 'robot.local' })).toMatch(/not an engine address/);
    expect(engineHostRefusal({ host: 'ftp://robot.local' })).toMatch(/Unsupported engine address scheme ftp:/);
  });

  it('keeps engine ids file- and URL-safe', () => {
    const spec = { id: 'robot1', name: 'Robot 1', host: 'ssh://robot1', source: 'saved' };
    expect(engineSpecSchema.safeParse(spec).success).toBe(true);
    expect(engineSpecSchema.safeParse({ ...spec, id: 'Robot 1' }).success).toBe(false);
  });
});
