import { execFileSync } from 'node:child_process';
import { expect, test } from '@playwright/test';
import { fixtureImage, fixtureLabel } from './fixtures/docker-cli.js';
import { terminalText, waitForPrompt } from './fixtures/terminal.js';
import { loadEngineFixtures, type TlsFixtures } from '../electron/test-support/remote-engines.js';
import { proxiedEngineServer } from './fixtures/proxied-engine-server.js';

// The combined containers list opens a row's shell on that row's engine: the TLS test engine (another
// dockerd, its own containers) while the page's current engine is this machine's socket.
const fixtures = loadEngineFixtures();
const tls: TlsFixtures | undefined = 'missing' in fixtures || 'skipped' in fixtures.tls ? undefined : fixtures.tls;
const skipReason = 'missing' in fixtures ? fixtures.missing : 'skipped' in fixtures.tls ? fixtures.tls.skipped : '';

const prefix = 'berth-e2e-h4rowshell-';
const tlsContainers: string[] = [];

/** The docker CLI on the TLS engine, as a user's shell with DOCKER_HOST and DOCKER_CERT_PATH set would run it. */
function tlsDocker(...args: string[]): string {
  if (!tls) throw new Error(skipReason);
  return execFileSync('docker', args, {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DOCKER_HOST: tls.host, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.certPath },
  }).trim();
}

test.skip(!tls, skipReason);

// This spec's own Berth server, its engines file saving the TLS engine beside this machine's (the current one).
const spec = proxiedEngineServer({
  dirPrefix: prefix,
  enabled: tls !== undefined,
  savedEngines: () =>
    tls ? [{ id: 'tls', name: 'tls', host: tls.host, tls: { certPath: tls.certPath, verify: true }, source: 'saved' }] : [],
});

test.afterAll(() => {
  if (tlsContainers.length > 0) tlsDocker('rm', '-f', ...tlsContainers);
});

test('a row’s shell in the all-engines list opens on the row’s engine, the tab and the command naming it', async ({ page }) => {
  test.setTimeout(120_000);
  const { server } = spec.started();
  const remote = `${prefix}${Math.random().toString(36).slice(2, 7)}`;
  tlsContainers.push(remote);
  const remoteId = tlsDocker(
    'run',
    '-d',
    '--name',
    remote,
    '--label',
    fixtureLabel,
    fixtureImage,
    'sh',
    '-c',
    'while true; do sleep 1; done',
  );

  await page.goto(server.url);
  await page.getByRole('link', { name: /^Containers/ }).click();
  await page.getByLabel('Show').selectOption({ label: 'All engines' });
  await page.getByLabel('Filter containers').fill(prefix);
  const row = page.getByRole('row', { name: `${remote} on tls`, exact: true });
  await expect(row).toBeVisible();

  // The page's current engine is this machine: the shell still opens on the TLS engine's container.
  await row.getByRole('button', { name: 'Open shell', exact: true }).click();
  const terminal = page.getByRole('region', { name: `Terminal ${remote} on tls`, exact: true });
  await expect(terminal).toBeVisible();
  await expect(page.getByRole('tab', { name: new RegExp(`^${remote} · (sh|bash) on tls`) })).toBeVisible();
  await terminal.click();
  await waitForPrompt(page, remote, { timeout: 30_000 });
  await page.keyboard.type('hostname\r');
  // busybox's hostname is the container's short ID: the TLS engine's container, not one on this machine.
  await expect.poll(() => terminalText(page, remote), { timeout: 30_000 }).toContain(remoteId.slice(0, 12));
  await expect(page.getByRole('log', { name: /recent actions/i })).toContainText(
    `DOCKER_HOST=${tls!.host} DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=${tls!.certPath} docker exec -it ${remote} sh`,
  );
  await page.screenshot({ path: test.info().outputPath('row-shell-on-tls.png') });
});
