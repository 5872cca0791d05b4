import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalFlow, type TerminalOutput } from '../../../shared/terminal-types.js';
import { createFixture, removeFixtures, testDocker, uniqueName, waitFor } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { TerminalSessions } from './terminal-sessions.js';

/** Collects a terminal's output as text, acknowledging bytes as a renderer would. */
function collector(): { sink: { send(m: TerminalOutput): boolean; end(): void }; text(): string; exit(): TerminalOutput | undefined; ended(): boolean } {
  const decoder = new TextDecoder();
  let text = '';
  let exit: TerminalOutput | undefined;
  let ended = false;
  return {
    sink: {
      send(m) {
        if (m.kind === 'data') text += decoder.decode(m.data, { stream: true });
        else exit = m;
        return true;
      },
      end() {
        ended = true;
      },
    },
    text: () => text,
    exit: () => exit,
    ended: () => ended,
  };
}

async function runningExecs(containerName: string): Promise<number> {
  const info = await testDocker.getContainer(containerName).inspect();
  const states = await Promise.all((info.ExecIDs ?? []).map((id) => testDocker.getExec(id).inspect()));
  return states.filter((s) => s.Running).length;
}

describe('terminal sessions against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-terminals' });
  const terminals = new TerminalSessions(connection);
  const name = uniqueName('term');

  beforeAll(async () => {
    await connection.connect();
    await (await createFixture(name)).start();
  });

  afterAll(async () => {
    await terminals.closeAll();
    connection.close();
    await removeFixtures();
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
    const ps = await waitFor(async () => {
      const top = await testDocker.getContainer(name).top();
      return top.Processes?.some((p: string[]) => p.join(' ').includes('sleep 1000')) ? undefined : true;
    }, 'sleep 1000 gone', 5000);
    expect(ps).toBe(true);
  });

  it('reports the exit code when the shell exits by itself', async () => {
    const { sessionId } = await terminals.open('client-a', { containerId: name, shell: 'sh', cols: 80, rows: 24 });
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    terminals.write('client-a', sessionId, 'exit 7\n');
    const exit = await waitFor(() => out.exit(), 'exit message');
    expect(exit).toMatchObject({ kind: 'exit', exitCode: 7 });
    expect(out.ended()).toBe(true);
    expect(terminals.openCount).toBe(0);
  });

  it('pauses output while the client has not rendered it, and resumes on acknowledgement', async () => {
    const { sessionId } = await terminals.open('client-a', { containerId: name, shell: 'sh', cols: 80, rows: 24 });
    let received = 0;
    terminals.attachOutput('client-a', sessionId, {
      send: (m) => {
        if (m.kind === 'data') received += m.data.byteLength;
        return true;
      },
      end: () => undefined,
    });
    // A fast generator (yes through a TTY writes two bytes per syscall: too slow to fill a window quickly).
    terminals.write('client-a', sessionId, "dd if=/dev/zero bs=65536 count=100000 2>/dev/null | tr '\\0' y\n");
    const high = terminalFlow.highWatermark;
    await waitFor(() => (received > high ? true : undefined), 'output up to the high watermark');
    await new Promise((r) => setTimeout(r, 300));
    const whilePaused = received;
    await new Promise((r) => setTimeout(r, 300));
    // Without acknowledgements, at most what was already in flight arrives (one batch at most).
    expect(received - whilePaused).toBeLessThanOrEqual(64 * 1024);
    expect(received).toBeLessThan(high + 3 * 64 * 1024);
    terminals.ack('client-a', sessionId, received);
    await waitFor(() => (received > whilePaused + high ? true : undefined), 'output resumes after ack');
    terminals.write('client-a', sessionId, '\x03');
    await terminals.close('client-a', sessionId);
  });
});

describe('attach and host terminals', () => {
  const connection = new EngineConnection({ id: 'test-attach' });
  const terminals = new TerminalSessions(connection);
  const name = uniqueName('attach');

  beforeAll(async () => {
    await connection.connect();
    const c = await testDocker.createContainer({
      name,
      Image: 'berth-fixture/busybox:latest',
      Cmd: ['sh'],
      Tty: true,
      OpenStdin: true,
      Labels: { 'berth.test-fixture': 'true' },
    });
    await c.start();
  });

  afterAll(async () => {
    await terminals.closeAll();
    connection.close();
    await removeFixtures();
  });

  it('attaches to the main process, and closing detaches without stopping the container', async () => {
    const { sessionId, shell } = await terminals.attach('client-a', name, 80, 24);
    expect(shell).toBe('attach');
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    terminals.write('client-a', sessionId, 'echo attached-$((1+1))\n');
    await waitFor(() => (out.text().includes('attached-2') ? true : undefined), 'output of the main process');
    await terminals.close('client-a', sessionId);
    expect((await testDocker.getContainer(name).inspect()).State.Running).toBe(true);
  });

  it('attaches to a container without a TTY: stdout and stderr demultiplexed, lines end in CR LF', async () => {
    const plain = uniqueName('attach-notty');
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
    const stopped = uniqueName('attach-stopped');
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
