import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { loadEngineFixtures, type TlsFixtures } from '../electron/test-support/remote-engines.js';
import { startWebServerProcess, type WebServerProcess } from '../scripts/web-server-process.js';

// After `docker context use <name>` the docker CLI talks to that context's engine, and so does Berth
// when it opens (until an engine is picked in Berth). The context is the TLS test engine's, made by
// scripts/setup-test-env.sh with `docker context create`.
const fixtures = loadEngineFixtures();
const tls: TlsFixtures | undefined = 'missing' in fixtures || 'skipped' in fixtures.tls ? undefined : fixtures.tls;
const skipReason = 'missing' in fixtures ? fixtures.missing : 'skipped' in fixtures.tls ? fixtures.tls.skipped : '';
test.skip(!tls, skipReason);

const dirs: string[] = [];
const servers: WebServerProcess[] = [];

/** A web server whose docker CLI config is a copy of the test one with `currentContext` set (as `docker context use` does). */
async function serverWithCurrentContext(current: string): Promise<WebServerProcess> {
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-e2e-cli-context-'));
  dirs.push(dir);
  const dockerConfig = path.join(dir, 'docker-config');
  cpSync((tls as TlsFixtures).dockerConfig, dockerConfig, { recursive: true });
  writeFileSync(path.join(dockerConfig, 'config.json'), JSON.stringify({ currentContext: current }));
  const { DOCKER_HOST: _host, DOCKER_CONTEXT: _context, ...env } = process.env;
  const server = await startWebServerProcess({
    args: ['--engines-file', path.join(dir, 'engines.json')],
    env: { ...env, DOCKER_CONFIG: dockerConfig },
    ...(process.env.BERTH_E2E_DIST ? { dist: process.env.BERTH_E2E_DIST } : {}),
  });
  servers.push(server);
  return server;
}

test.afterAll(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

test('Berth opens on the docker CLI’s current context, and says so when that context is not there', async ({ page }) => {
  const context = (tls as TlsFixtures).context;
  const server = await serverWithCurrentContext(context);
  await page.goto(server.url);
  await expect(page.getByLabel('Engine', { exact: true })).toHaveValue(`ctx-${context}`);
  await page.getByRole('link', { name: /^Engines/ }).click();
  const card = page.getByRole('listitem', { name: `Engine ${context}` });
  await expect(card).toContainText(`docker context ${context} (the docker CLI’s current context)`);
  await expect(card).toContainText('(shown)');
  await expect(card.getByRole('status')).toHaveText('connected', { timeout: 30_000 });
  await page.screenshot({ path: 'artifacts/engines-cli-context.png' });

  // Picking another engine in Berth is remembered over the CLI's choice.
  await page.getByLabel('Engine', { exact: true }).selectOption('local');
  await page.reload();
  await expect(page.getByLabel('Engine', { exact: true })).toHaveValue('local');

  const missing = await serverWithCurrentContext('robot-gone');
  const fresh = await page.context().browser()!.newPage();
  try {
    await fresh.goto(`${missing.url}#/engines`);
    await expect(fresh.getByRole('alert').filter({ hasText: 'robot-gone' })).toHaveText(
      /^The docker CLI's current context "robot-gone" \(DOCKER_CONTEXT or config\.json\) is not among its contexts, so Berth opens on This machine$/,
    );
    await expect(fresh.getByLabel('Engine', { exact: true })).toHaveValue('local');
  } finally {
    await fresh.close();
  }
});
