import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalFlow } from '../../../shared/terminal-types.js';
import { createFixture, testDocker, uniqueName, waitFor } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { outputBatchBytes } from './output-batcher.js';
import { TerminalSessions } from './terminal-sessions.js';
import { collector, removeContainers, runningExecs } from './terminal-test-support.js';

/** Containers this file made; only these are removed afterwards. */
const made: string[] = [];
const named = (prefix: string): string => {
  const name = uniqueName(prefix);
  made.push(name);
  return name;
};
afterAll(() => removeContainers(made));

describe('terminal sessions against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-terminals' });
  const terminals = new TerminalSessions(connection);
  const name = named('term');

  beforeAll(async () => {
    await connection.connect();
    await (await createFixture(name)).start();
  });

  afterAll(async () => {
    await terminals.closeAll();
    connection.close();
  });

  it('opens a shell (sh where there is no bash), runs a command and reads its output', async () => {
    const { sessionId, shell } = await terminals.open('client-a', { containerId: name, shell: 'auto', cols: 80, rows: 24 });
    expect(shell).toBe('sh');
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    terminals.write('client-a', sessionId, 'echo berth-$((40+2))\n');
    await waitFor(() => (out.text().includes('berth-42') ? true : undefined), 'command output');
    await terminals.close('client-a', sessionId);
  });

  it('follows resizes: stty size inside reports the new size', async () => {
    const { sessionId } = await terminals.open('client-a', { containerId: name, shell: 'sh', cols: 80, rows: 24 });
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    await terminals.resize('client-a', sessionId, 132, 43);
    terminals.write('client-a', sessionId, 'stty size\n');
    await waitFor(() => (out.text().includes('43 132') ? true : undefined), 'stty size 43 132');
    await terminals.close('client-a', sessionId);
  });

  it('refuses a session to another client', async () => {
    const { sessionId } = await terminals.open('client-a', { containerId: name, shell: 'sh', cols: 80, rows: 24 });
    expect(() => terminals.write('client-b', sessionId, 'x')).toThrow(/another window/);
    await terminals.close('client-a', sessionId);
  });

  it('closing a session ends its processes in the container, even a busy foreground one', async () => {
    const { sessionId } = await terminals.open('client-a', { containerId: name, shell: 'sh', cols: 80, rows: 24 });
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    terminals.write('client-a', sessionId, 'sleep 1000\n');
    await waitFor(async () => ((await runningExecs(name)) > 0 ? true : undefined), 'exec running');
    await terminals.close('client-a', sessionId);
    await waitFor(async () => ((await runningExecs(name)) === 0 ? true : undefined), 'no running exec after close', 5000);
    expect(out.ended()).toBe(true);
    const ps = await waitFor(
      async () => {
        const top = await testDocker.getContainer(name).top();
        return top.Processes?.some((p: string[]) => p.join(' ').includes('sleep 1000')) ? undefined : true;
      },
      'sleep 1000 gone',
      5000,
    );
    expect(ps).toBe(true);
  });

  it('reports the exit code when the shell exits by itself', async () => {
    const { sessionId } = await terminals.open('client-a', { containerId: name, shell: 'sh', cols: 80, rows: 24 });
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    terminals.write('client-a', sessionId, 'exit 7\n');
    const exit = await waitFor(() => out.exit(), 'exit message');
    expect(exit).toMatchObject({ kind: 'exit', exitCode: 7, cause: 'exited', reason: 'The shell exited with code 7' });
    expect(out.ended()).toBe(true);
    expect(terminals.openCount).toBe(0);
    expect(() => terminals.write('client-a', sessionId, 'echo late\n')).toThrow(/No such terminal session/);
  });

  it('pauses output while the client has not rendered it, and resumes on acknowledgement', async () => {
    const { sessionId } = await terminals.open('client-a', { containerId: name, shell: 'sh', cols: 80, rows: 24 });
    const high = terminalFlow.highWatermark;
    // The bound on bytes in flight, from the code: the gate pauses the socket inside the delivery
    // that takes the unacknowledged count past the high-water mark, so before that delivery at most
    // `high` were unacknowledged, and after it nothing more is read (a paused socket emits no 'data';
    // the batcher is empty, since each send takes all it holds). That last delivery is one batch:
    // the batcher sends once it holds `outputBatchBytes` or more, so a batch is at most
    // `outputBatchBytes - 1` plus the chunk that tipped it, and Node reads a socket at most 64 KiB at
    // a time (libuv's read size; a resumed stream hands over one buffered chunk per 'data'). Under
    // load the engine's socket fills between reads, so those chunks are full 64 KiB ones (batches of
    // 313,327 bytes seen), and `high + outputBatchBytes` alone was exceeded by 28 kB in a loaded CI
    // run. Prompt and echo go through the same gate, so they need no allowance of their own.
    const socketReadBytes = 64 * 1024;
    const mostPerBatch = outputBatchBytes - 1 + socketReadBytes;
    const mostInFlight = high + mostPerBatch;
    let received = 0;
    let acked = 0;
    let mostUnacked = 0;
    let largestBatch = 0;
    terminals.attachOutput('client-a', sessionId, {
      send: (m) => {
        if (m.kind === 'data') {
          received += m.data.byteLength;
          largestBatch = Math.max(largestBatch, m.data.byteLength);
        }
        // Checked on every message, whenever it comes: never more than the window and one batch in flight.
        mostUnacked = Math.max(mostUnacked, received - acked);
        return true;
      },
      end: () => undefined,
    });
    // A fast generator (yes through a TTY writes two bytes per syscall: too slow to fill a window quickly).
    terminals.write('client-a', sessionId, "dd if=/dev/zero bs=65536 count=100000 2>/dev/null | tr '\\0' y\n");
    await waitFor(() => (received > high ? true : undefined), 'output up to the high watermark');
    // Engine round trips while nothing is acknowledged: time for more output to arrive if the gate leaked.
    for (let i = 0; i < 5; i++) await terminals.resize('client-a', sessionId, 80 + i, 24);
    expect(mostUnacked).toBeLessThanOrEqual(mostInFlight);
    const whilePaused = received;
    acked = received;
    terminals.ack('client-a', sessionId, received);
    await waitFor(() => (received > whilePaused + high ? true : undefined), 'output resumes after ack');
    expect(largestBatch).toBeLessThanOrEqual(mostPerBatch);
    expect(mostUnacked).toBeLessThanOrEqual(mostInFlight);
    terminals.write('client-a', sessionId, '\x03');
    await terminals.close('client-a', sessionId);
  });
});

