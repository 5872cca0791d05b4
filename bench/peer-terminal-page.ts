// The peer web terminal's page (bundled for the browser by peer-terminal.ts): xterm.js with Berth's
// look and renderer, fed each WebSocket frame as it arrives (xterm.js queues and paces writes
// itself), acknowledging parsed bytes in Berth's steps. Exposes the same probe as Berth's page,
// so the bench drives and times both alike.
import { Terminal } from '@xterm/xterm';
import { terminalDisplayOptions } from '../renderer/features/terminals/xterm-theme.js';
import { xtermProbe } from '../renderer/features/terminals/xterm-probe.js';
import { terminalFlow } from '../shared/terminal-types.js';
import { peerFrame } from './peer-terminal-protocol.js';

const params = new URLSearchParams(location.search);
const container = params.get('container') ?? '';
const cols = Number(params.get('cols') ?? 80);
const rows = Number(params.get('rows') ?? 24);

const host = document.getElementById('host')!;
host.style.width = `${params.get('width') ?? 800}px`;
host.style.height = `${params.get('height') ?? 400}px`;
const term = new Terminal({ ...terminalDisplayOptions });
term.open(host);
term.resize(cols, rows);

const socket = new WebSocket(`ws://${location.host}/tty?${new URLSearchParams({ container, cols: String(cols), rows: String(rows) })}`);
socket.binaryType = 'arraybuffer';
let parsedSinceAck = 0;
socket.onmessage = (event: MessageEvent<ArrayBuffer>) => {
  const bytes = new Uint8Array(event.data);
  term.write(bytes, () => {
    parsedSinceAck += bytes.byteLength;
    if (parsedSinceAck < terminalFlow.ackEvery) return;
    socket.send(peerFrame.ack(parsedSinceAck));
    parsedSinceAck = 0;
  });
};
socket.onclose = (event) => term.write(`\r\n[closed: ${event.reason || event.code}]\r\n`);
term.onData((data) => socket.send(peerFrame.input(data)));

const probe = xtermProbe(term);
window.__berthTerminalProbes = new Map([[container, probe]]);
window.__berthTerminals = new Map([[container, () => probe.linesAtCursor(0)]]);
