import { mkdirSync } from 'node:fs';
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