describe('attach and host terminals', () => {
  const connection = new EngineConnection({ id: 'test-attach' });
  const terminals = new TerminalSessions(connection);
  const name = named('attach');

  beforeAll(async () => {
    await connection.connect();
    const c = await testDocker.createContainer({
      name,
      Image: 'berth-fixture/busybox:latest',
      Cmd: ['sh'],
      Tty: true,
      OpenStdin: true,
      // A stop takes effect at once, so a close that stopped the container shows immediately.
      StopSignal: 'SIGKILL',
      Labels: { 'berth.test-fixture': 'true' },
    });
    await c.start();
  });

  afterAll(async () => {
    await terminals.closeAll();
    connection.close();
  });

  it('attaches to the main process, and closing detaches without stopping the container', async () => {
    const before = (await testDocker.getContainer(name).inspect()).State;
    const { sessionId, shell } = await terminals.attach('client-a', name, 80, 24);
    expect(shell).toBe('attach');
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    terminals.write('client-a', sessionId, 'echo attached-$((1+1))\n');
    await waitFor(() => (out.text().includes('attached-2') ? true : undefined), 'output of the main process');
    await terminals.close('client-a', sessionId);
    // The container stops at once on a stop (StopSignal SIGKILL) and its main shell would end on
    // EOF: attach again and get an answer from the same main process, so a close that stopped,
    // killed or hung up the container cannot pass by being checked too early.
    const again = await terminals.attach('client-a', name, 80, 24);
    const second = collector();
    terminals.attachOutput('client-a', again.sessionId, second.sink);
    terminals.write('client-a', again.sessionId, 'echo still-$((2+3))\n');
    await waitFor(() => (second.text().includes('still-5') ? true : undefined), 'the same main process answers after the detach');
    await terminals.close('client-a', again.sessionId);
    const after = (await testDocker.getContainer(name).inspect()).State;
    expect(after.Running).toBe(true);
    expect(after.StartedAt).toBe(before.StartedAt);
    expect(after.Pid).toBe(before.Pid);
  });

  it('attaches to a container without a TTY: stdout and stderr demultiplexed, lines end in CR LF', async () => {
    const plain = named('attach-notty');
    const c = await testDocker.createContainer({
      name: plain,
      Image: 'berth-fixture/busybox:latest',
      Cmd: ['sh'],
      OpenStdin: true,
      Labels: { 'berth.test-fixture': 'true' },
    });
    await c.start();
    const { sessionId } = await terminals.attach('client-a', plain, 80, 24);
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    terminals.write('client-a', sessionId, 'echo one; echo two >&2\n');
    await waitFor(() => (out.text().includes('two') ? true : undefined), 'output of a non-TTY main process');
    expect(out.text()).toContain('one\r\n');
    expect(out.text()).not.toMatch(/[^\r]\n/);
    await terminals.close('client-a', sessionId);
  });

  it('refuses to attach to a stopped container with a clear reason', async () => {
    const stopped = named('attach-stopped');
    await createFixture(stopped);
    await expect(terminals.attach('client-a', stopped, 80, 24)).rejects.toThrow(/not running/);
  });

  it('opens a shell on the host where docker commands work beside the GUI', async () => {
    const { sessionId } = await terminals.openHost('client-a', 100, 30);
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    terminals.write('client-a', sessionId, `docker ps --filter name=${name} --format 'seen:{{.Names}}'\n`);
    await waitFor(() => (out.text().includes(`seen:${name}`) ? true : undefined), 'docker ps in the host shell', 15_000);
    terminals.write('client-a', sessionId, 'exit 4\n');
    const exit = await waitFor(() => out.exit(), 'host shell exit');
    expect(exit).toMatchObject({ exitCode: 4 });
  });
});
