import { execFile } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, readdirSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BerthError } from '../../../../shared/errors.js';
import type { DownloadMessage } from '../../../../shared/files-types.js';
import {
  createFixture,
  fixtureImage,
  fixtureLabel,
  removeFixtures,
  testDocker,
  uniqueName,
  waitFor,
} from '../../../test-support/engine-fixtures.js';
import { EngineConnection } from '../../engine-connection.js';
import { ContainerFiles, type ContainerFilesOptions } from '../container-files.js';

const owner = 'owner-client';
const other = 'other-client';
const original = 'the original content, which must survive\n';
const newBytes = Buffer.from(Array.from({ length: 3_000_000 }, (_v, i) => (i * 13) % 251));
const runExecFile = promisify(execFile);

/** The docker CLI, without blocking the event loop: a call the engine never answers fails the test by its timeout. */
async function docker(...args: string[]): Promise<string> {
  return (await runExecFile('docker', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
}

async function failure(promise: Promise<unknown>): Promise<BerthError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof BerthError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

function refused(run: () => void): BerthError {
  try {
    run();
  } catch (err) {
    if (err instanceof BerthError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

interface Download {
  downloadId: () => string;
  received: () => number;
  ended: Promise<unknown>;
}

/** Starts a download that acknowledges nothing (a client that stopped reading). */
function unackedDownload(files: ContainerFiles, clientId: string, id: string, path: string): Download {
  let downloadId = '';
  let received = 0;
  let settle: (error: unknown) => void = () => undefined;
  const ended = new Promise<unknown>((resolve) => (settle = resolve));
  files.download(clientId, id, path, {
    send(message: DownloadMessage) {
      if (message.kind === 'start') downloadId = message.downloadId;
      if (message.kind === 'data') received += message.data.byteLength;
      return true;
    },
    end: (error) => settle(error ?? 'done'),
  });
  return { downloadId: () => downloadId, received: () => received, ended };
}

/** Each instance spools into its own folder, so a test can see that nothing is left on the host. */
function filesWith(connection: EngineConnection, options: ContainerFilesOptions = {}): { files: ContainerFiles; spool: string } {
  const spool = mkdtempSync(join(tmpdir(), 'berth-test-spool-'));
  return { files: new ContainerFiles(connection, { ...options, spoolRoot: spool }), spool };
}

describe('file transfers against the real engine: cuts, stalls, ownership', () => {
  const connection = new EngineConnection({ id: 'test-transfers' });
  const running = uniqueName('xfer-run');
  const stopped = uniqueName('xfer-stop');
  const full = uniqueName('xfer-full');
  const volume = uniqueName('xfer-vol');
  const spools: string[] = [];
  const make = (options: ContainerFilesOptions = {}): { files: ContainerFiles; spool: string } => {
    const made = filesWith(connection, options);
    spools.push(made.spool);
    return made;
  };
  const plain = make();
  const idle = make({ timeouts: { idleMs: 500 } });
  const capped = make({ timeouts: { uploadMaxMs: 1500 } });
  let caseNumber = 0;

  /** A fresh folder holding `orig.txt` with the original content. */
  async function folderWithOriginal(container: string): Promise<string> {
    const dir = `/data/case${++caseNumber}`;
    const c = testDocker.getContainer(container);
    if ((await c.inspect()).State.Running) {
      await docker('exec', container, 'sh', '-c', `mkdir -p ${dir} && printf '%s' "$1" > ${dir}/orig.txt`, 'sh', original);
    } else {
      await c.start();
      await docker('exec', container, 'sh', '-c', `mkdir -p ${dir} && printf '%s' "$1" > ${dir}/orig.txt`, 'sh', original);
      await c.stop();
    }
    return dir;
  }

  /** The file's bytes, read through the archive API (works in a stopped container too). */
  async function contentOf(container: string, path: string): Promise<string> {
    const parts: Uint8Array[] = [];
    await new Promise<void>((resolve, reject) => {
      plain.files.download('reader', container, path, {
        send(message) {
          if (message.kind === 'data') parts.push(message.data.slice());
          return true;
        },
        end: (error) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve()),
      });
    });
    return Buffer.concat(parts).toString();
  }

  async function expectUntouched(container: string, dir: string, spool: string): Promise<void> {
    expect(await contentOf(container, `${dir}/orig.txt`)).toBe(original);
    const names = (await plain.files.list(container, dir)).entries.map((e) => e.name);
    expect(names).toEqual(['orig.txt']);
    await waitFor(() => (readdirSync(spool).length === 0 ? true : undefined), 'the spool folder to be empty');
  }

  async function beginReplacing(files: ContainerFiles, container: string, dir: string): Promise<string> {
    const { uploadId } = await files.beginUpload(owner, {
      id: container,
      dir,
      files: [{ name: 'orig.txt', size: newBytes.byteLength }],
      replace: true,
    });
    // Two of the three chunks: a streaming upload would have made the engine start writing by now.
    await files.uploads.chunk(owner, uploadId, newBytes.subarray(0, 1024 * 1024));
    await files.uploads.chunk(owner, uploadId, newBytes.subarray(1024 * 1024, 2 * 1024 * 1024));
    return uploadId;
  }

  beforeAll(async () => {
    await connection.connect();
    const c = await createFixture(running);
    await c.start();
    const s = await createFixture(stopped);
    await s.start();
    await docker('exec', stopped, 'mkdir', '-p', '/data');
    await s.stop();
    // A 1 MiB tmpfs volume: a replacement bigger than that cannot be written in full.
    await testDocker.createVolume({
      Name: volume,
      Driver: 'local',
      DriverOpts: { type: 'tmpfs', device: 'tmpfs', o: 'size=1m' },
      Labels: { [fixtureLabel]: 'true' },
    });
    const f = await testDocker.createContainer({
      name: full,
      Image: fixtureImage,
      Cmd: ['sleep', '600'],
      Labels: { [fixtureLabel]: 'true' },
      HostConfig: { Binds: [`${volume}:/small`] },
    });
    await f.start();
  });

  afterAll(async () => {
    connection.close();
    await removeFixtures('berth-test-xfer-');
    // The engine may still hold the volume for a moment after removing its container.
    await waitFor(
      () =>
        testDocker
          .getVolume(volume)
          .remove()
          .then(
            () => true,
            () => undefined,
          ),
      'the test volume to be removed',
      30_000,
    ).catch(() => undefined);
    for (const spool of spools) rmSync(spool, { recursive: true, force: true });
  });

  describe.each([
    ['running', () => running],
    ['stopped', () => stopped],
  ])('a replacing upload cut off leaves the original whole (%s container)', (_state, container) => {
    it('when cancelled', async () => {
      const dir = await folderWithOriginal(container());
      const uploadId = await beginReplacing(plain.files, container(), dir);
      plain.files.uploads.cancel(owner, uploadId);
      const late = await failure(plain.files.uploads.chunk(owner, uploadId, newBytes.subarray(0, 10)));
      expect(late.message).toMatch(/cancelled\. Nothing was written/);
      await expectUntouched(container(), dir, plain.spool);
    });

    it('when its client goes away (socket closed)', async () => {
      const dir = await folderWithOriginal(container());
      await beginReplacing(plain.files, container(), dir);
      plain.files.disposeClient(owner);
      expect(plain.files.uploads.count).toBe(0);
      await expectUntouched(container(), dir, plain.spool);
    });

    it('when it sends nothing for the idle limit', async () => {
      const dir = await folderWithOriginal(container());
      const uploadId = await beginReplacing(idle.files, container(), dir);
      await waitFor(() => (idle.files.uploads.count === 0 ? true : undefined), 'the idle upload to be ended');
      const late = await failure(idle.files.uploads.chunk(owner, uploadId, newBytes.subarray(0, 10)));
      expect(late.code).toBe('LIMIT_REACHED');
      expect(late.message).toMatch(/No bytes arrived for 500 ms, so the upload was ended\. Nothing was written/);
      await expectUntouched(container(), dir, idle.spool);
    });

    it('when it finishes with fewer bytes than announced', async () => {
      const dir = await folderWithOriginal(container());
      const uploadId = await beginReplacing(plain.files, container(), dir);
      const short = await failure(plain.files.uploads.finish(owner, uploadId));
      expect(short.code).toBe('BAD_REQUEST');
      expect(short.message).toMatch(/ended early: 902848 of the 3000000 bytes of orig\.txt did not arrive\. Nothing was written/);
      await expectUntouched(container(), dir, plain.spool);
    });
  });

  it('an upload that keeps sending a trickle is ended at its total time cap', async () => {
    const dir = await folderWithOriginal(running);
    const uploadId = await beginReplacing(capped.files, running, dir);
    let sent = 2 * 1024 * 1024;
    // A byte per poll keeps the upload from going idle; only the total cap can end it.
    const ended = await waitFor(async () => {
      try {
        await capped.files.uploads.chunk(owner, uploadId, newBytes.subarray(sent, ++sent));
        return undefined;
      } catch (err) {
        return err as BerthError;
      }
    }, 'the total time cap to end the upload');
    expect(ended.code).toBe('LIMIT_REACHED');
    expect(ended.message).toMatch(/An upload may take at most 1\.5 s; this one was ended\. Nothing was written/);
    await expectUntouched(running, dir, capped.spool);
  });

  it('a replacement the container cannot hold (disk full) leaves the original whole', async () => {
    const before = Buffer.from(Array.from({ length: 600_000 }, (_v, i) => i % 256));
    const upload = async (bytes: Buffer, replace: boolean): Promise<unknown> => {
      const { uploadId } = await plain.files.beginUpload(owner, {
        id: full,
        dir: '/small',
        files: [{ name: 'f.bin', size: bytes.byteLength }],
        replace,
      });
      for (let at = 0; at < bytes.byteLength; at += 1024 * 1024)
        await plain.files.uploads.chunk(owner, uploadId, bytes.subarray(at, at + 1024 * 1024));
      return plain.files.uploads.finish(owner, uploadId);
    };
    await upload(before, false);
    const tooBig = await failure(upload(Buffer.alloc(1_200_000, 7), true));
    expect(tooBig.message).toBe(
      `No space left in ${full} where /small is (the disk or volume is full). Nothing was written; files already there are unchanged.`,
    );
    const after = Buffer.from(await docker('exec', full, 'base64', '/small/f.bin').then((b) => b.replace(/\s/g, '')), 'base64');
    expect(after.equals(before)).toBe(true);
    expect(await docker('exec', full, 'ls', '-A', '/small')).toBe('f.bin');
  });

  it('a spool that fails while being written aborts the engine request: nothing written, the container answers', async () => {
    const own = make();
    const dir = await folderWithOriginal(running);
    const uploadId = await beginReplacing(own.files, running, dir);
    await own.files.uploads.chunk(owner, uploadId, newBytes.subarray(2 * 1024 * 1024));
    // The host loses most of the spooled bytes (a full disk, another process): the tar stops short.
    const [folder] = readdirSync(own.spool);
    truncateSync(join(own.spool, folder!, 'bytes'), 1000);
    const err = await failure(own.files.uploads.finish(owner, uploadId));
    expect(err.message).toMatch(/Nothing was written; files already there are unchanged/);
    expect(await docker('inspect', '--format', '{{.State.Running}}', running)).toBe('true');
    await expectUntouched(running, dir, own.spool);
  });

  it('a spool that stalls while being written is aborted after the idle time: nothing written, the container answers', async () => {
    const own = make({ timeouts: { idleMs: 500 } });
    const dir = await folderWithOriginal(running);
    const uploadId = await beginReplacing(own.files, running, dir);
    await own.files.uploads.chunk(owner, uploadId, newBytes.subarray(2 * 1024 * 1024));
    // The spool becomes a pipe held open but never written: reading it waits, so the tar stalls.
    const [folder] = readdirSync(own.spool);
    const bytes = join(own.spool, folder!, 'bytes');
    rmSync(bytes);
    await runExecFile('mkfifo', [bytes]);
    const writer = openSync(bytes, constants.O_RDWR | constants.O_NONBLOCK);
    try {
      const err = await failure(own.files.uploads.finish(owner, uploadId));
      expect(err.message).toMatch(
        /stopped \(the engine took no bytes for 500 ms, or the spool on the Berth host failed\)\. Nothing was written/,
      );
      expect(await docker('inspect', '--format', '{{.State.Running}}', running)).toBe('true');
      await expectUntouched(running, dir, own.spool);
    } finally {
      // Closing the only writer ends the pipe, which releases the read still waiting on it.
      closeSync(writer);
    }
  });

  it('replaces a file by renaming a complete copy over it: root-owned, mode 0644, as docker cp did', async () => {
    const dir = await folderWithOriginal(running);
    await docker('exec', running, 'sh', '-c', `chown 1000:1000 ${dir}/orig.txt && chmod 600 ${dir}/orig.txt`);
    const inode = await docker('exec', running, 'stat', '-c', '%i', `${dir}/orig.txt`);
    const { uploadId } = await plain.files.beginUpload(owner, { id: running, dir, files: [{ name: 'orig.txt', size: 3 }], replace: true });
    await plain.files.uploads.chunk(owner, uploadId, Buffer.from('new'));
    expect(await plain.files.uploads.finish(owner, uploadId)).toEqual({ dir, written: ['orig.txt'], notWritten: [], bytes: 3 });
    expect(await docker('exec', running, 'cat', `${dir}/orig.txt`)).toBe('new');
    expect(await docker('exec', running, 'stat', '-c', '%a %u %g', `${dir}/orig.txt`)).toBe('644 0 0');
    // A rename puts a new inode in place; writing into the old file would have kept its inode.
    expect(await docker('exec', running, 'stat', '-c', '%i', `${dir}/orig.txt`)).not.toBe(inode);
    expect(await docker('exec', running, 'ls', '-A', dir)).toBe('orig.txt');
  });

  it('says which files were written and which were not', async () => {
    const dir = await folderWithOriginal(running);
    const { uploadId } = await plain.files.beginUpload(owner, {
      id: running,
      dir,
      files: [
        { name: 'orig.txt', size: 3 },
        { name: 'later', size: 2 },
      ],
      replace: true,
    });
    await plain.files.uploads.chunk(owner, uploadId, Buffer.from('newab'));
    // Meanwhile a folder of that name appears: a file cannot replace it.
    await docker('exec', running, 'mkdir', `${dir}/later`);
    const result = await plain.files.uploads.finish(owner, uploadId);
    expect(result.written).toEqual(['orig.txt']);
    expect(result.notWritten).toEqual([{ name: 'later', reason: expect.stringMatching(/director/i) as unknown as string }]);
    expect((await docker('exec', running, 'ls', '-A', dir)).split('\n').sort()).toEqual(['later', 'orig.txt']);
  });

  it('a download whose client stops acknowledging is ended, and the container answers docker again', async () => {
    await docker('exec', running, 'sh', '-c', 'head -c 20000000 /dev/urandom > /data/stall.bin');
    const download = unackedDownload(idle.files, owner, running, '/data/stall.bin');
    const error = await download.ended;
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('LIMIT_REACHED');
    expect((error as BerthError).message).toMatch(/the client acknowledged nothing for 500 ms/);
    expect(idle.files.downloads.count).toBe(0);
    expect(await docker('inspect', '--format', '{{.State.Running}}', running)).toBe('true');
    expect(await docker('exec', running, 'echo', 'answered')).toBe('answered');
  });

  it('an upload that stops sending does not lock the container meanwhile', async () => {
    const dir = await folderWithOriginal(running);
    const uploadId = await beginReplacing(plain.files, running, dir);
    // The upload is open and silent; the engine is not waiting for it.
    expect(await docker('inspect', '--format', '{{.State.Running}}', running)).toBe('true');
    expect(await docker('exec', running, 'cat', `${dir}/orig.txt`)).toBe(original.trimEnd());
    plain.files.uploads.cancel(owner, uploadId);
  });

  describe('another window cannot touch a transfer it did not start', () => {
    it('refuses its upload chunk, finish and cancel, and the owner’s upload completes', async () => {
      const dir = await folderWithOriginal(running);
      const uploadId = await beginReplacing(plain.files, running, dir);
      for (const attempt of [
        plain.files.uploads.chunk(other, uploadId, newBytes.subarray(0, 10)),
        plain.files.uploads.finish(other, uploadId),
        Promise.resolve().then(() => plain.files.uploads.cancel(other, uploadId)),
      ]) {
        const err = await failure(attempt);
        expect(err.code).toBe('FORBIDDEN');
        expect(err.message).toBe('This upload belongs to another window');
      }
      for (let at = 2 * 1024 * 1024; at < newBytes.byteLength; at += 1024 * 1024) {
        await plain.files.uploads.chunk(owner, uploadId, newBytes.subarray(at, at + 1024 * 1024));
      }
      expect((await plain.files.uploads.finish(owner, uploadId)).written).toEqual(['orig.txt']);
      const back = Buffer.from((await docker('exec', running, 'base64', `${dir}/orig.txt`)).replace(/\s/g, ''), 'base64');
      expect(back.equals(newBytes)).toBe(true);
    });

    it('refuses its download acknowledgement, which does not open the owner’s window', async () => {
      await docker('exec', running, 'sh', '-c', 'head -c 20000000 /dev/urandom > /data/owned.bin');
      const download = unackedDownload(plain.files, owner, running, '/data/owned.bin');
      await waitFor(
        () => (plain.files.downloads.isWaitingForAck(download.downloadId()) ? true : undefined),
        'the download to wait for an ack',
      );
      const err = refused(() => plain.files.downloads.ack(other, download.downloadId(), 20_000_000));
      expect(err.code).toBe('FORBIDDEN');
      expect(plain.files.downloads.isWaitingForAck(download.downloadId())).toBe(true);
      let acked = 0;
      await waitFor(
        () => {
          if (download.received() > acked) plain.files.downloads.ack(owner, download.downloadId(), download.received() - acked);
          acked = download.received();
          return acked === 20_000_000 ? true : undefined;
        },
        'the owner to receive every byte',
        30_000,
      );
      expect(await download.ended).toBe('done');
    });
  });

  it('an upload still starting when its client goes away is dropped too', async () => {
    const dir = await folderWithOriginal(running);
    const starting = plain.files.beginUpload(owner, { id: running, dir, files: [{ name: 'orig.txt', size: 10 }], replace: true });
    plain.files.disposeClient(owner);
    const err = await failure(starting);
    expect(err.message).toBe('The window that started this upload closed');
    expect(plain.files.uploads.count).toBe(0);
    await expectUntouched(running, dir, plain.spool);
  });

  it('a window may have at most 4 uploads open at a time', async () => {
    const dir = await folderWithOriginal(running);
    const begin = (clientId: string, name: string): Promise<{ uploadId: string }> =>
      plain.files.beginUpload(clientId, { id: running, dir, files: [{ name, size: 1 }], replace: false });
    const open = await Promise.all(['a', 'b', 'c', 'd'].map((name) => begin(owner, name)));
    const fifth = await failure(begin(owner, 'e'));
    expect(fifth.code).toBe('LIMIT_REACHED');
    expect(fifth.message).toBe('At most 4 uploads at a time per window: wait for one to finish');
    const others = await begin(other, 'e');
    for (const { uploadId } of open) plain.files.uploads.cancel(owner, uploadId);
    plain.files.uploads.cancel(other, others.uploadId);
    expect(plain.files.uploads.count).toBe(0);
    await expectUntouched(running, dir, plain.spool);
  });

  it('after a client goes away nothing it started is left: no exec, no partial upload, no temp file, no open download', async () => {
    const dir = await folderWithOriginal(running);
    await docker('exec', running, 'sh', '-c', 'head -c 20000000 /dev/urandom > /data/gone.bin');
    await beginReplacing(plain.files, running, dir);
    const download = unackedDownload(plain.files, owner, running, '/data/gone.bin');
    await waitFor(
      () => (plain.files.downloads.isWaitingForAck(download.downloadId()) ? true : undefined),
      'the download to wait for an ack',
    );
    expect(plain.files.uploads.count).toBe(1);
    expect(plain.files.downloads.count).toBe(1);

    plain.files.disposeClient(owner);

    expect(plain.files.uploads.count).toBe(0);
    expect(plain.files.downloads.count).toBe(0);
    expect(((await download.ended) as BerthError).message).toBe('The window that started this download closed');
    await expectUntouched(running, dir, plain.spool);
    const execIds = (await testDocker.getContainer(running).inspect()).ExecIDs ?? [];
    const execs = await Promise.all(execIds.map((id) => testDocker.getExec(id).inspect()));
    expect(execs.filter((e) => e.Running)).toEqual([]);
    expect(await docker('exec', running, 'echo', 'answered')).toBe('answered');
  });
});
