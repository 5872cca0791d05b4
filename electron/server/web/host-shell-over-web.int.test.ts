import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { createBerthApp, type BerthApp } from '../create-app.js';
import { createRouter } from '../rpc/router.js';
import { connectRawClient } from './raw-ws-client.js';
import { startWebServer, type WebServer } from './web-server.js';

/** Programs whose parent is this process: a host shell is one (node-pty forks it from here). */
function childPrograms(): string[] {
  try {
    return execFileSync('ps', ['--ppid', String(process.pid), '-o', 'comm='], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .filter((c) => c !== 'ps');
  } catch {
    return []; // ps exits 1 when there are none
  }
}

let app: BerthApp | undefined;
let server: WebServer | undefined;

afterEach(async () => {
  await server?.close();
  await app?.close();
  server = undefined;
  app = undefined;
});

/** The real server in-process, over the real engine, as `npm run web` builds it. */
async function startBerth(allowHostShellOverWeb: boolean): Promise<WebServer> {
  app = await createBerthApp({ allowHostShellOverWeb });
  server = await startWebServer({ router: createRouter(app.handlers), host: '127.0.0.1', port: 0, staticDir: '/nonexistent-berth-static' });
  return server;
}

describe('host shell over the web transport, through the real server', () => {
  it('is refused to a raw WebSocket client holding the token when the server was not started with --allow-host-shell', async () => {
    const web = await startBerth(false);
    const client = await connectRawClient(web.port, web.token);
    const before = childPrograms();
    const reply = await client.call(1, 'terminal.openHost', { cols: 80, rows: 24 });
    expect(reply).toMatchObject({
      t: 'result',
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('--allow-host-shell') },
    });
    expect(childPrograms()).toEqual(before);
    expect(app?.engines.get('local')?.terminals.openCount).toBe(0);
    const capabilities = await client.call(2, 'terminal.capabilities', {});
    expect(capabilities).toMatchObject({ ok: true, value: { hostShell: { allowed: false } } });
    await client.close();
  });

  it('opens one with --allow-host-shell, so the refusal above is the check and not a broken path', async () => {
    const web = await startBerth(true);
    const client = await connectRawClient(web.port, web.token);
    const reply = await client.call(1, 'terminal.openHost', { cols: 80, rows: 24 });
    expect(reply).toMatchObject({ t: 'result', ok: true, value: { sessionId: expect.any(String) } });
    expect(app?.engines.get('local')?.terminals.openCount).toBe(1);
    const sessionId = (reply as { value: { sessionId: string } }).value.sessionId;
    expect(await client.call(2, 'terminal.close', { sessionId })).toMatchObject({ ok: true });
    await client.close();
  });
});
