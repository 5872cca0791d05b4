import { randomUUID } from 'node:crypto';
import { joinContainerPath } from '../../../../shared/container-path.js';
import { BerthError } from '../../../../shared/errors.js';
import type { UploadResult } from '../../../../shared/files-types.js';
import type { EngineConnection } from '../../engine-connection.js';
import { openContainer, pathExists, resolvePath, type ContainerState } from './archive-api.js';
import { notADirectory } from './files-errors.js';
import type { UploadFile } from './tar-upload-writer.js';
import { describeDuration, type TransferTimeouts } from './transfer-timeouts.js';
import { commitUpload, type UploadTarget } from './upload-commit.js';
import { UploadSpool } from './upload-spool.js';

export interface UploadRequest {
  id: string;
  dir: string;
  files: readonly UploadFile[];
  replace: boolean;
}

export interface FileUploadsOptions {
  timeouts: TransferTimeouts;
  /** Host folder for the spool files (os.tmpdir() in the app). */
  spoolRoot: string;
}

interface Upload {
  clientId: string;
  containerId: string;
  target: UploadTarget;
  spool: UploadSpool;
  /** Receiving chunks, or writing the complete upload into the container (no longer cancellable). */
  state: 'receiving' | 'writing';
  idleTimer: ReturnType<typeof setTimeout> | undefined;
  deadlineTimer: ReturnType<typeof setTimeout> | undefined;
}

/** Why an upload ended without its client asking, kept a while so its next call hears the reason. */
interface Ending {
  clientId: string;
  error: BerthError;
}

const maxEndingsKept = 256;
/** Each upload may spool up to 64 MiB on the Berth host: a client gets this many at a time. */
export const maxUploadsPerClient = 4;
const nothingWritten = 'Nothing was written; files already there are unchanged.';

/**
 * Uploads through the archive API (`docker cp <file> <c>:<dir>`). Chunks are spooled on the Berth
 * host (upload-spool.ts); only once every announced byte arrived does anything go to the engine
 * (upload-commit.ts). A cut before that (cancel, client gone, idle, total time over, too few bytes)
 * deletes the spool and leaves the container as it was.
 */
export class FileUploads {
  private readonly active = new Map<string, Upload>();
  private readonly endings = new Map<string, Ending>();
  /** Uploads per client between the begin call and their registration (the cap counts them). */
  private readonly starting = new Map<string, number>();
  /** Clients that left while one of their uploads was starting: it must not stay behind them. */
  private readonly departed = new Set<string>();

  constructor(
    private readonly connection: EngineConnection,
    private readonly options: FileUploadsOptions,
  ) {}

  get count(): number {
    return this.active.size;
  }

  async begin(clientId: string, request: UploadRequest): Promise<{ uploadId: string }> {
    const starting = this.starting.get(clientId) ?? 0;
    const open = [...this.active.values()].filter((u) => u.clientId === clientId).length + starting;
    if (open >= maxUploadsPerClient) {
      throw new BerthError({
        code: 'LIMIT_REACHED',
        message: `At most ${maxUploadsPerClient} uploads at a time per window: wait for one to finish`,
      });
    }
    this.starting.set(clientId, starting + 1);
    try {
      return await this.start(clientId, request);
    } finally {
      const left = (this.starting.get(clientId) ?? 1) - 1;
      if (left > 0) this.starting.set(clientId, left);
      else {
        this.starting.delete(clientId);
        this.departed.delete(clientId);
      }
    }
  }

  private async start(clientId: string, request: UploadRequest): Promise<{ uploadId: string }> {
    const c = await openContainer(this.connection, request.id);
    const { path: dir, stat } = await resolvePath(this.connection, c, request.dir);
    if (stat.kind !== 'dir') throw notADirectory(request.dir);
    await this.checkNames(c, dir, request);

    const spool = await UploadSpool.create(this.options.spoolRoot, request.files);
    if (this.departed.has(clientId)) {
      await spool.remove();
      throw new BerthError({ code: 'NOT_FOUND', message: 'The window that started this upload closed' });
    }
    const uploadId = randomUUID();
    const upload: Upload = {
      clientId,
      containerId: request.id,
      target: { dir, shownDir: request.dir },
      spool,
      state: 'receiving',
      idleTimer: undefined,
      deadlineTimer: setTimeout(() => this.end(uploadId, this.overTime()), this.options.timeouts.uploadMaxMs),
    };
    this.active.set(uploadId, upload);
    this.touch(uploadId, upload);
    return { uploadId };
  }

  async chunk(clientId: string, uploadId: string, data: Uint8Array): Promise<void> {
    const upload = this.receiving(clientId, uploadId);
    this.touch(uploadId, upload);
    try {
      await upload.spool.append(data);
    } catch (err) {
      const ending = this.endings.get(uploadId);
      if (ending) throw ending.error;
      const error =
        err instanceof BerthError ? err : new BerthError({ code: 'INTERNAL', message: `The upload could not be spooled: ${String(err)}` });
      this.end(uploadId, error);
      throw error;
    }
  }

