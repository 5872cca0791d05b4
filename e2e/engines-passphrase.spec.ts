import { expect, test } from '@playwright/test';
import { loadEngineFixtures, type SshFixtures } from '../electron/test-support/remote-engines.js';
import { proxiedEngineServer } from './fixtures/proxied-engine-server.js';

// An engine reached over SSH with a key locked by a passphrase and no agent: ssh has to ask, Berth puts the
// question in its window, the engine card says what it waits for, a wrong answer is said to be wrong, the
// right one connects. The test sshd and the key come from scripts/setup-test-env.sh.
const fixtures = loadEngineFixtures();
const ssh: SshFixtures | undefined = 'missing' in fixtures || 'skipped' in fixtures.ssh ? undefined : fixtures.ssh;
const locked = ssh?.passphrase;
const skipReason =
  'missing' in fixtures
    ? fixtures.missing
    : 'skipped' in fixtures.ssh
      ? fixtures.ssh.skipped
      : 'The SSH fixtures have no passphrase-locked key: re-run scripts/setup-test-env.sh';

test.skip(!locked, skipReason);

const spec = proxiedEngineServer({
  dirPrefix: 'berth-e2e-passphrase-',
  enabled: locked !== undefined,
  savedEngines: () => [{ id: 'robot1', name: 'robot1', host: `ssh://${locked?.alias ?? ''}`, source: 'saved' }],
  // Berth runs ssh from PATH: the test's wrapper reads the test ssh config (as a user's ~/.ssh/config would be).
  // No agent: the key's passphrase can only come from the user.
  env: () => {
    const { SSH_AUTH_SOCK: _agent, ...env } = process.env;
    return { ...env, PATH: `${ssh?.binDir ?? ''}:${process.env.PATH ?? ''}` };
  },
});

test('a key’s passphrase is asked in the window: the card says it waits, a wrong one is called wrong, the right one connects', async ({
  page,
}) => {
  test.setTimeout(120_000);
  if (!locked) throw new Error(skipReason);
  // Straight to the Engines view: the question's dialog is modal once it shows.
  await page.goto(`${spec.started().server.url}#/engines`);
  const dialog = page.getByRole('dialog', { name: `Passphrase for key ${locked.keyFile} to reach robot1` });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  const card = page.getByRole('listitem', { name: 'Engine robot1' });
  await expect(card.getByRole('status')).toHaveText('waiting for a key passphrase');
  await expect(card).toContainText(`ssh needs the passphrase of ${locked.keyFile}`);
  await page.screenshot({ path: test.info().outputPath('passphrase-asked.png') });

  await dialog.getByLabel('Passphrase', { exact: true }).fill('not the words');
  await dialog.getByRole('button', { name: 'Connect' }).click();
  // ssh refuses the key; the engine is not reached, and nothing is retried behind the user's back.
  await expect(card.getByRole('status')).toHaveText(/^refused/, { timeout: 30_000 });
  await expect(card).toContainText(`wrong passphrase for key ${locked.keyFile}`);

  await card.getByRole('button', { name: 'Retry now' }).click();
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole('alert')).toHaveText('That passphrase was wrong: try again.');
  await dialog.getByLabel('Passphrase', { exact: true }).fill(locked.passphrase);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toBeHidden();
  await expect(card.getByRole('status')).toHaveText('connected', { timeout: 60_000 });
  await expect(card).toContainText(/Containers\s*\d+ running \/ \d+ total/);
});
