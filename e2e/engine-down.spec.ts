import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type Response } from '@playwright/test';
import { e2eServer } from './fixtures/e2e-server.js';
import { startWebServerProcess } from '../scripts/web-server-process.js';

test('with no engine, the whole window says what is wrong and how to fix it, with Retry', async ({ page }) => {
  // A second Berth server pointed at a socket where no engine answers.
  const server = await startWebServerProcess({ args: ['--docker-host', 'unix:///tmp/berth-e2e-no-engine.sock'] });
  try {
    // The token reached the server through BERTH_TOKEN: other users cannot read it in the process list.
    const token = new URL(server.url).searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThan(16);
    expect(readFileSync(`/proc/${server.pid}/cmdline`, 'utf8')).not.toContain(token);
    await page.goto(server.url);
    await expect(page.getByText(/No Docker Engine socket at unix:\/\/\/tmp\/berth-e2e-no-engine\.sock/).first()).toBeVisible();
    await expect(page.getByText(/start the engine/i).first()).toBeVisible();
    await expect(page.getByRole('button', { name: /retry/i })).toBeVisible();
    await page.getByRole('button', { name: /retry/i }).click();
    await expect(page.getByText(/No Docker Engine socket/).first()).toBeVisible();
    await expect(page.getByRole('row', { name: /berth-/ })).toHaveCount(0);
  } finally {
    await server.stop();
  }
});

test('without the token from the printed link, the page says so and shows no engine data', async ({ page }) => {
  await page.goto(`${e2eServer.origin}/`);
  await expect(page.getByText(/token/i).first()).toBeVisible();
  await expect(page.getByRole('row', { name: /berth-/ })).toHaveCount(0);
});

test('the printed link trades its token for an HttpOnly cookie and leaves no token in the address, and a reload still works', async ({
  page,
  context,
}) => {
  const responses: Response[] = [];
  page.on('response', (r) => responses.push(r));
  await page.goto(e2eServer.appUrl);
  const first = responses.find((r) => r.url().includes('token='));
  expect(first?.status()).toBe(303);
  const headers = (await first?.allHeaders()) ?? {};
  expect(headers['set-cookie']).toMatch(/HttpOnly/);
  expect(headers['set-cookie']).toMatch(/SameSite=Strict/);
  expect(headers['cache-control']).toBe('no-store');

  // The page the user sees: its address and its navigation entry hold no token, and it works.
  await expect(page.getByRole('heading', { name: /containers/i }).first()).toBeVisible();
  await expect(page.getByText(/needs the link Berth printed|refused this page/i)).toHaveCount(0);
  expect(page.url()).not.toContain('token');
  expect(
    await page.evaluate(() =>
      performance
        .getEntriesByType('navigation')
        .map((e) => e.name)
        .join(' '),
    ),
  ).not.toContain('token');
  // Scripts in the page cannot read the token.
  expect(await page.evaluate(() => document.cookie)).not.toContain(e2eServer.token);
  const cookie = (await context.cookies()).find((c) => c.name === `berth_token_${e2eServer.port}`);
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', value: e2eServer.token });
  const pageResponse = responses.find((r) => r.url() === `${e2eServer.origin}/`);
  expect(await pageResponse?.headerValue('cache-control')).toBe('no-store');

  await page.reload();
  await expect(page.getByRole('heading', { name: /containers/i }).first()).toBeVisible();
  await expect(page.getByText(/needs the link Berth printed|refused this page/i)).toHaveCount(0);
  expect(page.url()).not.toContain('token');
});

/** Every file of a browser profile that holds `needle`, as bytes (History is SQLite, Sessions are binary). */
function filesHolding(dir: string, needle: string): string[] {
  const hits: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, entry);
    if (!statSync(file).isFile()) continue;
    if (readFileSync(file).includes(needle)) hits.push(entry);
  }
  return hits;
}

test('a pasted token signs the page in and never reaches the browser profile (history, sessions, cache)', async ({
  browserName,
}, testInfo) => {
  test.skip(browserName !== 'chromium', 'reads a Chromium profile');
  const profile = mkdtempSync(path.join(tmpdir(), 'berth-e2e-profile-'));
  const launch = testInfo.project.use.launchOptions ?? {};
  const context = await chromium.launchPersistentContext(profile, {
    ...(launch.executablePath ? { executablePath: launch.executablePath } : {}),
    args: launch.args ?? [],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${e2eServer.origin}/`);
    await page.getByLabel(/paste the token/i).fill('not-the-token-000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('did not accept');
    await page.getByLabel(/paste the token/i).fill(e2eServer.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByText(/needs the link Berth printed|refused this page/i)).toHaveCount(0);
    await expect(page.getByLabel('Filter containers')).toBeVisible();
    expect(page.url()).toBe(`${e2eServer.origin}/`);
    await page.reload();
    await expect(page.getByLabel('Filter containers')).toBeVisible();
  } finally {
    await context.close();
  }
  // Cookies are sealed or hold the value; everything else must not (the cookie store itself is allowed).
  expect(filesHolding(profile, e2eServer.token).filter((f) => !/Cookies/.test(f))).toEqual([]);
  rmSync(profile, { recursive: true, force: true });
});
