import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';

const root = fileURLToPath(new URL('..', import.meta.url));
const mainBundle = path.join(root, 'dist', 'electron', 'main.cjs');

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
    // The page sees the bridge, not Node.
    expect(await page.evaluate(() => typeof window.berth)).toBe('object');
    // Terminal links leave through main (the window opens no windows); main refuses what is not http/https/mailto.
    expect(await page.evaluate(() => typeof window.berth?.openExternal)).toBe('function');
    expect(await page.evaluate(() => window.berth?.openExternal?.('file:///etc/passwd'))).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
    // A terminal's echo is not held for a frame after each key press (see chromium-switches.ts).
    expect(await app.evaluate(({ app: a }) => a.commandLine.getSwitchValue('disable-features'))).toContain('DeferRendererTasksAfterInput');
  } finally {
    await app.close();
  }
});