  async finish(clientId: string, uploadId: string): Promise<UploadResult> {
    const upload = this.receiving(clientId, uploadId);
    const missing = upload.spool.missing();
    if (missing) {
      const error = new BerthError({ code: 'BAD_REQUEST', message: `The upload ended early: ${missing}. ${nothingWritten}` });
      this.end(uploadId, error);
      throw error;
    }
    upload.state = 'writing';
    this.stopTimers(upload);
    try {
      await upload.spool.settled();
      const c = await openContainer(this.connection, upload.containerId);
      const outcome = await commitUpload(this.connection, c, upload.target, upload.spool, {
        tempPrefix: `.berth-upload-${uploadId.slice(0, 8)}`,
        idleMs: this.options.timeouts.idleMs,
      });
      return { dir: upload.target.shownDir, ...outcome, bytes: upload.spool.received };
    } finally {
      this.active.delete(uploadId);
      await upload.spool.remove();
    }
  }

  /** Ends an upload that is still receiving; nothing reaches the container. */
  cancel(clientId: string, uploadId: string): void {
    this.receiving(clientId, uploadId);
    this.end(uploadId, new BerthError({ code: 'NOT_FOUND', message: `This upload was cancelled. ${nothingWritten}` }));
  }

  /** The client left: its uploads still receiving end; one being written into the container completes. */
  disposeClient(clientId: string): void {
    if (this.starting.has(clientId)) this.departed.add(clientId);
    for (const [uploadId, upload] of this.active) {
      if (upload.clientId === clientId && upload.state === 'receiving') {
        this.end(uploadId, new BerthError({ code: 'NOT_FOUND', message: `The window that started this upload closed. ${nothingWritten}` }));
      }
    }
    for (const [uploadId, ending] of this.endings) if (ending.clientId === clientId) this.endings.delete(uploadId);
  }

  /** Berth is closing: every upload still receiving ends and its spool is deleted; one being written completes. */
  closeAll(): void {
    // end() leaves an upload being written alone.
    for (const uploadId of [...this.active.keys()]) {
      this.end(uploadId, new BerthError({ code: 'NOT_FOUND', message: `Berth closed before this upload was complete. ${nothingWritten}` }));
    }
  }

  private end(uploadId: string, error: BerthError): void {
    const upload = this.active.get(uploadId);
    if (!upload || upload.state !== 'receiving') return;
    this.stopTimers(upload);
    this.active.delete(uploadId);
    this.endings.set(uploadId, { clientId: upload.clientId, error });
    if (this.endings.size > maxEndingsKept) this.endings.delete(this.endings.keys().next().value!);
    void upload.spool.remove().catch(() => undefined);
  }

  private touch(uploadId: string, upload: Upload): void {
    clearTimeout(upload.idleTimer);
    const { idleMs } = this.options.timeouts;
    upload.idleTimer = setTimeout(
      () =>
        this.end(
          uploadId,
          new BerthError({
            code: 'LIMIT_REACHED',
            message: `No bytes arrived for ${describeDuration(idleMs)}, so the upload was ended. ${nothingWritten}`,
          }),
        ),
      idleMs,
    );
  }

  private overTime(): BerthError {
    const limit = describeDuration(this.options.timeouts.uploadMaxMs);
    return new BerthError({
      code: 'LIMIT_REACHED',
      message: `An upload may take at most ${limit}; this one was ended. ${nothingWritten} Use docker cp on a slow link.`,
    });
  }

  private stopTimers(upload: Upload): void {
    clearTimeout(upload.idleTimer);
    clearTimeout(upload.deadlineTimer);
  }

  private async checkNames(c: ContainerState, dir: string, request: UploadRequest): Promise<void> {
    const existing = await Promise.all(request.files.map((f) => pathExists(this.connection, c, joinContainerPath(dir, f.name))));
    const clashes = request.files.filter((_f, i) => existing[i] !== undefined).map((f) => f.name);
    const folders = request.files.filter((_f, i) => existing[i]?.kind === 'dir').map((f) => f.name);
    if (folders.length > 0) {
      throw new BerthError({
        code: 'CONFLICT',
        message: `A folder of that name exists in ${request.dir}: ${folders.join(', ')} (a file cannot replace a folder)`,
      });
    }
    if (clashes.length > 0 && !request.replace) {
      throw new BerthError({ code: 'CONFLICT', message: `Already in ${request.dir}: ${clashes.join(', ')}. Replace it?`, path: clashes });
    }
  }

  /** The caller's upload, still taking chunks. */
  private receiving(clientId: string, uploadId: string): Upload {
    const upload = this.active.get(uploadId);
    if (!upload) {
      const ending = this.endings.get(uploadId);
      if (ending?.clientId === clientId) throw ending.error;
      throw new BerthError({ code: 'NOT_FOUND', message: 'This upload is over (finished, cancelled or ended)' });
    }
    if (upload.clientId !== clientId) throw new BerthError({ code: 'FORBIDDEN', message: 'This upload belongs to another window' });
    if (upload.state !== 'receiving')
      throw new BerthError({ code: 'CONFLICT', message: 'This upload is being written into the container' });
    return upload;
  }
}
