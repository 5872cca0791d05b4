import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { EngineConnection } from '../electron/engine/engine-connection.js';
import { TerminalSessions } from '../electron/engine/terminal/terminal-sessions.js';
import { median, percentile, report, timed } from './bench-kit.js';

const blocks = Number(process.env.BENCH_TTY_BLOCKS ?? 320);
const bytes = blocks * 65536;
/**
 * Large writes of printable bytes. (`yes` writes two bytes per syscall, which the kernel's TTY
 * path turns into a 0.5 MB/s trickle that says nothing about Berth.)
 */
const generator = `dd if=/dev/zero bs=65536 count=${blocks} 2>/dev/null | tr '\\0' y`;
const command = `${generator}; exit`;

/** Baseline: the engine's own TTY exec path read by a plain consumer (dockerode, no Berth). */
async function rawExec(docker: Docker, container: string): Promise<number> {
  const exec = await docker
    .getContainer(container)
    .exec({ Cmd: ['sh', '-c', generator], AttachStdout: true, AttachStderr: true, Tty: true });
  const stream = (await exec.start({ hijack: true, stdin: false, Tty: true })) as Duplex;
  let received = 0;
  const { ms } = await timed(
    () =>
      new Promise<void>((resolve) => {
        stream.on('data', (c: Buffer) => (received += c.byteLength));
        stream.on('end', () => resolve());
        stream.on('close', () => resolve());
      }),
  );
  return received / 1e6 / (ms / 1000);
}

/** Berth's terminal service: exec + batching + flow control, with acknowledgements as fast as they come. */
async function berthService(terminals: TerminalSessions, container: string): Promise<number> {
  const { sessionId } = await terminals.open('bench', { containerId: container, shell: 'sh', cols: 200, rows: 50 });
  let received = 0;
  let start = 0;
  const done = new Promise<void>((resolve) => {
    terminals.attachOutput('bench', sessionId, {
      send: (m) => {
        if (m.kind === 'data') {
          received += m.data.byteLength;
          // Acknowledge as a renderer would after drawing: asynchronously.
          queueMicrotask(() => terminals.ack('bench', sessionId, m.data.byteLength));
        } else resolve();
        return true;
      },
      end: () => resolve(),
    });
  });
  start = performance.now();
  terminals.write('bench', sessionId, `${command}\n`);
  await done;
  const ms = performance.now() - start;
  return received / 1e6 / (ms / 1000);
}

/** Keystroke echo through Berth's terminal service in Node (exec + batcher + flow gate; no WebSocket, no browser). */
async function berthServiceEcho(terminals: TerminalSessions, container: string, n: number): Promise<number[]> {
  const { sessionId } = await terminals.open('bench-echo', { containerId: container, shell: 'sh', cols: 200, rows: 50 });
  let waiting: (() => void) | undefined;
  terminals.attachOutput('bench-echo', sessionId, {
    send: (m) => {
      if (m.kind === 'data') {
        terminals.ack('bench-echo', sessionId, m.data.byteLength);
        if (waiting && m.data.includes(0x71)) {
          const w = waiting;
          waiting = undefined;
          w();
        }
      }
      return true;
    },
    end: () => undefined,
  });
  await new Promise((r) => setTimeout(r, 500));
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    if (i > 0 && i % 40 === 0) {
      terminals.write('bench-echo', sessionId, '\x15');
      await new Promise((r) => setTimeout(r, 50));
    }
    const echoed = new Promise<void>((resolve) => (waiting = resolve));
    const t0 = performance.now();
    terminals.write('bench-echo', sessionId, 'q');
    await echoed;
    samples.push(performance.now() - t0);
    // Keys about as far apart as the browser bench types them.
    await new Promise((r) => setTimeout(r, 20));
  }
  await terminals.close('bench-echo', sessionId);
  return samples;
}

export async function benchTerminalThroughput(container: string, rounds = 3): Promise<void> {
  const connection = new EngineConnection({ id: 'bench' });
  await connection.connect();
  const terminals = new TerminalSessions(connection);
  const raw: number[] = [];
  const berth: number[] = [];
  for (let i = 0; i < rounds; i++) {
    raw.push(await rawExec(connection.docker, container));
    berth.push(await berthService(terminals, container));
  }
  report(
    `Terminal throughput, ${(bytes / 1e6).toFixed(1)} MB of TTY output (median of ${rounds})`,
    { name: 'engine TTY exec, plain reader', unit: 'MB/s', value: median(raw) },
    [{ name: 'Berth terminal service (batching + flow control)', unit: 'MB/s', value: median(berth) }],
    true,
  );
  const echo = await berthServiceEcho(terminals, container, Number(process.env.BENCH_ECHO_KEYS ?? 100));
  console.log(`\n## Keystroke echo through Berth's terminal service in Node (no WebSocket, no browser), ${echo.length} keys`);
  console.log(`median ${median(echo).toFixed(2)} ms, p95 ${percentile(echo, 95).toFixed(2)} ms (compare with the raw TTY exec echo below)`);
  await terminals.closeAll();
  connection.close();
}
