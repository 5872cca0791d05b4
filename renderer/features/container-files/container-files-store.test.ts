import { describe, expect, it } from 'vitest';
import type { DirectoryListing, FileEntry } from '../../../shared/files-types.js';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { createActivityStore } from '../activity/activity-store.js';
import { modeText, sortEntries } from './file-mode-text.js';
import { createContainerFilesStore, type PickedFile } from './container-files-store.js';

const file = (name: string, size = 1): FileEntry => ({ name, kind: 'file', size, mode: 0o644, mtime: 0 });
const dir = (name: string): FileEntry => ({ name, kind: 'dir', size: 4096, mode: 0o755, mtime: 0 });

function setup(entries: FileEntry[] = [file('hosts'), dir('ssl')]) {
  const transport = new FakeTransport();
  transport.reply(
    'files.list',
    (input: unknown) => ({ path: (input as { path: string }).path, entries, method: 'exec' }) satisfies DirectoryListing,
  );
  const activity = createActivityStore();
  const saved: Array<{ name: string; bytes: number[]; format: string }> = [];
  const store = createContainerFilesStore({
    client: new BerthClient(transport),
    activity,
    containerId: 'c1',
    containerName: 'web',
    save: (name, parts, format) => saved.push({ name, bytes: parts.flatMap((p) => [...p]), format }),
  });
  return { transport, activity, store, saved };
}

function picked(name: string, bytes: number[]): PickedFile {
  const data = new Uint8Array(bytes);
  return { name, size: data.byteLength, slice: async (s, e) => data.slice(s, e) };
}

