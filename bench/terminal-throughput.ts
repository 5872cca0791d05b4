import type { Duplex } from 'node:stream';
import type Docker from 'dockerode';
import { EngineConnection } from '../electron/services/engine-connection.js';
import { TerminalSessions } from '../electron/services/terminal/terminal-sessions.js';
import { median, report, timed } from './bench-kit.js';

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
  const exec = await docker.getContainer(container).exec({ Cmd: ['sh', '-c', generator], AttachStdout: true, AttachStderr: true, Tty: true });
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
  await terminals.closeAll();
  connection.close();
}
