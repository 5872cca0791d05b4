import { tmpdir } from 'node:os';
import type { DirectoryListing, DownloadMessage } from '../../../shared/files-types.js';
import { filesLimits } from '../../../shared/files-types.js';
import type { StreamSink } from '../stream-sink.js';
import type { EngineConnection } from '../engine-connection.js';
import { getArchive, openContainer, resolvePath, type ContainerState } from './files/archive-api.js';
import { listTarChildren } from './files/archive-listing.js';
import { ExecListingUnavailable, listByExec } from './files/exec-listing.js';
import { FileDownloads } from './files/file-download.js';
import { FileUploads, type UploadRequest } from './files/file-upload.js';
import { notADirectory } from './files/files-errors.js';
import { defaultTransferTimeouts, type TransferTimeouts } from './files/transfer-timeouts.js';

export interface ContainerFilesOptions {
  /** Tests shorten these; the app uses the defaults (30 s idle, 15 minutes per upload). */
  timeouts?: Partial<TransferTimeouts>;
  /** Where uploads are spooled on the Berth host; os.tmpdir() by default. */
  spoolRoot?: string;
}

/**
 * A container's filesystem: list a directory, download a file or folder, upload files.
 *
 * Listing: a running container is listed with a small POSIX `sh` script through exec (one
 * directory level, exact, fast; see files/listing-script.ts). When exec is impossible (stopped,
 * created or paused container) or fails (no `sh` or `stat`, e.g. distroless), the archive API
 * streams a tar of the directory's whole subtree; its headers are read until the listing is
 * complete or a bound is hit (`filesLimits`), and then the listing says it is partial.
 * Downloads and uploads always use the archive API, which works in every state; an upload reaches
 * the container only once complete (files/file-upload.ts).
 */
export class ContainerFiles {
  readonly downloads: FileDownloads;
  readonly uploads: FileUploads;

  constructor(
    private readonly connection: EngineConnection,
    options: ContainerFilesOptions = {},
  ) {
    const timeouts = { ...defaultTransferTimeouts, ...options.timeouts };
    this.downloads = new FileDownloads(connection, timeouts);
    this.uploads = new FileUploads(connection, { timeouts, spoolRoot: options.spoolRoot ?? tmpdir() });
  }

  async list(id: string, path: string): Promise<DirectoryListing> {
    const c = await openContainer(this.connection, id);
    if (c.execable) {
      try {
        return await listByExec(this.connection, c, path);
      } catch (err) {
        if (!(err instanceof ExecListingUnavailable)) throw err;
      }
    }
    return this.listByArchive(c, path);
  }

  download(clientId: string, id: string, path: string, sink: StreamSink<DownloadMessage>): () => void {
    return this.downloads.start(clientId, id, path, sink);
  }

  beginUpload(clientId: string, request: UploadRequest): Promise<{ uploadId: string }> {
    return this.uploads.begin(clientId, request);
  }

  /** The client left: nothing it started stays (uploads still receiving, downloads). */
  disposeClient(clientId: string): void {
    this.uploads.disposeClient(clientId);
    this.downloads.disposeClient(clientId);
  }

  /** Berth is closing: no upload or download stays open. */
  closeAll(): void {
    this.uploads.closeAll();
    this.downloads.closeAll();
  }

  private async listByArchive(c: ContainerState, path: string): Promise<DirectoryListing> {
    const { path: dir, stat } = await resolvePath(this.connection, c, path);
    if (stat.kind !== 'dir') throw notADirectory(path);
    const tar = await getArchive(this.connection, c, dir);
    const listing = await listTarChildren(tar, { maxEntries: filesLimits.listMaxEntries, maxBytes: filesLimits.archiveListMaxBytes });
    return { path, entries: listing.entries, method: 'archive', ...(listing.partial ? { partial: listing.partial } : {}) };
  }
}
