import type { Readable, Writable } from 'node:stream';
import { pack as tarPack, type Pack } from 'tar-stream';
import { BerthError } from '../../../../shared/errors.js';

export interface UploadFile {
  name: string;
  size: number;
}

/**
 * Wraps the bytes of several files, given one chunk at a time in file order, into a tar stream
 * (`tar` is what the archive API takes). Each entry is written as its bytes arrive; `write`
 * resolves once the chunk is accepted, so a slow reader of `tar` slows the writer down.
 */
export class TarUploadWriter {
  readonly tar: Readable;
  private readonly pack: Pack;
  private index = -1;
  private entry: Writable | undefined;
  /** Settles when the current entry (if any) is open and the ones before it are complete. */
  private ready: Promise<void>;
  private entryDone: Promise<void> = Promise.resolve();
  private remaining = 0;
  private written = 0;

  constructor(
    private readonly files: readonly UploadFile[],
    private readonly mtime: Date = new Date(),
  ) {
    this.pack = tarPack();
    this.tar = this.pack as unknown as Readable;
    this.ready = this.openNext();
    this.ready.catch(() => undefined);
  }

  get bytesWritten(): number {
    return this.written;
  }

  get bytesExpected(): number {
    return this.files.reduce((sum, f) => sum + f.size, 0);
  }

  async write(data: Uint8Array): Promise<void> {
    let rest = data;
    while (rest.byteLength > 0) {
      await this.ready;
      const entry = this.entry;
      if (!entry) throw new BerthError({ code: 'BAD_REQUEST', message: `More bytes than the ${this.files.length} announced files hold` });
      const take = Math.min(this.remaining, rest.byteLength);
      const accepted = entry.write(Buffer.from(rest.buffer, rest.byteOffset, take));
      rest = rest.subarray(take);
      this.remaining -= take;
      this.written += take;
      if (this.remaining === 0) {
        this.ready = this.openNext();
        // Seen by the next write or finish; not an unhandled rejection meanwhile.
        this.ready.catch(() => undefined);
      } else if (!accepted) await new Promise<void>((resolve) => entry.once('drain', resolve));
    }
  }

  /** Ends the tar; every announced byte must have been written. */
  async finish(): Promise<void> {
    await this.ready;
    if (this.entry) {
      throw new BerthError({
        code: 'BAD_REQUEST',
        message: `The upload ended early: ${this.bytesExpected - this.written} bytes are missing`,
      });
    }
    this.pack.finalize();
  }

  destroy(): void {
    this.pack.destroy();
  }

  /**
   * Ends the current entry, waits until the tar has taken it (tar-stream takes one entry at a
   * time), and opens the next; files of 0 bytes are complete as soon as they are added.
   */
  private async openNext(): Promise<void> {
    this.entry?.end();
    this.entry = undefined;
    await this.entryDone;
    while (++this.index < this.files.length) {
      const file = this.files[this.index]!;
      const header = { name: file.name, size: file.size, mode: 0o644, mtime: this.mtime, uid: 0, gid: 0, type: 'file' as const };
      if (file.size === 0) {
        await new Promise<void>((resolve, reject) => this.pack.entry(header, Buffer.alloc(0), (err) => (err ? reject(err) : resolve())));
        continue;
      }
      this.entryDone = new Promise<void>((resolve, reject) => {
        this.entry = this.pack.entry(header, (err) => (err ? reject(err) : resolve())) as unknown as Writable;
      });
      this.entryDone.catch(() => undefined);
      this.remaining = file.size;
      return;
    }
  }
}
