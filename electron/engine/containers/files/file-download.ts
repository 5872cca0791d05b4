import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { extract as tarExtract } from 'tar-stream';
import { baseNameOf } from '../../../../shared/container-path.js';
import { BerthError } from '../../../../shared/errors.js';
import { filesLimits, type DownloadMessage } from '../../../../shared/files-types.js';
import type { StreamSink } from '../../stream-sink.js';
import type { EngineConnection } from '../../engine-connection.js';
import { FlowGate } from '../../terminal/flow-gate.js';
import { getArchive, openContainer, resolvePath } from './archive-api.js';
import { describeDuration, type TransferTimeouts } from './transfer-timeouts.js';

interface Download {
  clientId: string;
  /** Set once bytes flow; acknowledgements before that are ignored. */
  gate: FlowGate | undefined;
  stop(): void;
}

const mb = (n: number): string => `${Math.round(n / (1024 * 1024))} MB`;

function tooBig(path: string): BerthError {
  return new BerthError({
    code: 'BAD_REQUEST',
    message: `${path} is over ${mb(filesLimits.downloadMaxBytes)}, more than Berth downloads through the browser: use docker cp`,
  });
}

/**
 * Downloads through the archive API (`docker cp <c>:<path> .`): a file as its own bytes, a folder
 * as the engine's tar. Chunks go out as the engine sends them; the source is paused while more
 * than `filesLimits.downloadWindowBytes` are unacknowledged, so the server never buffers a file.
 * The engine locks the container while its archive request is open, so a download that moves no
 * byte for `idleMs` (a client that stopped acknowledging) is ended.
 */
export class FileDownloads {
  private readonly active = new Map<string, Download>();

  constructor(
    private readonly connection: EngineConnection,
    private readonly timeouts: Pick<TransferTimeouts, 'idleMs'>,
  ) {}

  get count(): number {
    return this.active.size;
  }

  start(clientId: string, id: string, path: string, sink: StreamSink<DownloadMessage>): () => void {
    const downloadId = randomUUID();
    // The engine's response, and (for a file) the entry read from it: both are freed on stop.
    const sources: Readable[] = [];
    let closed = false;
    let idleTimer: ReturnType<typeof setTimeout> | undefined;
    const stop = (): void => {
      closed = true;
      clearTimeout(idleTimer);
      this.active.delete(downloadId);
      for (const source of sources) source.destroy();
    };
    const fail = (err: unknown): void => {
      if (closed) return;
      stop();
      sink.end(err);
    };
    const download: Download = {
      clientId,
      gate: undefined,
      stop: () => fail(new BerthError({ code: 'NOT_FOUND', message: 'The window that started this download closed' })),
    };
    this.active.set(downloadId, download);
    const stalled = (): void => {
      const idle = describeDuration(this.timeouts.idleMs);
      const why = download.gate?.isPaused ? `the client acknowledged nothing for ${idle}` : `the engine sent nothing for ${idle}`;
      fail(
        new BerthError({
          code: 'LIMIT_REACHED',
          message: `The download was ended: ${why} (an open download locks the container for docker inspect, exec and stop)`,
        }),
      );
    };
    const progressed = (): void => {
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stalled, this.timeouts.idleMs);
    };
    void (async () => {
      try {
        const c = await openContainer(this.connection, id);
        const { path: target, stat } = await resolvePath(this.connection, c, path);
        if (stat.kind === 'other')
          throw new BerthError({ code: 'BAD_REQUEST', message: `${path} is not a regular file or folder (a device, pipe or socket)` });
        if (stat.kind === 'file' && stat.size > filesLimits.downloadMaxBytes) throw tooBig(path);
        const tarStream = await getArchive(this.connection, c, target);
        sources.push(tarStream);
        if (closed) return void tarStream.destroy();
        const isFolder = stat.kind === 'dir';
        const name = baseNameOf(path) === '/' ? 'root' : baseNameOf(path);
        const body = isFolder ? tarStream : await firstEntry(tarStream);
        sources.push(body);
        if (closed) return void stop();
        const gate = new FlowGate(
          () => body.pause(),
          () => body.resume(),
          filesLimits.downloadWindowBytes,
          filesLimits.downloadWindowBytes / 4,
        );
        download.gate = gate;
        progressed();
        sink.send({
          kind: 'start',
          downloadId,
          fileName: isFolder ? `${name}.tar` : name,
          format: isFolder ? 'tar' : 'file',
          size: isFolder ? null : stat.size,
        });
        let sent = 0;
        body.on('data', (chunk: Buffer) => {
          if (closed) return;
          sent += chunk.byteLength;
          if (sent > filesLimits.downloadMaxBytes) return fail(tooBig(path));
          progressed();
          sink.send({ kind: 'data', data: new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength) });
          gate.sent(chunk.byteLength);
        });
        body.on('end', () => {
          if (closed) return;
          sink.send({ kind: 'done', bytes: sent });
          stop();
          sink.end();
        });
        body.on('error', fail);
        if (tarStream !== body) tarStream.on('error', fail);
      } catch (err) {
        fail(err);
      }
    })();
    return stop;
  }

  /** The client received this many more bytes. A late ack (download over) is ignored. */
  ack(clientId: string, downloadId: string, bytes: number): void {
    const download = this.active.get(downloadId);
    if (!download) return;
    if (download.clientId !== clientId) throw new BerthError({ code: 'FORBIDDEN', message: 'This download belongs to another window' });
    download.gate?.acked(bytes);
  }

  /** Whether the download is paused until its client acknowledges bytes. */
  isWaitingForAck(downloadId: string): boolean {
    return this.active.get(downloadId)?.gate?.isPaused ?? false;
  }

  /** The client left: its downloads stop and free the engine's request. */
  disposeClient(clientId: string): void {
    for (const download of [...this.active.values()]) if (download.clientId === clientId) download.stop();
  }

  /** Berth is closing: every download stops and frees the engine's request. */
  closeAll(): void {
    for (const download of [...this.active.values()]) download.stop();
  }
}

/** The bytes of the one file in an archive-API tar; the rest of the tar is never read. */
function firstEntry(tarStream: Readable): Promise<Readable> {
  return new Promise((resolve, reject) => {
    const extract = tarExtract();
    let found = false;
    extract.on('entry', (_header, stream) => {
      if (found) return void stream.resume();
      found = true;
      // Ending the entry ends the download; the tar's end (padding, end blocks) does not matter.
      stream.on('end', () => tarStream.destroy());
      resolve(stream);
    });
    extract.on('finish', () => {
      if (!found) reject(new BerthError({ code: 'ENGINE_ERROR', message: 'The engine sent an empty archive' }));
    });
    extract.on('error', reject);
    tarStream.on('error', reject);
    tarStream.pipe(extract);
  });
}
