import { execFileSync } from 'node:child_process';
import { extract as tarExtract } from 'tar-stream';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BerthError } from '../../../shared/errors.js';
import { filesLimits, type DownloadMessage } from '../../../shared/files-types.js';
import { createFixture, dockerCli, removeFixtures, uniqueName, waitFor } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { ContainerFiles } from './container-files.js';

const client = 'test-client';

interface Downloaded {
  start: Extract<DownloadMessage, { kind: 'start' }>;
  bytes: Buffer;
}

/** Runs one download to its end, acknowledging chunks like the renderer does. */
function download(files: ContainerFiles, id: string, path: string): Promise<Downloaded> {
  return new Promise((resolve, reject) => {
    const parts: Uint8Array[] = [];
    let start: Extract<DownloadMessage, { kind: 'start' }> | undefined;
    files.download(client, id, path, {
      send(message) {
        if (message.kind === 'start') start = message;
        else if (message.kind === 'data') {
          parts.push(message.data.slice());
          if (start) files.downloads.ack(client, start.downloadId, message.data.byteLength);
        }
        return true;
      },
      end(error) {
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else if (!start) reject(new Error('no start message'));
        else resolve({ start, bytes: Buffer.concat(parts) });
      },
    });
  });
}

async function upload(
  files: ContainerFiles,
  id: string,
  dir: string,
  items: Array<{ name: string; data: Buffer }>,
  replace = false,
): Promise<void> {
  const { uploadId } = await files.beginUpload(client, {
    id,
    dir,
    files: items.map((f) => ({ name: f.name, size: f.data.byteLength })),
    replace,
  });
  const all = Buffer.concat(items.map((f) => f.data));
  for (let at = 0; at < all.byteLength; at += 1024 * 1024) await files.uploads.chunk(client, uploadId, all.subarray(at, at + 1024 * 1024));
  await files.uploads.finish(client, uploadId);
}

async function tarNames(bytes: Buffer): Promise<string[]> {
  const names: string[] = [];
  const extract = tarExtract();
  extract.on('entry', (header, stream, next) => {
    names.push(header.name);
    stream.on('end', next);
    stream.resume();
  });
  await new Promise<void>((resolve, reject) => {
    extract.on('finish', resolve);
    extract.on('error', reject);
    Readable.from([bytes]).pipe(extract);
  });
  return names;
}

async function failure(promise: Promise<unknown>): Promise<BerthError> {
  try {
    await promise;
  } catch (err) {
    return err as BerthError;
  }
  throw new Error('expected a failure');
}

