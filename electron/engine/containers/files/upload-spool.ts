import { createReadStream, type ReadStream } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { BerthError } from '../../../../shared/errors.js';
import { TarUploadWriter, type UploadFile } from './tar-upload-writer.js';

/** A tar of the spooled files, and how to stop making it (the engine refused it). */
export interface SpooledTar {
  tar: Readable;
  /** Spooled bytes handed to the tar so far: progress, for a watchdog. */
  readonly bytesIn: number;
  destroy(): void;
}

/**
 * The bytes of one upload, kept in a private file on the Berth host until the last one arrived.
 * Nothing reaches the container before that, so a client that stops, leaves or sends too little
 * cannot leave half a file there, and the engine never waits on a client.
 */
export class UploadSpool {
  /** Bytes accepted so far (their writes may still be under way: see `settled`). */
  private reserved = 0;
  private writes: Promise<void> = Promise.resolve();
  private removed = false;

  private constructor(
    private readonly dir: string,
    private readonly handle: FileHandle,
    readonly files: readonly UploadFile[],
  ) {}

  /** Creates `<root>/berth-upload-XXXXXX/bytes`, readable by this user only. */
  static async create(root: string, files: readonly UploadFile[]): Promise<UploadSpool> {
    const dir = await mkdtemp(join(root, 'berth-upload-'));
    try {
      const handle = await open(join(dir, 'bytes'), 'wx', 0o600);
      return new UploadSpool(dir, handle, files);
    } catch (err) {
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  get expected(): number {
    return this.files.reduce((sum, f) => sum + f.size, 0);
  }

  get received(): number {
    return this.reserved;
  }

  /** Appends the next bytes; more than the announced files hold is refused before anything is written. */
  append(data: Uint8Array): Promise<void> {
    if (this.removed) return Promise.reject(new BerthError({ code: 'NOT_FOUND', message: 'This upload is over' }));
    if (this.reserved + data.byteLength > this.expected) {
      return Promise.reject(
        new BerthError({
          code: 'BAD_REQUEST',
          message: `More bytes than the ${this.files.length} announced file(s) hold (${this.expected} bytes)`,
        }),
      );
    }
    const position = this.reserved;
    this.reserved += data.byteLength;
    const write = this.writes.then(async () => {
      await this.handle.write(data, 0, data.byteLength, position);
    });
    this.writes = write.catch(() => undefined);
    return write;
  }

  /** Says which file is short, or undefined when every announced byte arrived. */
  missing(): string | undefined {
    let at = 0;
    for (const [i, file] of this.files.entries()) {
      const got = Math.max(0, Math.min(file.size, this.reserved - at));
      if (got < file.size) {
        const later = this.files.length - i - 1;
        return `${file.size - got} of the ${file.size} bytes of ${file.name} did not arrive${later > 0 ? ` (nor ${later} file(s) after it)` : ''}`;
      }
      at += file.size;
    }
    return undefined;
  }

  /** Waits for every accepted chunk to be on disk. */
  async settled(): Promise<void> {
    await this.writes;
  }

  /** The spooled files as a tar whose entries are named `names` (same order as the files). */
  tar(names: readonly string[]): SpooledTar {
    const writer = new TarUploadWriter(this.files.map((f, i) => ({ name: names[i]!, size: f.size })));
    let source: ReadStream | undefined;
    let stopped = false;
    let bytesIn = 0;
    const destroy = (): void => {
      stopped = true;
      source?.destroy();
      writer.destroy();
    };
    void (async () => {
      try {
        source = createReadStream(join(this.dir, 'bytes'));
        for await (const chunk of source) {
          if (stopped) return;
          await writer.write(chunk as Buffer);
          bytesIn += (chunk as Buffer).byteLength;
        }
        if (!stopped) await writer.finish();
      } catch {
        destroy();
      }
    })();
    return {
      tar: writer.tar,
      get bytesIn() {
        return bytesIn;
      },
      destroy,
    };
  }

  /** Deletes the spool file and its folder; safe to call more than once. */
  async remove(): Promise<void> {
    if (this.removed) return;
    this.removed = true;
    await this.writes;
    await this.handle.close().catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
