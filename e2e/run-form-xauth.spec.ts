import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { expect, test } from '@playwright/test';
import { BerthPage } from './pages/berth-page.js';

const shots = '/tmp/berth-shots';
mkdirSync(shots, { recursive: true });

// The test machine has no desktop: its engine's host has no xauth cookie (nor, often, an X socket).
test('the X11 display preset says when the engine’s host has no xauth cookie, and what to do', async ({ page }) => {
  const berth = new BerthPage(page);
  await berth.open();
  await page.getByRole('button', { name: 'Run container…' }).click();
  const form = page.getByRole('dialog', { name: 'Run a container' });
  await expect(form).toBeVisible();
  await form.getByRole('button', { name: 'X11 display' }).click();
  const problem = form.getByText(/^No xauth cookie on the engine’s host \(looked in each home folder’s/);
  await expect(problem).toBeVisible();
  await expect(problem).toContainText('xhost +si:localuser:root');
  // The problem and each fix on a line of their own.
  expect((await problem.innerText()).split('\n')).toHaveLength(3);
  await problem.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${shots}/run-form-xauth.png` });
  // Toggling the preset off takes the problem with it.
  await form.getByRole('button', { name: 'X11 display' }).click();
  await expect(problem).toBeHidden();
});

// A cookie mounted from a folder the host check does not search (here /var/tmp): the form asks the
// engine's host about that one file, says when it is not there, and reads it once it is.
test('a cookie mounted from elsewhere is looked at on the engine’s host', async ({ page }) => {
  const x11Dir = '/tmp/.X11-unix';
  const madeDir = !existsSync(x11Dir);
  if (madeDir) mkdirSync(x11Dir, { mode: 0o1777 });
  const displayNumber = 80000 + (process.pid % 9000);
  const display = createServer();
  await new Promise<void>((resolve) => display.listen(`${x11Dir}/X${displayNumber}`, resolve));
  const cookie = `/var/tmp/berth-e2e-cookie-${process.pid}`;
  rmSync(cookie, { force: true });
  try {
    const berth = new BerthPage(page);
    await berth.open();
    await page.getByRole('button', { name: 'Run container…' }).click();
    const form = page.getByRole('dialog', { name: 'Run a container' });
    await expect(form.getByText(/^Checked on the engine's host/)).toBeVisible();
    await form
      .getByLabel('Paste a docker run command', { exact: true })
      .fill(
        `docker run -e DISPLAY=:${displayNumber} -v /tmp/.X11-unix:/tmp/.X11-unix -v ${cookie}:/tmp/.docker.xauth:ro -e XAUTHORITY=/tmp/.docker.xauth busybox`,
      );
    await form.getByRole('button', { name: 'Fill the form' }).click();
    const missing = form.getByText(`${cookie} is not a file on the engine’s host.`);
    await expect(missing).toBeVisible();
    await expect(form.getByText(/^No xauth cookie/)).toBeHidden();
    // The file appears, empty: Check again reads it, and the form says there is no cookie in it.
    writeFileSync(cookie, '');
    await form.getByRole('button', { name: 'Check again' }).click();
    const empty = form.getByText(`${cookie} on the engine’s host is empty (no cookie in it).`);
    await expect(empty).toBeVisible();
    await expect(missing).toBeHidden();
    await empty.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${shots}/run-form-xauth-elsewhere.png` });
  } finally {
    await new Promise<void>((resolve) => display.close(() => resolve()));
    rmSync(cookie, { force: true });
    if (madeDir) rmSync(x11Dir, { recursive: true, force: true });
  }
});
