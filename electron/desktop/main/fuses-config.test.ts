import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { afterEach, describe, expect, it } from 'vitest';
import { berthFuses, flipBerthFuses } from './fuses-config.js';

// Electron marks its fuse wire with this sentinel, then a version byte, a length byte and one
// ASCII '0' (off) or '1' (on) per fuse. A file with that layout stands in for the binary.
const sentinel = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's own defaults, in wire order; the ninth fuse (WasmTrapHandlers) is newer than @electron/fuses 1.x.
const electronDefaults = '101100011';
const on = '1'.charCodeAt(0);
const off = '0'.charCodeAt(0);

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

async function fakeElectronBinary(): Promise<string> {
  dir = await mkdtemp(path.join(os.tmpdir(), 'berth-fuses-'));
  const file = path.join(dir, 'berth');
  const wire = Buffer.concat([Buffer.from(sentinel), Buffer.from([1, electronDefaults.length]), Buffer.from(electronDefaults)]);
  await writeFile(file, Buffer.concat([Buffer.alloc(4096, 0xcc), wire, Buffer.alloc(4096, 0xdd)]));
  return file;
}

describe('berthFuses', () => {
  it('turns off Node mode, NODE_OPTIONS and --inspect, turns on cookie encryption and asar-only with integrity', () => {
    expect(berthFuses[FuseV1Options.RunAsNode]).toBe(false);
    expect(berthFuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(berthFuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(berthFuses[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(berthFuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(berthFuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(berthFuses[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });

  it('decides every fuse @electron/fuses knows', () => {
    const known = Object.values(FuseV1Options).filter((v): v is FuseV1Options => typeof v === 'number');
    expect(known.length).toBeGreaterThanOrEqual(8);
    for (const fuse of known) expect(typeof berthFuses[fuse], FuseV1Options[fuse]).toBe('boolean');
  });
});

describe('flipBerthFuses', () => {
  it('writes the map into the binary and leaves the rest of it as it was', async () => {
    const binary = await fakeElectronBinary();
    const before = await readFile(binary);
    expect(await flipBerthFuses(binary)).toBe(1);

    const wire = await getCurrentFuseWire(binary);
    for (const [fuse, enabled] of Object.entries(berthFuses)) {
      expect(wire[Number(fuse) as FuseV1Options], FuseV1Options[Number(fuse)]).toBe(enabled ? on : off);
    }
    const after = await readFile(binary);
    expect(after.length).toBe(before.length);
    const wireStart = before.indexOf(sentinel) + sentinel.length + 2;
    const changed = [...after.keys()].filter((i) => after[i] !== before[i]);
    expect(changed.every((i) => i >= wireStart && i < wireStart + 8)).toBe(true);
    // A fuse newer than the library keeps Electron's default.
    expect(after[wireStart + 8]).toBe(on);
  });

  it('refuses a file that is not an Electron binary, changing nothing', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'berth-fuses-'));
    const file = path.join(dir, 'not-electron');
    await writeFile(file, 'just text');
    await expect(flipBerthFuses(file)).rejects.toThrow(/sentinel/);
    expect(await readFile(file, 'utf8')).toBe('just text');
  });
});
