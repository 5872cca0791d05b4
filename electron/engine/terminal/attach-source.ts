import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { BerthError } from '../../../shared/errors.js';
import { onceStreamEnds, toBytes } from './duplex-source-parts.js';
import { LfToCrlf } from './lf-to-crlf.js';
import { containerRemoved } from './exec-end.js';
import { toRpcError } from '../to-rpc-error.js';
import type { TerminalExit, TerminalSource } from './terminal-source.js';

/** Ctrl-P Ctrl-Q, Docker's default detach keys: the engine detaches instead of passing them on. */
export const detachKeys = 'ctrl-p,ctrl-q';

export interface AttachOptions {
  /** Start the container after attaching when it is not running, as `docker start -a` does. */
  start?: boolean;
}

/**
 * The container's main process, as `docker attach` / `docker start -a` give it. Closing the tab
 * detaches; it never stops the container. With `start`, a stopped or created container is
 * attached first and then started, so its first output (a shell's prompt) is not missed.
 */
export async function openAttachSource(
  container: Docker.Container,
  cols: number,
  rows: number,
  options: AttachOptions = {},
): Promise<TerminalSource> {
  const info = await container.inspect();
  const running = info.State.Running;
  if (!running && !options.start)
    throw new BerthError({ code: 'CONFLICT', message: 'The container is not running: start it first to attach' });
  const tty = info.Config.Tty;
  const stream = (await container.attach({ stream: true, stdin: true, stdout: true, stderr: true, hijack: true, detachKeys })) as Duplex;
  stream.pause();
  if (!running) await startAttached(container, stream);
  if (tty) await container.resize({ h: rows, w: cols }).catch(() => undefined);
  // Without a TTY the stream is multiplexed; strip the 8-byte frame headers and keep the bytes.
  const demux = tty ? undefined : new (await import('../containers/log-frame-demuxer.js')).LogFrameDemuxer();
  // Without a TTY nothing turns LF into CR LF: do it here so the output does not staircase.
  const newlines = tty ? undefined : new LfToCrlf();
  let detached = false;
  return {
    label: 'attach',
    onData: (listener) =>
      stream.on('data', (chunk: Buffer) => {
        const bytes = toBytes(chunk);
        if (!demux) listener(bytes);
        else for (const piece of demux.push(bytes)) listener(newlines ? newlines.convert(piece.data) : piece.data);
      }),
    onEnd: (listener) => onceStreamEnds(stream, listener),
    write: (data) => void stream.write(data),
    queuedInputBytes: () => stream.writableLength,
    resize: async (c, r) => {
      if (tty) await container.resize({ h: r, w: c });
    },
    pause: () => stream.pause(),
    resume: () => stream.resume(),
    describeExit: async (): Promise<TerminalExit> => {
      if (detached) return { exitCode: null, reason: 'Detached; the container keeps running', cause: 'detached' };
      const state = await container.inspect().then(
        (c) => c.State,
        (err: unknown) => ((err as { statusCode?: unknown }).statusCode === 404 ? null : undefined),
      );
      if (state === null || state?.Status === 'removing') return containerRemoved;
      if (!state) return { exitCode: null, reason: 'Lost the connection to the Docker Engine', cause: 'connection-lost' };
      if (state.Running) return { exitCode: null, reason: 'Detached (Ctrl-P Ctrl-Q); the container keeps running', cause: 'detached' };
      return { exitCode: state.ExitCode, reason: `The container's main process exited with code ${state.ExitCode}`, cause: 'exited' };
    },
    terminate: async () => {
      detached = true;
      stream.destroy();
      return 'done';
    },
  };
}

/** Starts a container whose streams are already attached; on failure lets go of the stream and says why. */
async function startAttached(container: Docker.Container, stream: Duplex): Promise<void> {
  try {
    await container.start();
  } catch (err) {
    // 304: someone else started it meanwhile, which is what was wanted.
    if ((err as { statusCode?: unknown }).statusCode === 304) return;
    stream.destroy();
    const payload = toRpcError(err);
    throw new BerthError({ ...payload, message: `It did not start: ${payload.message}` });
  }
}
