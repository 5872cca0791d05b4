import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

const token = 'serve0123456789abcdefghij';

interface Served {
  child: ChildProcessWithoutNullStreams;
  output(): string;
  /** Resolves with the exit code once the process ends. */
  exited: Promise<number | null>;
}

/** `berth serve …` as an operator would start it on a robot (the package's bin, after npm run build). */
function serve(args: string[], env: Record<string, string> = {}): Served {
  const child = spawn(process.execPath, ['bin/berth.mjs', 'serve', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/root', ...env },
  });
  let text = '';
  child.stdout.on('data', (b: Buffer) => (text += b.toString()));
  child.stderr.on('data', (b: Buffer) => (text += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => text, exited };
}

function stop(served: Served): Promise<number | null> {
  if (served.child.exitCode === null) served.child.kill('SIGTERM');
  return served.exited;
}

/** An address of this machine that is not loopback, if it has one. */
function lanAddress(): string | undefined {
  return Object.values(networkInterfaces())
    .flatMap((list) => list ?? [])
    .find((a) => a.family === 'IPv4' && !a.internal)?.address;
}

test.describe('berth serve, the web transport for a robot without a display', () => {
  test('serves the UI on loopback with the token from the environment', async ({ page }) => {
    const served = serve(['--port', '0'], { BERTH_TOKEN: token });
    try {
      await expect.poll(served.output).toMatch(/Berth is running at http:\/\/127\.0\.0\.1:\d+\/\?token=/);
      expect(served.output()).toContain('Token: from the BERTH_TOKEN environment variable');
      expect(served.output()).not.toContain('WARNING');
      const link = /Berth is running at (\S+)/.exec(served.output())![1]!;
      await page.goto(link);
      await expect(page.getByRole('heading', { name: 'Containers' })).toBeVisible();
    } finally {
      expect(await stop(served)).toBe(0);
    }
  });

  test('refuses a LAN bind without a chosen token, and serves it with one, warning', async () => {
    const refused = serve(['--host', '0.0.0.0', '--port', '0']);
    expect(await refused.exited).toBe(2);
    expect(refused.output()).toContain('refusing to listen on 0.0.0.0 without a token you chose');
    expect(refused.output()).not.toContain('Berth is running');

    const lan = lanAddress();
    test.skip(!lan, 'this machine has no non-loopback IPv4 address to bind');
    const dir = mkdtempSync(join(tmpdir(), 'berth-serve-'));
    writeFileSync(join(dir, 'token'), `${token}\n`, { mode: 0o600 });
    const served = serve(['--host', lan!, '--port', '0', '--token-file', join(dir, 'token')]);
    try {
      await expect.poll(served.output).toContain(`Berth is running at http://${lan}:`);
      await expect.poll(served.output).toContain(`WARNING: Berth is listening on ${lan}`);
      expect(served.output()).toContain(`Token: from --token-file ${join(dir, 'token')}`);
      const origin = /Berth is running at (http:\/\/[^/]+)\//.exec(served.output())![1]!;
      // Without the token the API is refused (a plain GET on /rpc says so; the WebSocket is refused alike).
      expect((await fetch(`${origin}/rpc`)).status).toBe(403);
      expect((await fetch(`${origin}/rpc?token=${token}`)).status).toBe(426);
    } finally {
      await stop(served);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