describe('container files against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-files' });
  const files = new ContainerFiles(connection);
  const running = uniqueName('files-run');
  const stopped = uniqueName('files-stop');

  beforeAll(async () => {
    await connection.connect();
    const c = await createFixture(running);
    await c.start();
    dockerCli(
      'exec',
      running,
      'sh',
      '-c',
      'mkdir -p "/data/a folder" && printf hello > "/data/a folder/x y.txt" && printf "n\\n" > "/data/new\nline" && printf u > "/data/ünï €.txt" && ln -s "a folder" /data/link && ln -s /nowhere /data/dangling',
    );
    const s = await createFixture(stopped);
    await s.start();
    dockerCli('exec', stopped, 'sh', '-c', 'mkdir -p /data/sub && printf stopped > /data/kept.txt');
    await s.stop();
  });

  afterAll(async () => {
    connection.close();
    await removeFixtures('berth-test-files-');
  });

  it('lists /etc of a running container through exec', async () => {
    const listing = await files.list(running, '/etc');
    expect(listing.method).toBe('exec');
    expect(listing.partial).toBeUndefined();
    const hosts = listing.entries.find((e) => e.name === 'hosts');
    expect(hosts).toMatchObject({ kind: 'file', mode: 0o644 });
    expect(hosts?.size).toBeGreaterThan(0);
    expect(hosts?.mtime).toBeGreaterThan(Date.parse('2000-01-01'));
  });

  it('handles names with spaces, newlines, unicode and links', async () => {
    const listing = await files.list(running, '/data');
    const byName = new Map(listing.entries.map((e) => [e.name, e]));
    expect([...byName.keys()].sort()).toEqual(['a folder', 'dangling', 'link', 'new\nline', 'ünï €.txt'].sort());
    expect(byName.get('a folder')?.kind).toBe('dir');
    expect(byName.get('link')).toMatchObject({ kind: 'symlink', linkTarget: 'a folder', linkToDir: true });
    expect(byName.get('dangling')).toMatchObject({ kind: 'symlink', linkTarget: '/nowhere', linkToDir: false });
    expect(byName.get('ünï €.txt')?.size).toBe(1);
    const inside = await files.list(running, '/data/link');
    expect(inside.entries.map((e) => e.name)).toEqual(['x y.txt']);
  });

  it('lists a stopped container through the archive API', async () => {
    const listing = await files.list(stopped, '/data');
    expect(listing.method).toBe('archive');
    expect(listing.entries.map((e) => `${e.name}:${e.kind}`).sort()).toEqual(['kept.txt:file', 'sub:dir']);
    expect(listing.entries.find((e) => e.name === 'kept.txt')?.size).toBe(7);
    const root = await files.list(stopped, '/');
    expect(root.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['bin', 'data', 'etc']));
  });

  it('a download closed by the client frees the engine request', async () => {
    dockerCli('exec', running, 'sh', '-c', 'head -c 20000000 /dev/urandom > /data/closed.bin');
    let started = false;
    const close = files.download(client, running, '/data/closed.bin', {
      send(message) {
        if (message.kind === 'start') started = true;
        return true;
      },
      end() {},
    });
    await waitFor(() => (started ? true : undefined), 'the download to start');
    expect(files.downloads.count).toBe(1);
    close();
    expect(files.downloads.count).toBe(0);
    const again = await download(files, running, '/data/a folder/x y.txt');
    expect(again.bytes.toString()).toBe('hello');
    dockerCli('exec', running, 'rm', '/data/closed.bin');
  });

  it('falls back to the archive API where exec cannot run sh (as in distroless images)', async () => {
    const name = uniqueName('files-nosh');
    const c = await createFixture(name, ['/bin/busybox', 'sleep', '300']);
    await c.start();
    dockerCli('exec', name, '/bin/busybox', 'rm', '/bin/sh');
    const listing = await files.list(name, '/etc');
    expect(listing.method).toBe('archive');
    expect(listing.entries.map((e) => e.name)).toContain('hosts');
  });

  it('downloads a file as its bytes and a folder as a tar', async () => {
    const file = await download(files, running, '/data/a folder/x y.txt');
    expect(file.start).toMatchObject({ fileName: 'x y.txt', format: 'file', size: 5 });
    expect(file.bytes.toString()).toBe('hello');
    const folder = await download(files, running, '/data');
    expect(folder.start).toMatchObject({ fileName: 'data.tar', format: 'tar', size: null });
    expect(await tarNames(folder.bytes)).toEqual(expect.arrayContaining(['data/', 'data/a folder/x y.txt', 'data/ünï €.txt']));
    const fromStopped = await download(files, stopped, '/data/kept.txt');
    expect(fromStopped.bytes.toString()).toBe('stopped');
  });

  it('downloads a large file in chunks through the acknowledgement window', async () => {
    dockerCli('exec', running, 'sh', '-c', 'head -c 12000000 /dev/urandom > /data/big.bin');
    const expected = execFileSync('docker', ['exec', running, 'cat', '/data/big.bin'], { maxBuffer: 64 * 1024 * 1024 });
    const got = await download(files, running, '/data/big.bin');
    expect(got.bytes.equals(expected)).toBe(true);
    dockerCli('exec', running, 'rm', '/data/big.bin');
  });

  it('stops reading from the engine while the client has not acknowledged a window of bytes', async () => {
    dockerCli('exec', running, 'sh', '-c', 'head -c 20000000 /dev/urandom > /data/window.bin');
    let received = 0;
    let downloadId = '';
    let ended = false;
    files.download(client, running, '/data/window.bin', {
      send(message) {
        if (message.kind === 'start') downloadId = message.downloadId;
        if (message.kind === 'data') received += message.data.byteLength;
        return true;
      },
      end() {
        ended = true;
      },
    });
    await waitFor(() => (files.downloads.isWaitingForAck(downloadId) ? true : undefined), 'the download to wait for an acknowledgement');
    const window = filesLimits.downloadWindowBytes;
    // Paused above the window: no chunk is passed on while paused, so this count holds still.
    expect(received).toBeGreaterThan(window);
    expect(received).toBeLessThan(window + 1024 * 1024);
    expect(ended).toBe(false);
    let acked = 0;
    await waitFor(
      () => {
        if (received > acked) {
          files.downloads.ack(client, downloadId, received - acked);
          acked = received;
        }
        return ended ? true : undefined;
      },
      'the download to end',
      30_000,
    );
    expect(received).toBe(20_000_000);
    dockerCli('exec', running, 'rm', '/data/window.bin');
  });

  it('uploads files, then lists them and docker exec cat returns the bytes', async () => {
    const bytes = Buffer.from(Array.from({ length: 3_000_000 }, (_v, i) => (i * 7) % 256));
    await upload(files, running, '/data/a folder', [
      { name: 'up load.bin', data: bytes },
      { name: 'empty', data: Buffer.alloc(0) },
      { name: 'ünï.txt', data: Buffer.from('unicode') },
    ]);
    const listing = await files.list(running, '/data/a folder');
    expect(listing.entries.map((e) => e.name).sort()).toEqual(['empty', 'up load.bin', 'x y.txt', 'ünï.txt'].sort());
    const back = execFileSync('docker', ['exec', running, 'cat', '/data/a folder/up load.bin'], { maxBuffer: 16 * 1024 * 1024 });
    expect(back.equals(bytes)).toBe(true);
    expect(dockerCli('exec', running, 'cat', '/data/a folder/ünï.txt')).toBe('unicode');
    const empty = await download(files, running, '/data/a folder/empty');
    expect(empty.start.size).toBe(0);
    expect(empty.bytes.byteLength).toBe(0);
    await upload(files, stopped, '/data', [{ name: 'while-stopped.txt', data: Buffer.from('x') }]);
    expect((await files.list(stopped, '/data')).entries.map((e) => e.name)).toContain('while-stopped.txt');
  });

  it('refuses to replace an existing file unless asked', async () => {
    const clash = await failure(upload(files, running, '/data/a folder', [{ name: 'x y.txt', data: Buffer.from('new') }]));
    expect(clash.code).toBe('CONFLICT');
    expect(clash.message).toContain('x y.txt');
    expect(dockerCli('exec', running, 'cat', '/data/a folder/x y.txt')).toBe('hello');
    await upload(files, running, '/data/a folder', [{ name: 'x y.txt', data: Buffer.from('replaced') }], true);
    expect(dockerCli('exec', running, 'cat', '/data/a folder/x y.txt')).toBe('replaced');
    const folder = await failure(upload(files, running, '/data', [{ name: 'a folder', data: Buffer.from('x') }], true));
    expect(folder.code).toBe('CONFLICT');
  });

  it('says what is wrong with a bad path', async () => {
    const missing = await failure(files.list(running, '/no/such/dir'));
    expect(missing.code).toBe('NOT_FOUND');
    expect(missing.message).toContain('/no/such/dir');
    const notDir = await failure(files.list(running, '/etc/hosts'));
    expect(notDir.code).toBe('BAD_REQUEST');
    expect(notDir.message).toContain('Not a folder');
    const missingStopped = await failure(files.list(stopped, '/nope'));
    expect(missingStopped.code).toBe('NOT_FOUND');
    expect(missingStopped.message).toContain('/nope');
    const dl = await failure(download(files, running, '/nope.txt'));
    expect(dl.code).toBe('NOT_FOUND');
    const gone = await failure(files.list('berth-test-files-never-existed', '/'));
    expect(gone.code).toBe('NOT_FOUND');
    expect(gone.message).toContain('no longer exists');
    const upNotDir = await failure(upload(files, running, '/etc/hosts', [{ name: 'a', data: Buffer.from('a') }]));
    expect(upNotDir.message).toContain('Not a folder');
  });

  it('reports a read-only root filesystem on upload', async () => {
    const name = uniqueName('files-ro');
    const { testDocker, fixtureImage, fixtureLabel } = await import('../../test-support/engine-fixtures.js');
    const c = await testDocker.createContainer({
      name,
      Image: fixtureImage,
      Cmd: ['sleep', '300'],
      Labels: { [fixtureLabel]: 'true' },
      HostConfig: { ReadonlyRootfs: true },
    });
    await c.start();
    const err = await failure(upload(files, name, '/etc', [{ name: 'nope.txt', data: Buffer.from('x') }]));
    expect(err.message).toMatch(/read-only/);
  });
});
