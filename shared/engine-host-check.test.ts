import { describe, expect, it } from 'vitest';
import { checkEngineHost, isLoopbackHost } from './engine-host-check.js';

describe('engine addresses Berth accepts', () => {
  it.each(['tcp://127.0.0.1:2375', 'tcp://localhost:2375', 'tcp://[::1]:2375', 'tcp://127.8.9.10:1'])(
    'plain tcp on loopback: %s',
    (host) => {
      expect(checkEngineHost(host, false)).toEqual({ ok: true, scheme: 'tcp' });
    },
  );

  it.each([
    'tcp://192.168.1.20:2375',
    'tcp://robot.local:2375',
    'tcp://0.0.0.0:2375',
    'tcp://127.0.0.1.evil.example:2375',
    'tcp://[::2]:2375',
  ])('refuses plain tcp off loopback, saying why: %s', (host) => {
    const check = checkEngineHost(host, false);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.problem).toMatch(/refused off loopback.*root on its machine/);
  });

  it('accepts tcp off loopback with TLS, ssh with or without a user and port, unix sockets', () => {
    expect(checkEngineHost('tcp://192.168.1.20:2376', true)).toEqual({ ok: true, scheme: 'tcp' });
    expect(checkEngineHost('ssh://robot@192.168.1.20:2222', false)).toEqual({ ok: true, scheme: 'ssh' });
    expect(checkEngineHost('ssh://robot1', false)).toEqual({ ok: true, scheme: 'ssh' });
    expect(checkEngineHost('unix:///run/user/1000/docker.sock', false)).toEqual({ ok: true, scheme: 'unix' });
  });

  it('refuses passwords (they would be saved), unknown schemes and non-addresses with the reason', () => {
    expect(checkEngineHost('ssh://robot:hunter2@robot1', false)).toEqual({ ok: false, problem: expect.stringMatching(/passwords/) });
    expect(checkEngineHost('http://robot1:2375', false)).toEqual({ ok: false, problem: expect.stringMatching(/Unsupported .*http:/) });
    expect(checkEngineHost('robot1', false)).toEqual({ ok: false, problem: expect.stringMatching(/not an engine address/) });
  });

  it('loopback means 127.0.0.0/8, ::1 and localhost only', () => {
    expect(isLoopbackHost('127.255.255.255')).toBe(true);
    expect(isLoopbackHost('127.256.0.1')).toBe(false);
    expect(isLoopbackHost('10.0.0.1')).toBe(false);
  });
});
