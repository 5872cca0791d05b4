import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type Page } from '@playwright/test';
import { appPageUrl, desktopContentSecurityPolicy } from '../electron/desktop/main/app-page.js';
import { createAppRequestHandler } from '../electron/desktop/main/app-protocol.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const mainBundle = path.join(root, 'dist', 'electron', 'main.cjs');
const rendererBuild = path.join(root, 'dist', 'renderer');

/** The Electron binary npm downloaded, or undefined when its download did not happen here. */
function electronBinary(): string | undefined {
  const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(root, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

test('the desktop app opens one window showing the Berth header', async () => {
  const executablePath = electronBinary();
  test.skip(
    executablePath === undefined,
    'Electron binary not installed — its download host is unreachable on this machine; run npm install where it is reachable',
  );
  if (!existsSync(mainBundle)) throw new Error(`${mainBundle} is missing: run "npm run build" before the e2e tests`);

  const app = await electron.launch({
    executablePath,
    args: [mainBundle],
    // CI containers often lack a usable GPU; the page renders the same without one.
    env: { ...process.env, ELECTRON_DISABLE_GPU: '1' },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('banner')).toContainText('Berth');
    expect(app.windows()).toHaveLength(1);
    // Served by main's app:// handler, not file://, so the CSP header (frame-ancestors too) applies.
    expect(page.url()).toBe(appPageUrl);
    // The page cannot navigate itself away from the app page (will-navigate / will-frame-navigate).
    await page.evaluate(() => void (window.location.href = 'https://example.com/'));
    await expect(page.getByRole('banner')).toContainText('Berth');
    expect(page.url()).toBe(appPageUrl);
    // The page sees the bridge, not Node.
    expect(await page.evaluate(() => typeof window.berth)).toBe('object');
    // Terminal links leave through main (the window opens no windows); main refuses what is not http/https/mailto.
    expect(await page.evaluate(() => typeof window.berth?.openExternal)).toBe('function');
    expect(await page.evaluate(() => window.berth?.openExternal?.('file:///etc/passwd'))).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    // A terminal's echo is not held for a frame after each key press (see chromium-switches.ts).
    expect(await app.evaluate(({ app: a }) => a.commandLine.getSwitchValue('disable-features'))).toContain('DeferRendererTasksAfterInput');
  } finally {
    await app.close();
  }
});

/*
 * Where Electron cannot start (here), the desktop page still runs for real in Chromium: every
 * request of the page goes to the same app:// handler main uses, its response (CSP header, MIME
 * types, nosniff) is what Chromium gets, and a stub bridge stands in for the preload. That the
 * built renderer starts under this CSP with no violation is what this proves.
 */
const desktopOrigin = 'http://berth.test';

async function serveLikeMain(page: Page): Promise<void> {
  const handle = createAppRequestHandler(rendererBuild);
  await page.route(`${desktopOrigin}/**`, async (route) => {
    const url = new URL(route.request().url());
    const response = await handle(new Request(`app://berth${url.pathname}${url.search}`, { method: route.request().method() }));
    await route.fulfill({
      status: response.status,
      headers: Object.fromEntries(response.headers),
      body: Buffer.from(await response.arrayBuffer()),
    });
  });
}

test('the desktop page runs under the app:// handler and its CSP header with no violation (Chromium)', async ({ page }) => {
  if (!existsSync(path.join(rendererBuild, 'index.html')))
    throw new Error(`${rendererBuild} is missing: run "npm run build" before the e2e tests`);
  await serveLikeMain(page);
  await page.addInitScript(() => {
    const violations: string[] = [];
    (window as { cspViolations?: string[] }).cspViolations = violations;
    document.addEventListener('securitypolicyviolation', (e) =>
      violations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
    // The preload's bridge, answering nothing: the page must still start.
    Object.defineProperty(window, 'berth', {
      value: {
        call: async () => ({ ok: false, error: { code: 'INTERNAL', message: 'stub bridge' } }),
        subscribe: () => () => {},
        openExternal: async () => ({ ok: true, value: null }),
      },
    });
  });
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
  });

  const response = await page.goto(`${desktopOrigin}/index.html`);
  expect(response?.headers()['content-security-policy']).toBe(desktopContentSecurityPolicy);
  expect(response?.headers()['x-content-type-options']).toBe('nosniff');
  await expect(page.getByRole('banner')).toContainText('Berth');
  // The stylesheet applied (served as text/css despite nosniff): the app's own layout, not the UA default.
  expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
  // zod probes once whether eval works (`Function('')` in a try, then parses without it): that
  // refusal is the CSP doing its job, not something the page needs. Everything else must load.
  const isEvalProbe = (text: string): boolean => /^script-src eval |unsafe-eval/.test(text);
  const violations = (await page.evaluate(() => (window as { cspViolations?: string[] }).cspViolations)) ?? [];
  expect(violations.filter((v) => !isEvalProbe(v))).toEqual([]);
  expect(refused.filter((r) => !isEvalProbe(r))).toEqual([]);

  const direct = await page.evaluate(
    async () =>
      await fetch('/index.html')
        .then(() => 'fetched')
        .catch(() => 'blocked'),
  );
  expect(direct).toBe('blocked'); // connect-src 'none': the page reaches main over IPC only
});

test('the desktop page refuses to be framed: frame-ancestors in the header applies (Chromium)', async ({ page }) => {
  await serveLikeMain(page);
  await page.route('http://framer.test/', (route) =>
    route.fulfill({ contentType: 'text/html', body: `<iframe id="f" src="${desktopOrigin}/index.html"></iframe>` }),
  );
  const framed = page.waitForResponse(`${desktopOrigin}/index.html`);
  await page.goto('http://framer.test/'); // waits for the frame's load too
  expect((await framed).status()).toBe(200);
  const frame = page.frames().find((f) => f !== page.mainFrame());
  expect(frame).toBeDefined();
  // Chromium replaces a refused frame with its error page: no Berth document inside.
  expect(frame?.url()).not.toBe(`${desktopOrigin}/index.html`);
  expect(await frame?.evaluate(() => document.getElementById('root') !== null).catch(() => false)).toBe(false);
});
