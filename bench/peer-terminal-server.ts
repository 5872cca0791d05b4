// The peer web terminal's server, built the way ttyd and wetty are: a shell exec'd with a TTY
// (dockerode, hijacked stream), its bytes sent as they come over a plain `ws` WebSocket, and
// keystrokes written back. Flow control has Berth's windows (FlowGate, shared/terminal-types.ts)
// so the comparison is of the paths, not of the windows. No batching, no envelope, no validation
// library: the minimum a web terminal needs.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { FlowGate } from '../electron/engine/terminal/flow-gate.js';
import { parsePeerFrame } from './peer-terminal-protocol.js';

export interface PeerPageAssets {
  /** The page itself (loads `/page.js`). */
  html: string;
  /** The page's script, bundled. */
  script: string;
}

export interface PeerTerminalServer {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  close(): Promise<void>;
}

async function openShell(docker: Docker, container: string, cols: number, rows: number): Promise<{ exec: Docker.Exec; stream: Duplex }> {
  const exec = await docker.getContainer(container).exec({
    Cmd: ['sh'],
    AttachStdin: true,
    AttachStdout: true,
    AttachStderr: true,
    Tty: true,
    Env: ['TERM=xterm-256color'],
  });
  const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
  await exec.resize({ w: cols, h: rows }).catch(() => undefined);
  return { exec, stream };
}

function serveTerminal(socket: WebSocket, exec: Docker.Exec, stream: Duplex): void {
  const gate = new FlowGate(
    () => stream.pause(),
    () => stream.resume(),
  );
  stream.on('data', (chunk: Buffer) => {
    socket.send(chunk, { binary: true });
    gate.sent(chunk.byteLength);
  });
  const finish = (): void => {
    if (socket.readyState === socket.OPEN) socket.close(1000, 'the shell ended');
  };
  stream.on('end', finish).on('close', finish).on('error', finish);
  socket.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) return void socket.close(1003, 'frames from the page are text');
    const message = parsePeerFrame(data.toString());
    if (message.kind === 'input') stream.write(message.data);
    else if (message.kind === 'ack') gate.acked(message.bytes);
    else if (message.kind === 'resize') void exec.resize({ w: message.cols, h: message.rows }).catch(() => undefined);
    else socket.close(1008, message.reason);
  });
  socket.on('close', () => {
    // The bench's shells run nothing after the flood: ending the shell ends the session.
    if (!stream.destroyed) stream.end('exit\n');
    setTimeout(() => stream.destroy(), 1000).unref();
  });
}

/** Serves the page at `/` and a terminal into `?container=` at the WebSocket `/tty?container=&cols=&rows=`. */
export async function startPeerTerminalServer(docker: Docker, assets: PeerPageAssets): Promise<PeerTerminalServer> {
  const http = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://peer').pathname;
    if (path === '/') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(assets.html);
    else if (path === '/page.js') res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(assets.script);
    else res.writeHead(404).end();
  });
  // perMessageDeflate off, as Berth's server has it: compressing terminal output costs more CPU than it saves on loopback.
  const wss = new WebSocketServer({ server: http, path: '/tty', perMessageDeflate: false });
  wss.on('connection', (socket, req) => {
    const query = new URL(req.url ?? '/', 'http://peer').searchParams;
    const container = query.get('container') ?? '';
    const cols = Number(query.get('cols') ?? 80);
    const rows = Number(query.get('rows') ?? 24);
    openShell(docker, container, cols, rows).then(
      ({ exec, stream }) => {
        if (socket.readyState !== socket.OPEN) return void stream.destroy();
        serveTerminal(socket, exec, stream);
      },
      (err: unknown) => socket.close(1011, `Could not open a shell: ${String(err)}`.slice(0, 120)),
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      wss.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
