// The packaging configuration cannot be exercised here (Electron's binary cannot be downloaded),
// so it is checked the way electron-builder checks it before a build, plus the files it names.
import { existsSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { Arch, type AfterPackContext, type Configuration } from 'electron-builder';
import { afterEach, describe, expect, it } from 'vitest';
import config from '../../../electron-builder.config.js';
import { berthFuses } from '../main/fuses-config.js';
import afterPack, { needsAdHocResign, packagedElectronBinary } from './after-pack.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const require = createRequire(import.meta.url);

/** electron-builder's own pre-build check: its JSON schema (app-builder-lib/scheme.json) and deprecations. */
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: Configuration, debugLogger: { isEnabled: boolean; add(key: string, value: unknown): void }): Promise<void>;
};
const quietLogger = { isEnabled: false, add: () => {} };

describe('electron-builder.config.ts', () => {
  it("passes electron-builder's schema validation", async () => {
    await expect(validateConfiguration(config, quietLogger)).resolves.toBeUndefined();
  }, 60_000); // the first call compiles the 90-option schema

  it('would be refused by that validation if it named an option electron-builder does not have', async () => {
    const broken = { ...config, linux: { ...config.linux, tagret: ['AppImage'] } } as Configuration;
    await expect(validateConfiguration(broken, quietLogger)).rejects.toThrow(/configuration\.linux/);
  });

  it('builds AppImage and deb for Linux, dmg for macOS and an NSIS installer for Windows', () => {
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.win?.target).toEqual(['nsis']);
  });

  it('names only files that exist: icons of the right kind and size, the resources folder', async () => {
    const named = [config.linux?.icon, config.mac?.icon, config.win?.icon, config.nsis?.installerIcon, config.nsis?.uninstallerIcon];
    for (const file of named) {
      expect(typeof file, 'every platform names its icon').toBe('string');
      expect(existsSync(path.join(root, file as string)), `${String(file)} exists`).toBe(true);
    }
    expect(statSync(path.join(root, config.directories?.buildResources ?? 'missing')).isDirectory()).toBe(true);

    const png = await readFile(path.join(root, 'assets', 'icon.png'));
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    expect((await readFile(path.join(root, 'assets', 'icon.icns'))).subarray(0, 4).toString('latin1')).toBe('icns');
    const ico = await readFile(path.join(root, 'assets', 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
  });

  it('packs what `npm run build` writes and main.cjs loads (preload and renderer beside it)', async () => {
    expect(config.extraMetadata?.main).toBe('dist/electron/main.cjs');
    const buildScript = await readFile(path.join(root, 'scripts', 'build-main.mjs'), 'utf8');
    for (const bundle of ['dist/electron/main.cjs', 'dist/electron/preload.cjs']) expect(buildScript).toContain(bundle);
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**/*', 'dist/renderer/**/*']));
    const viteConfig = await readFile(path.join(root, 'vite.config.ts'), 'utf8');
    expect(viteConfig).toMatch(/dist\/renderer|'dist', 'renderer'/);
  });

  it('rebuilds node-pty for Electron while packaging and keeps it out of the asar', () => {
    expect(config.npmRebuild).toBe(true);
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/node-pty/**']));
    const pkg = require(path.join(root, 'package.json')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toContain('node-pty');
    // Rebuilding at install would download Electron's headers, which fails where Electron cannot be fetched.
    expect(pkg.scripts.postinstall ?? '').not.toMatch(/electron-rebuild|install-app-deps/);
  });

  it('flips the fuses after packing', () => {
    expect(config.afterPack).toBe(afterPack);
  });
});

describe('afterPack', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('finds the packed Electron binary on each platform', () => {
    const base = { appOutDir: '/out', productFilename: 'Berth', arch: Arch.x64 };
    expect(packagedElectronBinary({ ...base, electronPlatformName: 'linux', executableName: 'berth' })).toBe(path.join('/out', 'berth'));
    expect(packagedElectronBinary({ ...base, electronPlatformName: 'darwin' })).toBe(path.join('/out', 'Berth.app'));
    expect(packagedElectronBinary({ ...base, electronPlatformName: 'win32' })).toBe(path.join('/out', 'Berth.exe'));
    expect(() => packagedElectronBinary({ ...base, electronPlatformName: 'aix' })).toThrow(/aix/);
    expect(needsAdHocResign({ ...base, electronPlatformName: 'darwin', arch: Arch.arm64 })).toBe(true);
    expect(needsAdHocResign({ ...base, electronPlatformName: 'darwin' })).toBe(false);
    expect(needsAdHocResign({ ...base, electronPlatformName: 'linux', arch: Arch.arm64 })).toBe(false);
  });

  it("flips Berth's fuses in a packed Linux binary", async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-afterpack-'));
    const binary = path.join(dir, 'berth');
    // Electron's fuse wire: sentinel, version, length, one ASCII 0/1 per fuse (Electron's defaults).
    const wire = Buffer.concat([Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 9]), Buffer.from('101100011')]);
    await writeFile(binary, Buffer.concat([Buffer.alloc(1024, 0xcc), wire, Buffer.alloc(1024, 0xdd)]));
    const context = {
      appOutDir: dir,
      electronPlatformName: 'linux',
      arch: Arch.x64,
      packager: { appInfo: { productFilename: 'Berth' }, executableName: 'berth' },
    } as unknown as AfterPackContext;

    await afterPack(context);

    const fuses = await getCurrentFuseWire(binary);
    expect(fuses[FuseV1Options.RunAsNode]).toBe('0'.charCodeAt(0));
    for (const [fuse, enabled] of Object.entries(berthFuses)) {
      expect(fuses[Number(fuse) as FuseV1Options], FuseV1Options[Number(fuse)]).toBe((enabled ? '1' : '0').charCodeAt(0));
    }
  });
});
