// The per-client bookkeeping of uploads and downloads, fast enough for `npm run test:mutate`: the
// engine boundary (archive-api.ts, upload-commit.ts) is replaced by stand-ins, the spool is real.
// What the engine does with the bytes is tested against the real engine in transfers.int.test.ts
// and container-files.int.test.ts; here only who may touch a transfer, and what is left after one.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { pack as tarPack } from 'tar-stream';
import { filesLimits, type DownloadMessage } from '../../../../shared/files-types.js';
import type { StreamSink } from '../../stream-sink.js';
import { waitFor } from '../../../test-support/engine-fixtures.js';
import { EngineConnection } from '../../engine-connection.js';
import type { PathStat } from './path-stat.js';

const engine = vi.hoisted(() => ({
  stat: { kind: 'dir' } as { kind: string; size?: number },
  /** Paths that exist in the container, by kind. */
  existing: {} as Record<string, string>,
  archives: [] as PassThrough[],
  /** The next archive's content, written when it is asked for (undefined: the test writes it). */
  archiveContent: undefined as Buffer | undefined,
  commits: [] as { dir: string; bytes: number; tempPrefix?: string }[],
  /** While set, a commit waits for it. */
  commitGate: undefined as Promise<void> | undefined,
}));

vi.mock('./archive-api.js', () => ({
  openContainer: async (_connection: unknown, id: string) => ({ container: {}, name: id, execable: true }),
  resolvePath: async (_connection: unknown, _c: unknown, p: string) => ({
    path: p,
    stat: { name: p, mode: 0, mtime: null, linkTarget: '', size: 0, ...engine.stat } as PathStat,
  }),
  pathExists: async (_connection: unknown, _c: unknown, p: string) => (engine.existing[p] ? { kind: engine.existing[p] } : undefined),
  getArchive: async () => {
    const archive = new PassThrough();
    engine.archives.push(archive);
    if (engine.archiveContent) archive.end(engine.archiveContent);
    return archive;
  },
}));

vi.mock('./upload-commit.js', () => ({
  commitUpload: async (
    _connection: unknown,
    _c: unknown,
    target: { dir: string },
    spool: { received: number; files: { name: string }[] },
    options?: { tempPrefix?: string },
  ) => {
    await engine.commitGate;
    engine.commits.push({ dir: target.dir, bytes: spool.received, ...(options?.tempPrefix ? { tempPrefix: options.tempPrefix } : {}) });
    return { written: spool.files.map((f) => f.name), notWritten: [] };
  },
}));

const { FileUploads, maxUploadsPerClient } = await import('./file-upload.js');
const { FileDownloads } = await import('./file-download.js');

// Never connected: the engine boundary above stands in for it.
const connection = new EngineConnection({ id: 'no-engine', dockerHost: 'unix:///nonexistent/berth-test.sock' });
let spoolRoot: string;

beforeAll(async () => {
  spoolRoot = await mkdtemp(path.join(tmpdir(), 'berth-spool-test-'));
});

afterAll(async () => {
  await rm(spoolRoot, { recursive: true, force: true });
});

beforeEach(() => {
  engine.stat = { kind: 'dir' };
  engine.existing = {};
  engine.archiveContent = undefined;
  engine.commitGate = undefined;
  engine.archives.length = 0;
  engine.commits.length = 0;
});

afterEach(() => {
  vi.useRealTimers();
});

const spoolFiles = async (): Promise<string[]> => readdir(spoolRoot);
const forbiddenUpload = { code: 'FORBIDDEN', message: 'This upload belongs to another window' };
const request = { id: 'c1', dir: '/data', files: [{ name: 'a.txt', size: 4 }], replace: false };
const timeouts = { idleMs: 60_000, uploadMaxMs: 600_000 };

