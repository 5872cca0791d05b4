// The per-client bookkeeping of uploads and downloads, fast enough for `npm run test:mutate`: the
// engine boundary (archive-api.ts, upload-commit.ts) is replaced by stand-ins, the spool is real.
// What the engine does with the bytes is tested against the real engine in transfers.int.test.ts
// and container-files.int.test.ts; here only who may touch a transfer, and what is left after one.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DownloadMessage } from '../../../../shared/files-types.js';
import type { StreamSink } from '../../stream-sink.js';
import { waitFor } from '../../../test-support/engine-fixtures.js';
import { EngineConnection } from '../../engine-connection.js';
import type { PathStat } from './path-stat.js';

const engine = vi.hoisted(() => ({
  stat: { kind: 'dir' } as { kind: string; size?: number },
  archives: [] as PassThrough[],
  commits: [] as { dir: string; bytes: number }[],
}));

vi.mock('./archive-api.js', () => ({
  openContainer: async (_connection: unknown, id: string) => ({ container: {}, name: id, execable: true }),
  resolvePath: async (_connection: unknown, _c: unknown, p: string) => ({ path: p, stat: { name: p, mode: 0, mtime: null, linkTarget: '', size: 0, ...engine.stat } as PathStat }),
  pathExists: async () => undefined,
  getArchive: async () => {
    const archive = new PassThrough();
    engine.archives.push(archive);
    return archive;
  },
}));

vi.mock('./upload-commit.js', () => ({
  commitUpload: async (_connection: unknown, _c: unknown, target: { dir: string }, spool: { received: number; files: { name: string }[] }) => {
    engine.commits.push({ dir: target.dir, bytes: spool.received });
    return { written: spool.files.map((f) => f.name), notWritten: [] };
  },
}));

const { FileUploads } = await import('./file-upload.js');
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
    expect(engine.commits).toEqual([{ dir: '/data', bytes: 4 }]);
    expect(uploads.count).toBe(0);
    await waitFor(async () => ((await spoolFiles()).length === 0 ? true : undefined), 'the spool to be removed');
  });

  it('a cancelled upload writes nothing, leaves no spool, and its owner hears why next time', async () => {
    const uploads = new FileUploads(connection, { timeouts, spoolRoot });
    const { uploadId } = await uploads.begin('alice', request);
    await uploads.chunk('alice', uploadId, new Uint8Array([1, 2]));
    uploads.cancel('alice', uploadId);
    expect(uploads.count).toBe(0);
    await expect(uploads.chunk('alice', uploadId, new Uint8Array([3]))).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^This upload was cancelled/) });
    // Another client learns nothing about it.
    await expect(uploads.finish('mallory', uploadId)).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'This upload is over (finished, cancelled or ended)' });
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
    expect(engine.commits).toEqual([{ dir: '/data', bytes: 4 }]);
    await waitFor(async () => ((await spoolFiles()).length === 0 ? true : undefined), 'both spools to be removed');
  });

  it('refuses to finish an upload that is short, and one with more bytes than announced', async () => {
    const uploads = new FileUploads(connection, { timeouts, spoolRoot });
    const short = await uploads.begin('alice', request);
    await uploads.chunk('alice', short.uploadId, new Uint8Array([1]));
    await expect(uploads.finish('alice', short.uploadId)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/^The upload ended early/) });
    const long = await uploads.begin('alice', request);
    await expect(uploads.chunk('alice', long.uploadId, new Uint8Array(5))).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(uploads.count).toBe(0);
    expect(engine.commits).toEqual([]);
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
    await expect(uploads.chunk('alice', slow.uploadId, new Uint8Array([9]))).rejects.toMatchObject({ code: 'LIMIT_REACHED', message: expect.stringMatching(/^An upload may take at most 5 s/) });
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

async function startedDownload(downloads: InstanceType<typeof FileDownloads>, clientId: string, sink: ReturnType<typeof downloadSink>): Promise<{ downloadId: string; stop: () => void; archive: PassThrough }> {
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
    expect(() => downloads.ack('mallory', downloadId, 1)).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: 'This download belongs to another window' }));
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
    expect(aliceSink.ended).toEqual([expect.objectContaining({ code: 'NOT_FOUND', message: 'The window that started this download closed' })]);
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
    expect(sink.ended[0]).toMatchObject({ code: 'LIMIT_REACHED', message: expect.stringContaining('the client acknowledged nothing for 200 ms') });
    expect(archive.destroyed).toBe(true);
    expect(downloads.count).toBe(0);
  });

  it('refuses a device, pipe or socket before asking for its bytes', async () => {
    engine.stat = { kind: 'other' };
    const downloads = new FileDownloads(connection, { idleMs: 60_000 });
    const sink = downloadSink();
    downloads.start('alice', 'c1', '/dev/null', sink);
    await waitFor(() => (sink.ended.length > 0 ? true : undefined), 'the refusal');
    expect(sink.ended[0]).toMatchObject({ code: 'BAD_REQUEST', message: '/dev/null is not a regular file or folder (a device, pipe or socket)' });
    expect(engine.archives).toEqual([]);
  });
});
