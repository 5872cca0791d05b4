import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from '../engine/docker-endpoint.js';
import { decideHostShell } from './host-shell-policy.js';

describe('host shell policy', () => {
  const local = resolveEndpoint(undefined);
  const remote = resolveEndpoint('tcp://robot.local:2376');

  it('allows the desktop app beside a local engine', () => {
    expect(decideHostShell(local, { clientId: 'x', transport: 'ipc' }, false).allowed).toBe(true);
  });

  it('refuses the web transport unless the server allowed it', () => {
    const refused = decideHostShell(local, { clientId: 'x', transport: 'ws' }, false);
    expect(refused).toMatchObject({ allowed: false, reason: expect.stringContaining('--allow-host-shell') });
    expect(decideHostShell(local, { clientId: 'x', transport: 'ws' }, true).allowed).toBe(true);
  });

  it('refuses when the engine is remote', () => {
    expect(decideHostShell(remote, { clientId: 'x', transport: 'ipc' }, true)).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('remote'),
    });
  });
});
