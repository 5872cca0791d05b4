import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { fingerprintOf, loadEngineFixtures, targetSshConfig, type SshFixtures } from '../electron/test-support/remote-engines.js';
import { proxiedEngineServer } from './fixtures/proxied-engine-server.js';

// An SSH engine whose host key is not in known_hosts: the card says the key is unknown, the dialog shows its
// fingerprint, and only "Trust this key" writes it to known_hosts, after which the engine connects. The test
// sshd comes from scripts/setup-test-env.sh; known_hosts here is an empty file of this spec's own.
const fixtures = loadEngineFixtures();
const ssh: SshFixtures | undefined = 'missing' in fixtures || 'skipped' in fixtures.ssh ? undefined : fixtures.ssh;
const skipReason = 'missing' in fixtures ? fixtures.missing : 'skipped' in fixtures.ssh ? fixtures.ssh.skipped : '';
test.skip(!ssh, skipReason);

const dir = mkdtempSync(path.join(tmpdir(), 'berth-e2e-host-key-'));
const knownHosts = path.join(dir, 'known_hosts'); // targetSshConfig writes it, empty
const binDir = path.join(dir, 'bin');

/** An ssh config with an empty known_hosts, and an `ssh` on PATH that reads it (as a user's ~/.ssh/config would be). */
function writeSshSetUp(f: SshFixtures): void {
  const { config } = targetSshConfig(f, dir, 'berth-target-fresh');
  mkdirSync(binDir, { recursive: true });
  writeFileSync(path.join(binDir, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${config} "$@"\n`);
  chmodSync(path.join(binDir, 'ssh'), 0o755);
}

if (ssh) writeSshSetUp(ssh);
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

const spec = proxiedEngineServer({
  dirPrefix: 'berth-e2e-host-key-server-',
  enabled: ssh !== undefined,
  savedEngines: () => [{ id: 'fresh', name: 'fresh', host: 'ssh://berth-target-fresh', source: 'saved' }],
  env: () => ({ ...process.env, PATH: `${binDir}:${process.env.PATH ?? ''}` }),
});

test('an unknown SSH host key is shown with its fingerprint and trusted only when the user says so', async ({ page }) => {
  test.setTimeout(90_000);
  const f = ssh as SshFixtures;
  const fingerprint = fingerprintOf(f.targetHostKey);
  expect(fingerprint).toMatch(/^SHA256:/);
  await page.goto(`${spec.started().server.url}#/engines`);
  const card = page.getByRole('listitem', { name: 'Engine fresh' });
  await expect(card.getByRole('status')).toHaveText(/refused: unknown host key/, { timeout: 30_000 });
  await card.getByRole('button', { name: 'Check host key…' }).click();
  const dialog = page.getByRole('dialog', { name: `Trust the host key of [127.0.0.1]:${f.targetPort}?` });
  await expect(dialog).toContainText(fingerprint);
  await page.screenshot({ path: 'artifacts/engines-host-key.png' });

  // Cancel trusts nothing.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(readFileSync(knownHosts, 'utf8')).toBe('');

  await card.getByRole('button', { name: 'Check host key…' }).click();
  await dialog.getByRole('button', { name: 'Trust this key' }).click();
  await expect(card.getByRole('status')).toHaveText('connected', { timeout: 30_000 });
  expect(readFileSync(knownHosts, 'utf8')).toContain(`[127.0.0.1]:${f.targetPort} `);
});
