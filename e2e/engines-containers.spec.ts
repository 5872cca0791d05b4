import { execFileSync } from 'node:child_process';
import { expect, test, type Page } from '@playwright/test';
import { containerState, fixtureImage, fixtureLabel, runFixture, specContainers } from './fixtures/docker-cli.js';
import { proxiedEngineServer } from './fixtures/proxied-engine-server.js';
import { loadEngineFixtures, type TlsFixtures } from '../electron/test-support/remote-engines.js';

// The combined containers list across engines: this machine's socket, the TLS test engine (another
// dockerd, its own containers) and this machine again through a loopback proxy the test cuts.
const fixtures = loadEngineFixtures();
const tls: TlsFixtures | undefined = 'missing' in fixtures || 'skipped' in fixtures.tls ? undefined : fixtures.tls;
const skipReason = 'missing' in fixtures ? fixtures.missing : 'skipped' in fixtures.tls ? fixtures.tls.skipped : '';

const prefix = 'berth-e2e-h2fleet-';
const containers = specContainers(prefix);
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

const spec = proxiedEngineServer({
  dirPrefix: 'berth-e2e-h2fleet-',
  enabled: tls !== undefined,
  savedEngines: (proxy) => {
    if (!tls) throw new Error(skipReason);
    return [
      { id: 'tls', name: 'tls', host: tls.host, tls: { certPath: tls.certPath, verify: true }, source: 'saved' },
      { id: 'proxied', name: 'proxied', host: proxy.host, source: 'saved' },
    ];
  },
});

test.afterAll(() => {
  containers.removeAll();
  if (tlsContainers.length > 0) tlsDocker('rm', '-f', ...tlsContainers);
});

const row = (page: Page, name: string, engine: string) => page.getByRole('row', { name: `${name} on ${engine}`, exact: true });

test('all engines in one list: the engine as a column, actions go to the row engine, a dropped engine goes stale alone', async ({
  page,
}) => {
  // Three engines and a proxy cut and restored on a shared, busy machine.
  test.setTimeout(240_000);
  const { server, proxy } = spec.started();
  const local = containers.name('local');
  runFixture(local);
  const remote = `${prefix}tls-${Math.random().toString(36).slice(2, 7)}`;
  tlsContainers.push(remote);
  tlsDocker(
    'run',
    '-d',
    '--name',
    remote,
    '--label',
    fixtureLabel,
    '--stop-timeout',
    '1',
    fixtureImage,
    'sh',
    '-c',
    'while true; do sleep 1; done',
  );

  await page.goto(server.url);
  await page.getByRole('link', { name: /^Containers/ }).click();
  await page.getByLabel('Show').selectOption({ label: 'All engines' });
  await page.getByLabel('Filter containers').fill(prefix);

  // Each engine's containers, named by engine: the local one twice (this machine, and through the proxy).
  await expect(row(page, local, 'This machine')).toBeVisible();
  await expect(row(page, local, 'proxied')).toBeVisible();
  await expect(row(page, remote, 'tls')).toBeVisible();
  await expect(row(page, remote, 'This machine')).toHaveCount(0);
  await page.screenshot({ path: 'artifacts/engines-containers-all.png' });

  // The filter picks one engine.
  await page.getByLabel('Show').selectOption({ label: 'All engines: tls' });
  await expect(row(page, remote, 'tls')).toBeVisible();
  await expect(row(page, local, 'This machine')).toHaveCount(0);
  await page.getByLabel('Show').selectOption({ label: 'All engines' });

  // Stop on the TLS engine's row stops it there, and the shown command names that engine.
  await row(page, remote, 'tls').getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(page.getByRole('log', { name: /recent actions/i })).toContainText(
    `DOCKER_HOST=${tls!.host} DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=${tls!.certPath} docker stop ${remote}`,
  );
  await expect.poll(() => tlsDocker('inspect', '--format', '{{.State.Status}}', remote)).toBe('exited');
  await expect(row(page, remote, 'tls')).toContainText(/exited/i, { timeout: 60_000 });
  expect(containerState(local)).toBe('running');

  // The proxied engine drops: its rows go stale, the others stay live and keep working.
  await proxy.stop();
  await expect(row(page, local, 'proxied')).toContainText(/stale · (reconnecting|not answering|connecting)/, { timeout: 60_000 });
  await expect(row(page, local, 'This machine')).not.toContainText('stale');
  await expect(row(page, remote, 'tls')).not.toContainText('stale');
  await page.screenshot({ path: 'artifacts/engines-containers-stale.png' });
  await row(page, local, 'This machine').getByRole('button', { name: 'Stop', exact: true }).click();
  await expect(row(page, local, 'This machine')).toContainText(/exited/i, { timeout: 60_000 });
  expect(containerState(local)).toBe('exited');
  await row(page, remote, 'tls').getByRole('button', { name: 'Start', exact: true }).click();
  await expect.poll(() => tlsDocker('inspect', '--format', '{{.State.Status}}', remote)).toBe('running');

  // It comes back: its rows are live again, with what changed meanwhile.
  await proxy.start();
  await expect(row(page, local, 'proxied')).not.toContainText('stale', { timeout: 60_000 });
  await expect(row(page, local, 'proxied')).toContainText(/exited/i);
});
