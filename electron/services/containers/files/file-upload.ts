import { randomUUID } from 'node:crypto';
import { joinContainerPath } from '../../../../shared/container-path.js';
import { BerthError } from '../../../../shared/errors.js';
import type { EngineConnection } from '../../engine-connection.js';
import { openContainer, pathExists, resolvePath, type ContainerState } from './archive-api.js';
import { fileError, notADirectory } from './files-errors.js';
import { TarUploadWriter, type UploadFile } from './tar-upload-writer.js';

export interface UploadRequest {
  id: string;
  dir: string;
  files: readonly UploadFile[];
  replace: boolean;
}

interface Upload {
  clientId: string;
  dir: string;
  writer: TarUploadWriter;
  /** The engine's answer to the PUT; settles when the tar ended (or the engine refused it). */
  put: Promise<void>;
  /** Set once `put` failed, so the next chunk reports it. */
  failure: BerthError | undefined;
  idleTimer: ReturnType<typeof setTimeout>;
  /** Aborts the PUT: a body that just stops would keep the engine waiting (and the container locked). */
  abort: AbortController;
  names: string[];
}

/** An upload whose client stopped sending for this long is cancelled (the engine gets nothing). */
export const uploadIdleMs = 60_000;

/**
 * Uploads through the archive API (`docker cp <file> <c>:<dir>`): the announced files are wrapped
 * into a tar as their chunks arrive, and the tar is streamed into `PUT /containers/{id}/archive`.
 */
export class FileUploads {
  private readonly active = new Map<string, Upload>();

  constructor(private readonly connection: EngineConnection) {}

  get count(): number {
    return this.active.size;
  }

  async begin(clientId: string, request: UploadRequest): Promise<{ uploadId: string }> {
    const c = await openContainer(this.connection, request.id);
    const { path: dir, stat } = await resolvePath(this.connection, c, request.dir);
    if (stat.kind !== 'dir') throw notADirectory(request.dir);
    await this.checkNames(c, dir, request);

    const uploadId = randomUUID();
    const writer = new TarUploadWriter(request.files);
    const abort = new AbortController();
    const upload: Upload = {
      abort,
      clientId,
      dir: request.dir,
      writer,
      put: Promise.resolve(),
      failure: undefined,
      idleTimer: setTimeout(() => this.cancel(clientId, uploadId), uploadIdleMs),
      names: request.files.map((f) => f.name),
    };
    upload.put = this.connection
      .use(() => c.container.putArchive(writer.tar, { path: dir, noOverwriteDirNonDir: true, abortSignal: abort.signal }))
      .then(
        () => undefined,
        (err: unknown) => {
          upload.failure = fileError(err, c.name, request.dir);
          writer.destroy();
        },
      );
    this.active.set(uploadId, upload);
    return { uploadId };
  }

  async chunk(clientId: string, uploadId: string, data: Uint8Array): Promise<void> {
    const upload = this.owned(clientId, uploadId);
    this.touch(clientId, uploadId, upload);
    if (upload.failure) return this.fail(uploadId, upload.failure);
    try {
      // If the engine refuses the tar meanwhile, the writer may wait for a drain that never comes.
      await Promise.race([upload.writer.write(data), upload.put]);
    } catch (err) {
      return this.fail(uploadId, err);
    }
    if (upload.failure) return this.fail(uploadId, upload.failure);
  }

  async finish(clientId: string, uploadId: string): Promise<{ dir: string; names: string[]; bytes: number }> {
    const upload = this.owned(clientId, uploadId);
    clearTimeout(upload.idleTimer);
    try {
      await upload.writer.finish();
    } catch (err) {
      return this.fail(uploadId, err);
    }
    await upload.put;
    this.active.delete(uploadId);
    if (upload.failure) throw upload.failure;
    return { dir: upload.dir, names: upload.names, bytes: upload.writer.bytesWritten };
  }

  /**
   * Cuts the tar short. The engine unpacks as it reads, so files that were complete before the cut
   * may already be in the container; the one being written is not.
   */
  cancel(clientId: string, uploadId: string): void {
    const upload = this.active.get(uploadId);
    if (!upload || upload.clientId !== clientId) return;
    clearTimeout(upload.idleTimer);
    this.active.delete(uploadId);
    upload.abort.abort();
    upload.writer.destroy();
  }

  disposeClient(clientId: string): void {
    for (const [uploadId, upload] of this.active) if (upload.clientId === clientId) this.cancel(clientId, uploadId);
  }

  private async checkNames(c: ContainerState, dir: string, request: UploadRequest): Promise<void> {
    const existing = await Promise.all(request.files.map((f) => pathExists(this.connection, c, joinContainerPath(dir, f.name))));
    const clashes = request.files.filter((_f, i) => existing[i] !== undefined).map((f) => f.name);
    const folders = request.files.filter((_f, i) => existing[i]?.kind === 'dir').map((f) => f.name);
    if (folders.length > 0) {
      throw new BerthError({ code: 'CONFLICT', message: `A folder of that name exists in ${request.dir}: ${folders.join(', ')} (a file cannot replace a folder)` });
    }
    if (clashes.length > 0 && !request.replace) {
      throw new BerthError({ code: 'CONFLICT', message: `Already in ${request.dir}: ${clashes.join(', ')}. Replace it?`, path: clashes });
    }
  }

  private touch(clientId: string, uploadId: string, upload: Upload): void {
    clearTimeout(upload.idleTimer);
    upload.idleTimer = setTimeout(() => this.cancel(clientId, uploadId), uploadIdleMs);
  }

  private fail(uploadId: string, err: unknown): never {
    const upload = this.active.get(uploadId);
    if (upload) this.cancel(upload.clientId, uploadId);
    throw err;
  }

  private owned(clientId: string, uploadId: string): Upload {
    const upload = this.active.get(uploadId);
    if (!upload) throw new BerthError({ code: 'NOT_FOUND', message: 'This upload is over (finished, cancelled, or idle for a minute)' });
    if (upload.clientId !== clientId) throw new BerthError({ code: 'FORBIDDEN', message: 'This upload belongs to another window' });
    return upload;
  }
}
