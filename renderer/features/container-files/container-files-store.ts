import { createStore, type StoreApi } from 'zustand/vanilla';
import { cliEquivalent, streamCliEquivalent } from '../../../shared/contract.js';
import { formatCommand } from '../../../shared/shell-command.js';
import { checkContainerPath, checkFileName, joinContainerPath, parentContainerPath } from '../../../shared/container-path.js';
import { isBerthError } from '../../../shared/errors.js';
import { filesLimits, type DirectoryListing, type FileEntry } from '../../../shared/files-types.js';
import type { BerthClient } from '../../api/client.js';
import type { ActivityStore } from '../activity/activity-store.js';
import { formatSize } from '../../lib/format-size.js';
import { reportUpload, reportUploadFailure } from './upload-report.js';
import { errorText } from '../../lib/error-text.js';

/** A file the user picked or dropped; read a slice at a time so a big one is never copied whole. */
export interface PickedFile {
  name: string;
  size: number;
  slice(start: number, end: number): Promise<Uint8Array>;
}

/** Hands downloaded bytes to the user (a Blob and an anchor in the browser). */
export type SaveFile = (fileName: string, parts: readonly Uint8Array[], format: 'file' | 'tar') => void;

export interface Transfer {
  kind: 'upload' | 'download';
  /** What moves, e.g. "hosts" or "3 files". */
  label: string;
  done: number;
  /** Bytes in all; null when not known (a folder's tar). */
  total: number | null;
}

export interface ContainerFilesState {
  path: string;
  listing: DirectoryListing | null;
  loading: boolean;
  /** Why the path could not be listed (the previous listing stays visible). */
  error: string | null;
  transfer: Transfer | null;
  /** Why the last upload or download failed. */
  transferError: string | null;
  /** What the last upload put where, for a short confirmation. */
  notice: string | null;
  /** Files that would replace existing ones: the UI asks first. */
  replaceRequest: { names: string[]; files: PickedFile[] } | null;
  open(path: string): Promise<void>;
  openEntry(entry: FileEntry): Promise<void>;
  up(): Promise<void>;
  refresh(): Promise<void>;
  upload(files: readonly PickedFile[]): Promise<void>;
  confirmReplace(): Promise<void>;
  cancelReplace(): void;
  download(entry: FileEntry): Promise<void>;
  dismissTransferError(): void;
  /** Stops a running download (the tab closes). */
  dispose(): void;
}

export type ContainerFilesStore = StoreApi<ContainerFilesState>;

export interface ContainerFilesStoreOptions {
  client: BerthClient;
  activity: ActivityStore;
  containerId: string;
  /** Shown in the `docker` commands the activity strip records. */
  containerName: string;
  save: SaveFile;
  initialPath?: string;
}

