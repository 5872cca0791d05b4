// closeAll of uploads and downloads (Berth closing), with the engine boundary replaced by stand-ins
// as in file-transfers.mutation.test.ts; the same against the real engine is in
// electron/server/engine-services.int.test.ts.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DownloadMessage } from '../../../../shared/files-types.js';
import type { StreamSink } from '../../stream-sink.js';
import { waitFor } from '../../../test-support/engine-fixtures.js';
import { EngineConnection } from '../../engine-connection.js';
import type { PathStat } from './path-stat.js';

const engine = vi.hoisted(() => ({
  archives: [] as PassThrough[],
  commits: [] as number[],
  /** While set, a commit waits for it. */
  commitGate: undefined as Promise<void> | undefined,
}));

vi.mock('./archive-api.js', () => ({
  openContainer: async (_connection: unknown, id: string) => ({ container: {}, name: id, execable: true }),
  resolvePath: async (_connection: unknown, _c: unknown, p: string) => ({
    path: p,
    stat: { name: p, mode: 0, mtime: null, linkTarget: '', size: 0, kind: 'dir' } as PathStat,
  }),
  pathExists: async () => undefined,
  getArchive: async () => {
    const archive = new PassThrough();
    engine.archives.push(archive);
    return archive;
  },
}));

vi.mock('./upload-commit.js', () => ({
  commitUpload: async (_connection: unknown, _c: unknown, _target: unknown, spool: { received: number; files: { name: string }[] }) => {
    await engine.commitGate;
    engine.commits.push(spool.received);
    return { written: spool.files.map((f) => f.name), notWritten: [] };
  },
}));

const { FileUploads } = await import('./file-upload.js');
const { FileDownloads } = await import('./file-download.js');

const connection = new EngineConnection({ id: 'no-engine', dockerHost: 'unix:///nonexistent/berth-test.sock' });
const timeouts = { idleMs: 60_000, uploadMaxMs: 600_000 };
const request = { id: 'c1', dir: '/data', files: [{ name: 'a.txt', size: 2 }], replace: false };
let spoolRoot: string;

beforeAll(async () => {
  spoolRoot = await mkdtemp(path.join(tmpdir(), 'berth-close-all-test-'));
});

afterAll(async () => {
  await rm(spoolRoot, { recursive: true, force: true });
});

describe('closing every transfer', () => {
  it("ends every client's receiving uploads with the reason and no spool left; one being written completes", async () => {
    const uploads = new FileUploads(connection, { timeouts, spoolRoot });
    const alice = await uploads.begin('alice', request);
    const bob = await uploads.begin('bob', request);
    const writing = await uploads.begin('carol', request);
    await uploads.chunk('carol', writing.uploadId, new Uint8Array([1, 2]));
    let open!: () => void;
    engine.commitGate = new Promise<void>((resolve) => (open = resolve));
    const finishing = uploads.finish('carol', writing.uploadId);
    uploads.closeAll();
    expect(uploads.count).toBe(1);
    for (const [client, { uploadId }] of [
      ['alice', alice],
      ['bob', bob],
    ] as const) {
      await expect(uploads.chunk(client, uploadId, new Uint8Array([1]))).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: expect.stringMatching(/^Berth closed before this upload was complete/),
      });
    }
    open();
    expect(await finishing).toMatchObject({ bytes: 2 });
    expect(engine.commits).toEqual([2]);
    await waitFor(async () => ((await readdir(spoolRoot)).length === 0 ? true : undefined), 'every spool removed');
  });

  it("stops every client's downloads and tells each stream", async () => {
    const downloads = new FileDownloads(connection, timeouts);
    const ends: unknown[] = [];
    const sink = (): StreamSink<DownloadMessage> => ({ send: () => true, end: (error) => void ends.push(error) });
    downloads.start('alice', 'c1', '/data', sink());
    downloads.start('bob', 'c1', '/data', sink());
    await waitFor(() => (engine.archives.length === 2 ? true : undefined), 'both archives asked for');
    expect(downloads.count).toBe(2);
    downloads.closeAll();
    expect(downloads.count).toBe(0);
    expect(ends).toEqual([expect.objectContaining({ code: 'NOT_FOUND' }), expect.objectContaining({ code: 'NOT_FOUND' })]);
    expect(engine.archives.every((a) => a.destroyed)).toBe(true);
  });
});