describe('uploads, per client', () => {
  it("refuses another client's chunk, finish and cancel, and the owner's upload goes on", async () => {
    const uploads = new FileUploads(connection, { timeouts, spoolRoot });
    const { uploadId } = await uploads.begin('alice', request);
    await expect(uploads.chunk('mallory', uploadId, new Uint8Array([1]))).rejects.toMatchObject(forbiddenUpload);
    await expect(uploads.finish('mallory', uploadId)).rejects.toMatchObject(forbiddenUpload);
    expect(() => uploads.cancel('mallory', uploadId)).toThrow(expect.objectContaining(forbiddenUpload));
    uploads.disposeClient('mallory');
    expect(uploads.count).toBe(1);

    await uploads.chunk('alice', uploadId, new Uint8Array([1, 2]));
    await uploads.chunk('alice', uploadId, new Uint8Array([3, 4]));
    expect(await uploads.finish('alice', uploadId)).toEqual({ dir: '/data', written: ['a.txt'], notWritten: [], bytes: 4 });
    expect(engine.commits).toEqual([{ dir: '/data', bytes: 4, tempPrefix: `.berth-upload-${uploadId.slice(0, 8)}` }]);
    expect(uploads.count).toBe(0);
    await waitFor(async () => ((await spoolFiles()).length === 0 ? true : undefined), 'the spool to be removed');
  });

  it('a cancelled upload writes nothing, leaves no spool, and its owner hears why next time', async () => {
    const uploads = new FileUploads(connection, { timeouts, spoolRoot });
    const { uploadId } = await uploads.begin('alice', request);
    await uploads.chunk('alice', uploadId, new Uint8Array([1, 2]));
    uploads.cancel('alice', uploadId);
    expect(uploads.count).toBe(0);
    await expect(uploads.chunk('alice', uploadId, new Uint8Array([3]))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringMatching(/^This upload was cancelled/),
    });
    // Another client learns nothing about it.
    await expect(uploads.finish('mallory', uploadId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'This upload is over (finished, cancelled or ended)',
    });
    expect(engine.commits).toEqual([]);
    await waitFor(async () => ((await spoolFiles()).length === 0 ? true : undefined), 'the spool to be removed');
  });

  it('a client going away ends its own uploads only, and nothing of them reaches the container', async () => {
    const uploads = new FileUploads(connection, { timeouts, spoolRoot });
    const mine = await uploads.begin('alice', request);
    const theirs = await uploads.begin('bob', request);
    await uploads.chunk('alice', mine.uploadId, new Uint8Array([1]));
    uploads.disposeClient('alice');
    expect(uploads.count).toBe(1);
    await expect(uploads.chunk('alice', mine.uploadId, new Uint8Array([2]))).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await uploads.chunk('bob', theirs.uploadId, new Uint8Array([1, 2, 3, 4]));
    expect(await uploads.finish('bob', theirs.uploadId)).toMatchObject({ bytes: 4 });
    expect(engine.commits).toEqual([expect.objectContaining({ dir: '/data', bytes: 4 })]);
    await waitFor(async () => ((await spoolFiles()).length === 0 ? true : undefined), 'both spools to be removed');
  });

  it('refuses to finish an upload that is short, and one with more bytes than announced', async () => {
    const uploads = new FileUploads(connection, { timeouts, spoolRoot });
    const short = await uploads.begin('alice', request);
    await uploads.chunk('alice', short.uploadId, new Uint8Array([1]));
    await expect(uploads.finish('alice', short.uploadId)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^The upload ended early/),
    });
    const long = await uploads.begin('alice', request);
    await expect(uploads.chunk('alice', long.uploadId, new Uint8Array(5))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(uploads.count).toBe(0);
    expect(engine.commits).toEqual([]);
  });

  it(`holds at most ${maxUploadsPerClient} uploads per client, counting those still starting`, async () => {
    const uploads = new FileUploads(connection, { timeouts, spoolRoot });
    const starting = Array.from({ length: maxUploadsPerClient }, () => uploads.begin('alice', request));
    await expect(uploads.begin('alice', request)).rejects.toMatchObject({
      code: 'LIMIT_REACHED',
      message: `At most ${maxUploadsPerClient} uploads at a time per window: wait for one to finish`,
    });
    const begun = await Promise.all(starting);
    await expect(uploads.begin('alice', request)).rejects.toMatchObject({ code: 'LIMIT_REACHED' });
    await uploads.begin('bob', request);
    uploads.cancel('alice', begun[0]?.uploadId ?? '');
    await uploads.begin('alice', request);
    expect(uploads.count).toBe(maxUploadsPerClient + 1);
    uploads.disposeClient('alice');
    uploads.disposeClient('bob');
  });

  it('drops an upload whose client left while it was starting, and starts the next one normally', async () => {
    const uploads = new FileUploads(connection, { timeouts, spoolRoot });
    const begun = uploads.begin('alice', request);
    uploads.disposeClient('alice');
    await expect(begun).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'The window that started this upload closed' });
    expect(uploads.count).toBe(0);
    const again = await uploads.begin('alice', request);
    expect(uploads.count).toBe(1);
    uploads.cancel('alice', again.uploadId);
    await waitFor(async () => ((await spoolFiles()).length === 0 ? true : undefined), 'no spool left');
  });

  it('refuses a target that is not a folder, a file over a folder, and a clash unless replacing', async () => {
    const uploads = new FileUploads(connection, { timeouts, spoolRoot });
    engine.stat = { kind: 'file' };
    await expect(uploads.begin('alice', request)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    engine.stat = { kind: 'dir' };
    engine.existing = { '/data/a.txt': 'dir' };
    await expect(uploads.begin('alice', { ...request, replace: true })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'A folder of that name exists in /data: a.txt (a file cannot replace a folder)',
    });
    engine.existing = { '/data/a.txt': 'file' };
    await expect(uploads.begin('alice', request)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: 'Already in /data: a.txt. Replace it?',
      path: ['a.txt'],
    });
    const replacing = await uploads.begin('alice', { ...request, replace: true });
    uploads.cancel('alice', replacing.uploadId);
    expect(uploads.count).toBe(0);
  });

  it('once writing, an upload can no longer be cut, not even by its client leaving', async () => {
    const uploads = new FileUploads(connection, { timeouts, spoolRoot });
    const { uploadId } = await uploads.begin('alice', request);
    await uploads.chunk('alice', uploadId, new Uint8Array(4));
    let release: () => void = () => undefined;
    engine.commitGate = new Promise((resolve) => (release = resolve));
    const finishing = uploads.finish('alice', uploadId);
    const writing = { code: 'CONFLICT', message: 'This upload is being written into the container' };
    await expect(uploads.chunk('alice', uploadId, new Uint8Array(1))).rejects.toMatchObject(writing);
    expect(() => uploads.cancel('alice', uploadId)).toThrow(expect.objectContaining(writing));
    uploads.disposeClient('alice');
    release();
    expect(await finishing).toMatchObject({ bytes: 4 });
    expect(engine.commits).toHaveLength(1);
  });

  it("forgets why a departed client's uploads ended", async () => {
    const uploads = new FileUploads(connection, { timeouts, spoolRoot });
    const { uploadId } = await uploads.begin('alice', request);
    uploads.cancel('alice', uploadId);
    const other = await uploads.begin('bob', request);
    uploads.cancel('bob', other.uploadId);
    uploads.disposeClient('alice');
    await expect(uploads.chunk('alice', uploadId, new Uint8Array(1))).rejects.toMatchObject({
      message: 'This upload is over (finished, cancelled or ended)',
    });
    await expect(uploads.chunk('bob', other.uploadId, new Uint8Array(1))).rejects.toMatchObject({
      message: expect.stringMatching(/^This upload was cancelled/),
    });
  });

  it('ends an upload that goes quiet, and one that takes too long in all', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const uploads = new FileUploads(connection, { timeouts: { idleMs: 1000, uploadMaxMs: 5000 }, spoolRoot });
    const quiet = await uploads.begin('alice', request);
    vi.advanceTimersByTime(999);
    await uploads.chunk('alice', quiet.uploadId, new Uint8Array([1]));
    vi.advanceTimersByTime(999);
    expect(uploads.count).toBe(1);
    vi.advanceTimersByTime(1);
    expect(uploads.count).toBe(0);
    await expect(uploads.chunk('alice', quiet.uploadId, new Uint8Array([2]))).rejects.toMatchObject({
      code: 'LIMIT_REACHED',
      message: 'No bytes arrived for 1 s, so the upload was ended. Nothing was written; files already there are unchanged.',
    });

    const slow = await uploads.begin('alice', { ...request, files: [{ name: 'b.txt', size: 10 }] });
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(900);
      await uploads.chunk('alice', slow.uploadId, new Uint8Array([i]));
    }
    vi.advanceTimersByTime(500);
    expect(uploads.count).toBe(0);
    await expect(uploads.chunk('alice', slow.uploadId, new Uint8Array([9]))).rejects.toMatchObject({
      code: 'LIMIT_REACHED',
      message: expect.stringMatching(/^An upload may take at most 5 s/),
    });
  });
});

