import type { Readable } from 'node:stream';
import { LogFrameDemuxer } from '../log-frame-demuxer.js';

export interface ExecOutputOptions {
  /** Which of the exec's streams to keep. */
  readonly streams: 'stdout' | 'stdout+stderr';
  readonly maxBytes: number;
  /** Past maxBytes: keep the first bytes and read on, or fail at once. */
  readonly overflow: 'keep-first' | 'fail';
  readonly timeoutMs: number;
  /** Says what ran, for the error messages ("the listing", "the command"). */
  readonly what: string;
}

/** Reads a non-TTY exec's multiplexed output to its end, within a size and a time bound. */
export function readExecOutput(stream: Readable, options: ExecOutputOptions): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const demuxer = new LogFrameDemuxer();
    const parts: Uint8Array[] = [];
    let size = 0;
    const fail = (err: Error): void => {
      clearTimeout(timer);
      stream.destroy();
      reject(err);
    };
    const timer = setTimeout(() => fail(new Error(`${options.what} ran longer than ${options.timeoutMs / 1000} s`)), options.timeoutMs);
    stream.on('data', (chunk: Buffer) => {
      for (const part of demuxer.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))) {
        if (options.streams === 'stdout' && part.stream !== 'stdout') continue;
        if (size + part.data.byteLength > options.maxBytes && options.overflow === 'fail') {
          fail(new Error(`${options.what}'s output is too big`));
          return;
        }
        if (size < options.maxBytes) parts.push(part.data.slice(0, options.maxBytes - size));
        size += part.data.byteLength;
      }
    });
    const done = (): void => {
      clearTimeout(timer);
      resolve(Buffer.concat(parts));
    };
    // A hijacked connection may close without 'end'; resolving twice is harmless.
    stream.on('end', done);
    stream.on('close', done);
    stream.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** The exit code of a finished exec; the engine may still report it running for a moment after its output ended. */
export async function exitCodeOf(exec: { inspect(): Promise<{ Running: boolean; ExitCode: number | null }> }): Promise<number | null> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const info = await exec.inspect();
    if (!info.Running) return info.ExitCode;
    await new Promise((r) => setTimeout(r, 20));
  }
  return null;
}
