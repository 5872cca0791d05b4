// Every branch of the host-shell decision with its exact reason, so `npm run test:mutate` finds
// any condition or message missing (host-shell-policy.test.ts covers the main cases).
import { describe, expect, it } from 'vitest';
import type { RequestContext } from './rpc/handler-types.js';
import type { EngineEndpoint } from '../engine/docker-endpoint.js';
import { decideHostShell } from './host-shell-policy.js';

const endpoint = (display: string): EngineEndpoint => ({ display, options: {} });
const desktop: RequestContext = { clientId: 'd', transport: 'ipc' };
const web: RequestContext = { clientId: 'w', transport: 'ws' };

describe('host shell decision, branch by branch', () => {
  it('counts unix sockets and Windows named pipes as local, with the reason for each transport', () => {
    for (const display of ['unix:///var/run/docker.sock', 'npipe:////./pipe/docker_engine']) {
      expect(decideHostShell(endpoint(display), desktop, false), display).toEqual({
        allowed: true,
        reason: 'Berth runs beside the engine',
      });
      expect(decideHostShell(endpoint(display), web, true), display).toEqual({ allowed: true, reason: 'Allowed by --allow-host-shell' });
      expect(decideHostShell(endpoint(display), web, false), display).toEqual({
        allowed: false,
        reason: 'Host shells over the web transport are off: start the server with --allow-host-shell to allow them',
      });
    }
  });

  it('refuses any other endpoint, even one that merely ends like a local one, whatever the transport and flag', () => {
    for (const display of ['tcp://robot.local:2376', 'ssh://me@robot', 'http://x/npipe://', 'tcp://x/unix://']) {
      for (const ctx of [desktop, web]) {
        expect(decideHostShell(endpoint(display), ctx, true), display).toEqual({
          allowed: false,
          reason: `The engine is remote (${display}): a host shell would run on this computer, not beside the engine`,
        });
      }
    }
  });
});
