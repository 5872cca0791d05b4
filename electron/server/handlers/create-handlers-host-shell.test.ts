import { describe, expect, it } from 'vitest';
import { resolveEndpoint } from '../../engine/docker-endpoint.js';
import type { RequestContext } from '../rpc/handler-types.js';
import type { EngineServices } from '../engine-services.js';
import { createHandlers } from './create-handlers.js';

/** Only what the host-shell entries touch; the other services are never called here. */
function servicesFor(options: { allowHostShellOverWeb: boolean; dockerHost?: string }): {
  handlers: ReturnType<typeof createHandlers>;
  opened: string[];
} {
  const opened: string[] = [];
  const terminals = {
    openHost: async (clientId: string) => {
      opened.push(clientId);
      return { sessionId: 'session-host', shell: 'bash' };
    },
  };
  const engine = { connection: { endpoint: resolveEndpoint(options.dockerHost) }, terminals } as unknown as EngineServices;
  return { handlers: createHandlers(engine, { allowHostShellOverWeb: options.allowHostShellOverWeb }), opened };
}

/** The handler may throw before returning a promise; the router catches both, so the test does too. */
async function openHost(handlers: ReturnType<typeof createHandlers>, ctx: RequestContext): Promise<unknown> {
  return handlers.calls['terminal.openHost']({ cols: 80, rows: 24 }, ctx);
}

const web: RequestContext = { clientId: 'web-1', transport: 'ws' };
const desktop: RequestContext = { clientId: 'ipc-1', transport: 'ipc' };

describe('terminal.openHost handler', () => {
  it('refuses a web client with FORBIDDEN and starts nothing when the server was not started with --allow-host-shell', async () => {
    const { handlers, opened } = servicesFor({ allowHostShellOverWeb: false, dockerHost: 'unix:///var/run/docker.sock' });
    await expect(openHost(handlers, web)).rejects.toMatchObject({
      code: 'FORBIDDEN',
      message: expect.stringContaining('--allow-host-shell'),
    });
    expect(opened).toEqual([]);
    expect(await handlers.calls['terminal.capabilities']({}, web)).toMatchObject({ hostShell: { allowed: false } });
  });

  it('refuses every client beside a remote engine', async () => {
    const { handlers, opened } = servicesFor({ allowHostShellOverWeb: true, dockerHost: 'tcp://robot.local:2376' });
    for (const ctx of [web, desktop]) {
      await expect(openHost(handlers, ctx)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(opened).toEqual([]);
  });

  it('opens one for the desktop app, and for a web client only with --allow-host-shell', async () => {
    const refused = servicesFor({ allowHostShellOverWeb: false, dockerHost: 'unix:///var/run/docker.sock' });
    await refused.handlers.calls['terminal.openHost']({ cols: 80, rows: 24 }, desktop);
    expect(refused.opened).toEqual(['ipc-1']);
    const allowed = servicesFor({ allowHostShellOverWeb: true, dockerHost: 'unix:///var/run/docker.sock' });
    await allowed.handlers.calls['terminal.openHost']({ cols: 80, rows: 24 }, web);
    expect(allowed.opened).toEqual(['web-1']);
  });
});