describe('files store', () => {
  it('lists a normalised path, goes into a folder and back up', async () => {
    const { store, transport } = setup();
    await store.getState().open('/etc/./');
    expect(transport.callsTo('files.list').at(-1)?.input).toEqual({ id: 'c1', path: '/etc' });
    await store.getState().openEntry(dir('ssl'));
    expect(store.getState().path).toBe('/etc/ssl');
    await store.getState().openEntry(file('hosts'));
    expect(store.getState().path).toBe('/etc/ssl');
    await store.getState().up();
    expect(store.getState().path).toBe('/etc');
  });

  it('shows a bad path without asking the server, and the server error for a missing one', async () => {
    const { store, transport } = setup();
    await store.getState().open('etc');
    expect(store.getState().error).toMatch(/absolute/);
    expect(transport.callsTo('files.list')).toHaveLength(0);
    transport.fail('files.list', { code: 'NOT_FOUND', message: 'No such file or folder in web: /nope' });
    await store.getState().open('/nope');
    expect(store.getState().error).toBe('No such file or folder in web: /nope');
  });

  it('uploads in chunks, then lists again; asks before replacing a name', async () => {
    const { store, transport, activity } = setup();
    transport.reply('files.uploadBegin', { uploadId: 'upload-0001' });
    transport.reply('files.uploadChunk', null);
    transport.reply('files.uploadFinish', { dir: '/etc', written: ['new.txt'], notWritten: [], bytes: 3 });
    await store.getState().open('/etc');
    await store.getState().upload([picked('new.txt', [1, 2, 3])]);
    expect(transport.callsTo('files.uploadBegin')[0]?.input).toEqual({
      id: 'c1',
      dir: '/etc',
      files: [{ name: 'new.txt', size: 3 }],
      replace: false,
    });
    expect((transport.callsTo('files.uploadChunk')[0]?.input as { data: Uint8Array }).data).toEqual(new Uint8Array([1, 2, 3]));
    expect(store.getState().notice).toBe('Uploaded new.txt to /etc');
    expect(activity.getState().entries.at(-1)?.command).toBe('docker cp new.txt web:/etc');

    await store.getState().upload([picked('hosts', [9])]);
    expect(store.getState().replaceRequest?.names).toEqual(['hosts']);
    expect(transport.callsTo('files.uploadBegin')).toHaveLength(1);
    store.getState().cancelReplace();
    expect(store.getState().replaceRequest).toBeNull();
    await store.getState().upload([picked('hosts', [9])]);
    await store.getState().confirmReplace();
    expect((transport.callsTo('files.uploadBegin')[1]?.input as { replace: boolean }).replace).toBe(true);
  });

  it('refuses an upload over the limit with a clear message, and cancels a failed one', async () => {
    const { store, transport } = setup();
    await store.getState().open('/tmp');
    await store.getState().upload([{ name: 'big.bin', size: 65 * 1024 * 1024, slice: async () => new Uint8Array(0) }]);
    expect(store.getState().transferError).toMatch(/over the 64 MB upload limit: use docker cp/);
    transport.reply('files.uploadBegin', { uploadId: 'upload-0002' });
    transport.fail('files.uploadChunk', { code: 'CONFLICT', message: 'web has a read-only root filesystem' });
    transport.reply('files.uploadCancel', null);
    await store.getState().upload([picked('x', [1])]);
    expect(store.getState().transferError).toBe(
      'Upload failed: web has a read-only root filesystem. Nothing was written: x left as they were.',
    );
    expect(transport.callsTo('files.uploadCancel')).toHaveLength(1);
    expect(store.getState().transfer).toBeNull();
  });

  it('says which files were written and which were not', async () => {
    const { store, transport, activity } = setup();
    transport.reply('files.uploadBegin', { uploadId: 'upload-0003' });
    transport.reply('files.uploadChunk', null);
    transport.reply('files.uploadFinish', {
      dir: '/tmp',
      written: ['a.txt'],
      notWritten: [{ name: 'b', reason: "mv: can't rename: Is a directory" }],
      bytes: 2,
    });
    await store.getState().open('/tmp');
    await store.getState().upload([picked('a.txt', [1]), picked('b', [2])]);
    expect(store.getState().notice).toBe('Uploaded a.txt to /tmp');
    expect(store.getState().transferError).toBe("Not written (left as they were): b (mv: can't rename: Is a directory)");
    expect(activity.getState().entries.at(-1)?.outcome).toBe('error');
  });

  it('keeps the server’s word on what was written when an upload is ended', async () => {
    const { store, transport } = setup();
    transport.reply('files.uploadBegin', { uploadId: 'upload-0004' });
    transport.fail('files.uploadChunk', {
      code: 'LIMIT_REACHED',
      message: 'No bytes arrived for 30 s, so the upload was ended. Nothing was written; files already there are unchanged.',
    });
    transport.reply('files.uploadCancel', null);
    await store.getState().open('/tmp');
    await store.getState().upload([picked('a.txt', [1])]);
    expect(store.getState().transferError).toBe(
      'Upload failed: No bytes arrived for 30 s, so the upload was ended. Nothing was written; files already there are unchanged.',
    );
  });

  it('downloads: acknowledges chunks, then saves the bytes under the server name', async () => {
    const { store, transport, saved } = setup();
    transport.reply('files.downloadAck', null);
    await store.getState().open('/etc');
    const done = store.getState().download(file('hosts', 3));
    await flushPromises();
    expect(transport.openStreams('files.download')[0]?.input).toEqual({ id: 'c1', path: '/etc/hosts' });
    transport.emit('files.download', { kind: 'start', downloadId: 'dl-000001', fileName: 'hosts', format: 'file', size: 3 });
    transport.emit('files.download', { kind: 'data', data: new Uint8Array(600 * 1024) });
    expect(store.getState().transfer).toMatchObject({ kind: 'download', done: 600 * 1024 });
    transport.emit('files.download', { kind: 'done', bytes: 600 * 1024 });
    transport.end('files.download');
    await done;
    expect(transport.callsTo('files.downloadAck')[0]?.input).toEqual({ downloadId: 'dl-000001', bytes: 600 * 1024 });
    expect(saved[0]).toMatchObject({ name: 'hosts', format: 'file' });
    expect(saved[0]?.bytes).toHaveLength(600 * 1024);
    expect(store.getState().transfer).toBeNull();
  });

  it('reports a download that fails or ends early, and saves nothing', async () => {
    const { store, transport, saved } = setup();
    const failed = store.getState().download(file('gone'));
    await flushPromises();
    transport.end('files.download', { code: 'NOT_FOUND', message: 'No such file or folder in web: /gone' });
    await failed;
    expect(store.getState().transferError).toBe('Download failed: No such file or folder in web: /gone');
    const cut = store.getState().download(dir('etc'));
    await flushPromises();
    transport.emit('files.download', { kind: 'start', downloadId: 'dl-000002', fileName: 'etc.tar', format: 'tar', size: null });
    transport.end('files.download');
    await cut;
    expect(store.getState().transferError).toMatch(/ended before the last byte/);
    expect(saved).toHaveLength(0);
  });
});

describe('listing helpers', () => {
  it('prints modes like ls -l', () => {
    expect(modeText('dir', 0o755)).toBe('drwxr-xr-x');
    expect(modeText('file', 0o4755)).toBe('-rwsr-xr-x');
    expect(modeText('dir', 0o1777)).toBe('drwxrwxrwt');
    expect(modeText('symlink', 0o777)).toBe('lrwxrwxrwx');
    expect(modeText('file', 0o2644)).toBe('-rw-r-Sr--');
  });

  it('sorts folders first, then by name', () => {
    const link: FileEntry = { name: 'a-link', kind: 'symlink', size: 1, mode: 0o777, mtime: 0, linkTarget: 'x', linkToDir: true };
    expect(sortEntries([file('b'), dir('z'), file('a'), link]).map((e) => e.name)).toEqual(['a-link', 'z', 'a', 'b']);
  });
});
