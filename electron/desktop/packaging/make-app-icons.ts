// Renders Berth's mark (renderer/public/favicon.svg, the same drawing as the header's BerthMark)
// into the packaging icons in assets/: icon.png (512 px), icon.ico (Windows), icon.icns (macOS).
// Run again after the mark changes: node --import tsx electron/desktop/packaging/make-app-icons.ts
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { encodeIcns, encodeIco, type SizedPng } from './icon-containers.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const svg = await readFile(path.join(root, 'renderer', 'public', 'favicon.svg'), 'utf8');

const browser = await chromium.launch({
  executablePath: process.env.BERTH_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage();
  const render = async (size: number): Promise<SizedPng> => {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" style="display:block" `)}</body></html>`,
    );
    const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
    return { size, png: new Uint8Array(png) };
  };
  const sizes = [16, 32, 48, 64, 128, 256, 512];
  const images = new Map<number, SizedPng>();
  for (const size of sizes) images.set(size, await render(size));
  const pick = (wanted: number[]) => wanted.map((s) => images.get(s)!);
  const assets = path.join(root, 'assets');
  await writeFile(path.join(assets, 'icon.png'), images.get(512)!.png);
  await writeFile(path.join(assets, 'icon.ico'), encodeIco(pick([16, 32, 48, 64, 128, 256])));
  await writeFile(path.join(assets, 'icon.icns'), encodeIcns(pick([16, 32, 64, 128, 256, 512])));
  console.log(`wrote ${['icon.png', 'icon.ico', 'icon.icns'].map((f) => path.join('assets', f)).join(', ')}`);
} finally {
  await browser.close();
}