const mb = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} MB`;

export function createContainerFilesStore(o: ContainerFilesStoreOptions): ContainerFilesStore {
  const { client, activity, containerId: id, containerName: name } = o;
  let listRequest = 0;
  let stopDownload: (() => void) | undefined;

  const store = createStore<ContainerFilesState>()((set, get) => {
    const list = async (path: string): Promise<void> => {
      const check = checkContainerPath(path.trim());
      if (!check.ok) {
        set({ error: check.error });
        return;
      }
      const request = ++listRequest;
      set({ loading: true, error: null });
      try {
        const listing = await client.call('files.list', { id, path: check.path });
        if (request !== listRequest) return;
        set({ path: listing.path, listing, loading: false });
      } catch (err) {
        if (request !== listRequest) return;
        set({ loading: false, error: errorText(err) });
      }
    };

    const sendUpload = async (files: readonly PickedFile[], replace: boolean): Promise<void> => {
      const dir = get().path;
      const input = { id, dir, files: files.map((f) => ({ name: f.name, size: f.size })), replace };
      const total = files.reduce((sum, f) => sum + f.size, 0);
      const label = files.length === 1 ? files[0]!.name : `${files.length} files`;
      const entry = activity.getState().begin(cliEquivalent('files.uploadBegin', { ...input, id: name }) ?? 'docker cp', { quiet: true });
      set({ transfer: { kind: 'upload', label, done: 0, total }, transferError: null, notice: null });
      let uploadId: string | undefined;
      let finishing = false;
      try {
        uploadId = (await client.call('files.uploadBegin', input)).uploadId;
        let done = 0;
        for (const file of files) {
          for (let at = 0; at < file.size; at += filesLimits.uploadChunkBytes) {
            const data = await file.slice(at, Math.min(file.size, at + filesLimits.uploadChunkBytes));
            await client.call('files.uploadChunk', { uploadId, data });
            done += data.byteLength;
            set({ transfer: { kind: 'upload', label, done, total } });
          }
        }
        finishing = true;
        const result = await client.call('files.uploadFinish', { uploadId });
        const report = reportUpload(result, label);
        if (result.notWritten.length === 0)
          activity.getState().succeed(entry, `${result.written.length} file(s), ${formatSize(result.bytes)}`);
        else activity.getState().fail(entry, report.problem ?? '', 'CONFLICT');
        set({ transfer: null, notice: report.notice, transferError: report.problem });
        await list(dir);
      } catch (err) {
        if (uploadId !== undefined && !finishing) void client.call('files.uploadCancel', { uploadId }).catch(() => undefined);
        activity.getState().fail(entry, errorText(err), isBerthError(err) ? err.code : 'INTERNAL');
        set({
          transfer: null,
          transferError: reportUploadFailure(
            errorText(err),
            files.map((f) => f.name),
            finishing,
          ),
        });
        if (finishing) await list(dir);
      }
    };

    return {
      path: o.initialPath ?? '/',
      listing: null,
      loading: false,
      error: null,
      transfer: null,
      transferError: null,
      notice: null,
      replaceRequest: null,
      open: (path) => list(path),
      openEntry: async (entry) => {
        if (entry.kind === 'dir' || (entry.kind === 'symlink' && entry.linkToDir !== false))
          await list(joinContainerPath(get().path, entry.name));
      },
      up: () => list(parentContainerPath(get().path)),
      refresh: () => list(get().path),

      upload: async (files) => {
        if (get().transfer) {
          set({ transferError: 'Wait for the current transfer to finish' });
          return;
        }
        if (files.length === 0) return;
        for (const f of files) {
          const check = checkFileName(f.name);
          if (!check.ok) return void set({ transferError: check.error });
        }
        if (files.length > filesLimits.uploadMaxFiles)
          return void set({ transferError: `At most ${filesLimits.uploadMaxFiles} files at once` });
        const total = files.reduce((sum, f) => sum + f.size, 0);
        if (total > filesLimits.uploadMaxBytes) {
          return void set({
            transferError: `${formatSize(total)} is over the ${mb(filesLimits.uploadMaxBytes)} upload limit: use ${formatCommand(['docker', 'cp', 'FILE', `${name}:${get().path}`])}`,
          });
        }
        const existing = new Set((get().listing?.entries ?? []).map((e) => e.name));
        const clashes = files.filter((f) => existing.has(f.name)).map((f) => f.name);
        if (clashes.length > 0) {
          set({ replaceRequest: { names: clashes, files: [...files] }, transferError: null });
          return;
        }
        await sendUpload(files, false);
      },
      confirmReplace: async () => {
        const request = get().replaceRequest;
        if (!request) return;
        set({ replaceRequest: null });
        await sendUpload(request.files, true);
      },
      cancelReplace: () => set({ replaceRequest: null }),

      download: async (entry) => {
        if (get().transfer) {
          set({ transferError: 'Wait for the current transfer to finish' });
          return;
        }
        if (entry.kind === 'file' && entry.size > filesLimits.downloadMaxBytes) {
          set({
            transferError: `${entry.name} is ${formatSize(entry.size)}, over the ${mb(filesLimits.downloadMaxBytes)} download limit: use docker cp`,
          });
          return;
        }
        const path = joinContainerPath(get().path, entry.name);
        const command = streamCliEquivalent('files.download', { id: name, path }) ?? 'docker cp';
        const act = activity.getState().begin(command, { quiet: true });
        set({
          transfer: { kind: 'download', label: entry.name, done: 0, total: entry.kind === 'file' ? entry.size : null },
          transferError: null,
          notice: null,
        });
        await new Promise<void>((resolve) => {
          const parts: Uint8Array[] = [];
          let start: { downloadId: string; fileName: string; format: 'file' | 'tar'; size: number | null } | undefined;
          let received = 0;
          let unacked = 0;
          const finish = (error?: string): void => {
            stopDownload = undefined;
            if (error === undefined && start) {
              o.save(start.fileName, parts, start.format);
              activity.getState().succeed(act, formatSize(received));
              set({ transfer: null, notice: `Downloaded ${start.fileName} (${formatSize(received)})` });
            } else {
              activity.getState().fail(act, error ?? 'The download ended early');
              set({ transfer: null, transferError: `Download failed: ${error ?? 'it ended early'}` });
            }
            resolve();
          };
          let done = false;
          stopDownload = client.subscribe(
            'files.download',
            { id, path },
            {
              onMessage(message) {
                if (message.kind === 'start') {
                  start = message;
                  set({ transfer: { kind: 'download', label: message.fileName, done: 0, total: message.size } });
                } else if (message.kind === 'data') {
                  parts.push(message.data);
                  received += message.data.byteLength;
                  unacked += message.data.byteLength;
                  if (start && unacked >= filesLimits.downloadAckEvery) {
                    void client.call('files.downloadAck', { downloadId: start.downloadId, bytes: unacked }).catch(() => undefined);
                    unacked = 0;
                  }
                  set({ transfer: { kind: 'download', label: start?.fileName ?? entry.name, done: received, total: start?.size ?? null } });
                } else {
                  done = true;
                }
              },
              onEnd(error) {
                finish(error ? error.message : done ? undefined : 'the stream ended before the last byte');
              },
            },
          );
        });
      },
      dismissTransferError: () => set({ transferError: null }),
      dispose: () => {
        stopDownload?.();
        stopDownload = undefined;
      },
    };
  });
  return store;
}