interface Received {
  messages: DownloadMessage[];
  ended: unknown[];
}

function downloadSink(): StreamSink<DownloadMessage> & Received {
  const messages: DownloadMessage[] = [];
  const ended: unknown[] = [];
  return { messages, ended, send: (m) => (messages.push(m), true), end: (e) => void ended.push(e ?? 'clean') };
}

async function startedDownload(
  downloads: InstanceType<typeof FileDownloads>,
  clientId: string,
  sink: ReturnType<typeof downloadSink>,
): Promise<{ downloadId: string; stop: () => void; archive: PassThrough }> {
  const stop = downloads.start(clientId, 'c1', '/data', sink);
  const start = await waitFor(() => sink.messages.find((m) => m.kind === 'start'), 'the download to start');
  const archive = engine.archives.at(-1);
  if (start.kind !== 'start' || !archive) throw new Error('no download started');
  return { downloadId: start.downloadId, stop, archive };
}

describe('downloads, per client', () => {
  it("refuses another client's acknowledgement, takes the owner's, and ignores one after the end", async () => {
    const downloads = new FileDownloads(connection, { idleMs: 60_000 });
    const sink = downloadSink();
    const { downloadId, archive } = await startedDownload(downloads, 'alice', sink);
    expect(() => downloads.ack('mallory', downloadId, 1)).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN', message: 'This download belongs to another window' }),
    );
    downloads.disposeClient('mallory');
    expect(downloads.count).toBe(1);
    downloads.ack('alice', downloadId, 0);
    archive.end(Buffer.from('tar bytes'));
    await waitFor(() => (sink.ended.length > 0 ? true : undefined), 'the download to end');
    expect(sink.messages.map((m) => m.kind)).toEqual(['start', 'data', 'done']);
    expect(sink.ended).toEqual(['clean']);
    expect(downloads.count).toBe(0);
    expect(() => downloads.ack('mallory', downloadId, 1)).not.toThrow();
  });

  it("a client going away stops its own downloads and frees the engine's response, not others'", async () => {
    const downloads = new FileDownloads(connection, { idleMs: 60_000 });
    const aliceSink = downloadSink();
    const bobSink = downloadSink();
    const alice = await startedDownload(downloads, 'alice', aliceSink);
    const bob = await startedDownload(downloads, 'bob', bobSink);
    downloads.disposeClient('alice');
    expect(alice.archive.destroyed).toBe(true);
    expect(aliceSink.ended).toEqual([
      expect.objectContaining({ code: 'NOT_FOUND', message: 'The window that started this download closed' }),
    ]);
    expect(bob.archive.destroyed).toBe(false);
    expect(downloads.count).toBe(1);
    bob.stop();
    expect(bob.archive.destroyed).toBe(true);
    expect(downloads.count).toBe(0);
  });

  it('waits for acknowledgements past the window, and ends a download nobody acknowledges', async () => {
    const downloads = new FileDownloads(connection, { idleMs: 200 });
    const sink = downloadSink();
    const { downloadId, archive } = await startedDownload(downloads, 'alice', sink);
    archive.write(Buffer.alloc(5 * 1024 * 1024));
    await waitFor(() => (downloads.isWaitingForAck(downloadId) ? true : undefined), 'the download to wait for acknowledgements');
    await waitFor(() => (sink.ended.length > 0 ? true : undefined), 'the stalled download to be ended');
    expect(sink.ended[0]).toMatchObject({
      code: 'LIMIT_REACHED',
      message: expect.stringContaining('the client acknowledged nothing for 200 ms'),
    });
    expect(archive.destroyed).toBe(true);
    expect(downloads.count).toBe(0);
  });

  it('refuses a device, pipe or socket before asking for its bytes', async () => {
    engine.stat = { kind: 'other' };
    const downloads = new FileDownloads(connection, { idleMs: 60_000 });
    const sink = downloadSink();
    downloads.start('alice', 'c1', '/dev/null', sink);
    await waitFor(() => (sink.ended.length > 0 ? true : undefined), 'the refusal');
    expect(sink.ended[0]).toMatchObject({
      code: 'BAD_REQUEST',
      message: '/dev/null is not a regular file or folder (a device, pipe or socket)',
    });
    expect(engine.archives).toEqual([]);
  });

  it('sends a file as its own bytes out of the engine tar, named after it', async () => {
    engine.stat = { kind: 'file', size: 5 };
    engine.archiveContent = await tarOf('notes.txt', 'hello');
    const downloads = new FileDownloads(connection, { idleMs: 60_000 });
    const sink = downloadSink();
    downloads.start('alice', 'c1', '/data/notes.txt', sink);
    await waitFor(() => (sink.ended.length > 0 ? true : undefined), 'the download to end');
    expect(sink.messages[0]).toMatchObject({ kind: 'start', fileName: 'notes.txt', format: 'file', size: 5 });
    const bytes = sink.messages.flatMap((m) => (m.kind === 'data' ? [Buffer.from(m.data).toString()] : [])).join('');
    expect(bytes).toBe('hello');
    expect(sink.messages.at(-1)).toEqual({ kind: 'done', bytes: 5 });
    expect(sink.ended).toEqual(['clean']);
  });

  it('names a folder download <name>.tar, and the root root.tar', async () => {
    const downloads = new FileDownloads(connection, { idleMs: 60_000 });
    for (const [folder, fileName] of [
      ['/data', 'data.tar'],
      ['/', 'root.tar'],
    ] as const) {
      const sink = downloadSink();
      downloads.start('alice', 'c1', folder, sink);
      const start = await waitFor(() => sink.messages.find((m) => m.kind === 'start'), 'the start');
      expect(start).toMatchObject({ fileName, format: 'tar', size: null });
      engine.archives.at(-1)?.end();
      await waitFor(() => (sink.ended.length > 0 ? true : undefined), 'the end');
    }
  });

  it('refuses a file over the limit before asking for it, and says when the engine sent an empty archive', async () => {
    const downloads = new FileDownloads(connection, { idleMs: 60_000 });
    engine.stat = { kind: 'file', size: filesLimits.downloadMaxBytes + 1 };
    const big = downloadSink();
    downloads.start('alice', 'c1', '/big.iso', big);
    await waitFor(() => (big.ended.length > 0 ? true : undefined), 'the refusal');
    expect(big.ended[0]).toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^\/big\.iso is over \d+ MB, more than Berth downloads through the browser: use docker cp$/),
    });
    expect(engine.archives).toEqual([]);

    engine.stat = { kind: 'file', size: filesLimits.downloadMaxBytes };
    engine.archiveContent = Buffer.alloc(1024);
    const empty = downloadSink();
    downloads.start('alice', 'c1', '/x', empty);
    await waitFor(() => (empty.ended.length > 0 ? true : undefined), 'the empty archive');
    expect(empty.ended[0]).toMatchObject({ code: 'ENGINE_ERROR', message: 'The engine sent an empty archive' });
  });

  it('ends a download the engine stops feeding, saying so, and passes on an engine stream error', async () => {
    const downloads = new FileDownloads(connection, { idleMs: 150 });
    const quiet = downloadSink();
    await startedDownload(downloads, 'alice', quiet);
    await waitFor(() => (quiet.ended.length > 0 ? true : undefined), 'the quiet download to end');
    expect(quiet.ended[0]).toMatchObject({ code: 'LIMIT_REACHED', message: expect.stringContaining('the engine sent nothing for 150 ms') });

    const broken = downloadSink();
    const { archive } = await startedDownload(new FileDownloads(connection, { idleMs: 60_000 }), 'alice', broken);
    archive.destroy(new Error('engine connection reset'));
    await waitFor(() => (broken.ended.length > 0 ? true : undefined), 'the error to reach the client');
    expect(String(broken.ended[0])).toContain('engine connection reset');
  });

  it('a download stopped before the engine answered frees the answer when it comes and sends nothing', async () => {
    const downloads = new FileDownloads(connection, { idleMs: 60_000 });
    const sink = downloadSink();
    const stop = downloads.start('alice', 'c1', '/data', sink);
    stop();
    const archive = await waitFor(() => engine.archives[0], 'the engine answer');
    await waitFor(() => (archive.destroyed ? true : undefined), 'the answer to be freed');
    expect(sink.messages).toEqual([]);
    expect(downloads.count).toBe(0);
  });
});

/** An archive-API tar holding one file. */
async function tarOf(name: string, content: string): Promise<Buffer> {
  const tar = tarPack();
  tar.entry({ name, size: Buffer.byteLength(content) }, content);
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
