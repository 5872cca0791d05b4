import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBerthError } from '../../../shared/errors.js';
import { terminalLimits } from '../../../shared/terminal-types.js';
import { fixtureImage, fixtureLabel, testDocker, uniqueName, waitFor } from '../../test-support/engine-fixtures.js';
import { EngineSocketProxy } from '../../test-support/socket-proxy.js';
import { EngineConnection } from '../engine-connection.js';
import { findSessionLeader, killSessionProcesses } from './session-reaper.js';
import { TerminalSessions } from './terminal-sessions.js';
import { collector, removeContainers, runningExecs, runsIn } from './terminal-test-support.js';

const made: string[] = [];
const shell = { shell: 'sh' as const, cols: 80, rows: 24 };

/** A running labelled container; `user` is its default user. */
async function runningContainer(prefix: string, user?: string): Promise<string> {
  const name = uniqueName(prefix);
  made.push(name);
  const c = await testDocker.createContainer({
    name,
    Image: fixtureImage,
    Cmd: ['sh', '-c', 'while true; do sleep 1; done'],
    Labels: { [fixtureLabel]: 'true' },
    StopSignal: 'SIGKILL',
    ...(user ? { User: user } : {}),
  });
  await c.start();
  return name;
}

const gone = (name: string, needle: string) => async () => ((await runsIn(name, needle)) ? undefined : true);
const seen = (name: string, needle: string) => async () => ((await runsIn(name, needle)) ? true : undefined);

afterAll(async () => {
  await removeContainers(made);
});

describe('terminal sessions leave nothing running', () => {
  const connection = new EngineConnection({ id: 'test-terminal-lifecycle' });
  const terminals = new TerminalSessions(connection);
  let name = '';

  beforeAll(async () => {
    await connection.connect();
    name = await runningContainer('term-life');
  });

  afterAll(async () => {
    await terminals.closeAll();
    connection.close();
  });

  it('ends a shell whose client left while it was still opening', async () => {
    const opens = ['gone-1', 'gone-2', 'gone-3'].map((client) => terminals.open(client, { containerId: name, ...shell }));
    for (const client of ['gone-1', 'gone-2', 'gone-3']) terminals.disposeClient(client);
    const results = await Promise.allSettled(opens);
    for (const result of results) {
      expect(result.status).toBe('rejected');
      if (result.status === 'rejected')
        expect(result.reason).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/has gone/) });
    }
    expect(terminals.openCount).toBe(0);
    await waitFor(async () => ((await runningExecs(name)) === 0 ? true : undefined), 'no shell left running', 10_000);
  });

  it('ends a root shell in a container whose default user is not root', async () => {
    const nonRoot = await runningContainer('term-nonroot', '1000');
    const { sessionId } = await terminals.open('client-a', { containerId: nonRoot, ...shell, user: '0' });
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    terminals.write('client-a', sessionId, 'id -u; sleep 31401\n');
    await waitFor(seen(nonRoot, 'sleep 31401'), 'the root shell runs sleep');
    expect(out.text()).toMatch(/^0\r?$/m);
    await terminals.close('client-a', sessionId);
    await waitFor(gone(nonRoot, 'sleep 31401'), 'root sleep ended by close', 10_000);
    expect(await runningExecs(nonRoot)).toBe(0);
  });

  it('ends processes that cleared their environment (env -i) but stayed in the session', async () => {
    const { sessionId } = await terminals.open('client-a', { containerId: name, ...shell });
    terminals.attachOutput('client-a', sessionId, collector().sink);
    terminals.write('client-a', sessionId, 'env -i sleep 31402 & env -i sh -c "sleep 31403 | cat" &\n');
    await waitFor(seen(name, 'sleep 31402'), 'env -i sleep runs');
    await waitFor(seen(name, 'sleep 31403'), 'env -i pipeline runs');
    await terminals.close('client-a', sessionId);
    await waitFor(gone(name, 'sleep 31402'), 'env -i sleep ended by close', 10_000);
    await waitFor(gone(name, 'sleep 31403'), 'env -i pipeline ended by close', 10_000);
  });

  it('ends the processes of a shell that replaced itself with a cleared environment (exec env -i sh)', async () => {
    const { sessionId } = await terminals.open('client-a', { containerId: name, ...shell });
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    terminals.write('client-a', sessionId, 'exec env -i sh\n');
    terminals.write('client-a', sessionId, 'echo BERTH_SESSION=[$BERTH_SESSION]; sleep 31411 &\n');
    await waitFor(seen(name, 'sleep 31411'), 'a job of the cleared shell runs');
    expect(out.text()).toContain('BERTH_SESSION=[]');
    await terminals.close('client-a', sessionId);
    await waitFor(gone(name, 'sleep 31411'), 'ended by close', 10_000);
    expect(await runningExecs(name)).toBe(0);
  });

  it('takes a recorded shell PID only while its start time matches (a reused PID is another process)', async () => {
    const { sessionId } = await terminals.open('client-a', { containerId: name, ...shell });
    terminals.attachOutput('client-a', sessionId, collector().sink);
    terminals.write('client-a', sessionId, 'sleep 31412\n');
    await waitFor(seen(name, 'sleep 31412'), 'busy shell');
    const container = testDocker.getContainer(name);
    const leader = await findSessionLeader(container, sessionId);
    expect(leader).toMatch(/^\d+:\d+$/);
    const pid = leader!.split(':')[0];
    await killSessionProcesses(container, 'no-such-session', `${pid}:1`);
    expect(await runsIn(name, 'sleep 31412')).toBe(true);
    // The same PID with its own start time is the shell: its session ends, marker or not.
    await killSessionProcesses(container, 'no-such-session', leader);
    await waitFor(gone(name, 'sleep 31412'), 'ended through the recorded shell PID');
    await terminals.close('client-a', sessionId);
  });

  it('never touches the main process nor processes of other sessions', async () => {
    const other = await terminals.open('client-a', { containerId: name, ...shell });
    terminals.attachOutput('client-a', other.sessionId, collector().sink);
    terminals.write('client-a', other.sessionId, 'sleep 31404\n');
    const mine = await terminals.open('client-a', { containerId: name, ...shell });
    terminals.attachOutput('client-a', mine.sessionId, collector().sink);
    terminals.write('client-a', mine.sessionId, 'sleep 31405\n');
    await waitFor(seen(name, 'sleep 31404'), 'the other session runs');
    await waitFor(seen(name, 'sleep 31405'), 'this session runs');
    await terminals.close('client-a', mine.sessionId);
    await waitFor(gone(name, 'sleep 31405'), 'this session ended');
    expect(await runsIn(name, 'sleep 31404')).toBe(true);
    expect((await testDocker.getContainer(name).inspect()).State.Running).toBe(true);
    await terminals.close('client-a', other.sessionId);
  });

  it('says the container was removed when it is removed under an open shell', async () => {
    const doomed = await runningContainer('term-removed');
    const { sessionId } = await terminals.open('client-a', { containerId: doomed, ...shell });
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    terminals.write('client-a', sessionId, 'echo ready-$((3*3))\n');
    await waitFor(() => (out.text().includes('ready-9') ? true : undefined), 'shell ready');
    await testDocker.getContainer(doomed).remove({ force: true });
    const exit = await waitFor(() => out.exit(), 'exit message');
    expect(exit).toEqual({ kind: 'exit', exitCode: null, reason: 'The container was removed', cause: 'container-removed' });
  });

  it('says the container stopped when it is stopped under an open shell', async () => {
    const stopping = await runningContainer('term-stopped');
    const { sessionId } = await terminals.open('client-a', { containerId: stopping, ...shell });
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    terminals.write('client-a', sessionId, 'echo ready-$((4*4))\n');
    await waitFor(() => (out.text().includes('ready-16') ? true : undefined), 'shell ready');
    await testDocker.getContainer(stopping).stop();
    const exit = await waitFor(() => out.exit(), 'exit message');
    expect(exit).toMatchObject({ kind: 'exit', reason: 'The container stopped', cause: 'container-stopped' });
  });
});

describe('terminal bounds', () => {
  const connection = new EngineConnection({ id: 'test-terminal-bounds' });
  const terminals = new TerminalSessions(connection, { ...terminalLimits, perClient: 3 });
  let name = '';

  beforeAll(async () => {
    await connection.connect();
    name = await runningContainer('term-bounds');
  });

  afterAll(async () => {
    await terminals.closeAll();
    connection.close();
  });

  it('keeps at most 1 MiB of input for a shell that does not read it, and refuses the rest with a clear error', async () => {
    const { sessionId } = await terminals.open('client-a', { containerId: name, ...shell });
    terminals.attachOutput('client-a', sessionId, collector().sink);
    terminals.write('client-a', sessionId, 'stty raw -echo; sleep 31406\n');
    await waitFor(seen(name, 'sleep 31406'), 'a foreground process that never reads');
    const chunk = 'x'.repeat(65_536);
    let accepted = 0;
    let refusal: unknown;
    // Without the bound all 64 MiB would be taken into the server's memory.
    while (accepted < 64 * 1_048_576) {
      try {
        terminals.write('client-a', sessionId, chunk);
        accepted += chunk.length;
      } catch (err) {
        refusal = err;
        break;
      }
    }
    expect(isBerthError(refusal)).toBe(true);
    expect(refusal).toMatchObject({ code: 'LIMIT_REACHED', message: expect.stringMatching(/not reading its input.*at most 1 MiB/) });
    // What the engine and the kernel took, plus what waits in Berth: bounded.
    expect(accepted).toBeLessThan(8 * 1_048_576);
    await terminals.close('client-a', sessionId);
    await waitFor(gone(name, 'sleep 31406'), 'closed');
  });

  it('refuses a terminal past the per-client limit, counting those still opening, and names the limit', async () => {
    const opens = [1, 2, 3].map(() => terminals.open('client-b', { containerId: name, ...shell }));
    await expect(terminals.open('client-b', { containerId: name, ...shell })).rejects.toMatchObject({
      code: 'LIMIT_REACHED',
      message: 'At most 3 terminals can be open in one window: close one to open another',
    });
    await expect(terminals.attach('client-b', name, 80, 24)).rejects.toMatchObject({ code: 'LIMIT_REACHED' });
    const opened = await Promise.all(opens);
    // Another window has its own allowance.
    const other = await terminals.open('client-c', { containerId: name, ...shell });
    await terminals.close('client-c', other.sessionId);
    await terminals.close('client-b', opened[0]!.sessionId);
    const again = await terminals.open('client-b', { containerId: name, ...shell });
    for (const { sessionId } of [...opened.slice(1), again]) await terminals.close('client-b', sessionId);
  });

  it('allows 32 terminals per window by default', () => {
    expect(terminalLimits.perClient).toBe(32);
    expect(terminalLimits.queuedInputBytes).toBe(1_048_576);
  });
});

describe('terminal ownership', () => {
  const connection = new EngineConnection({ id: 'test-terminal-owner' });
  const terminals = new TerminalSessions(connection);
  let name = '';

  beforeAll(async () => {
    await connection.connect();
    name = await runningContainer('term-owner');
  });

  afterAll(async () => {
    await terminals.closeAll();
    connection.close();
  });

  it("refuses another client's input, resize, acknowledgement, close and output, and the session goes on", async () => {
    const { sessionId } = await terminals.open('owner', { containerId: name, ...shell });
    const forbidden = { code: 'FORBIDDEN', message: 'This terminal belongs to another window' };
    expect(() => terminals.write('intruder', sessionId, 'echo pwned\n')).toThrow(expect.objectContaining(forbidden));
    expect(() => terminals.ack('intruder', sessionId, 1 << 20)).toThrow(expect.objectContaining(forbidden));
    expect(() => terminals.attachOutput('intruder', sessionId, collector().sink)).toThrow(expect.objectContaining(forbidden));
    await expect(terminals.resize('intruder', sessionId, 100, 40)).rejects.toMatchObject(forbidden);
    await expect(terminals.close('intruder', sessionId)).rejects.toMatchObject(forbidden);
    terminals.disposeClient('intruder');
    // Still the owner's, still open, its size untouched by the intruder.
    const out = collector();
    terminals.attachOutput('owner', sessionId, out.sink);
    terminals.write('owner', sessionId, 'stty size; echo owner-$((20+1))\n');
    await waitFor(() => (out.text().includes('owner-21') ? true : undefined), "the owner's session still answers");
    expect(out.text()).toContain('24 80');
    expect(out.text()).not.toContain('pwned');
    await terminals.close('owner', sessionId);
  });

  it('leaves no exec process behind once a client goes away', async () => {
    for (const needle of ['sleep 31407', 'env -i sleep 31408 &']) {
      const { sessionId } = await terminals.open('leaver', { containerId: name, ...shell });
      terminals.attachOutput('leaver', sessionId, collector().sink);
      terminals.write('leaver', sessionId, `${needle}\n`);
    }
    const unsubscribed = await terminals.open('leaver', { containerId: name, ...shell });
    terminals.write('leaver', unsubscribed.sessionId, 'sleep 31409\n');
    await waitFor(seen(name, 'sleep 31407'), 'first shell busy');
    await waitFor(seen(name, 'sleep 31408'), 'second shell busy');
    await waitFor(seen(name, 'sleep 31409'), 'third shell busy');
    const stillOpening = terminals.open('leaver', { containerId: name, ...shell });
    terminals.disposeClient('leaver');
    await expect(stillOpening).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(terminals.openCount).toBe(0);
    await waitFor(async () => ((await runningExecs(name)) === 0 ? true : undefined), 'no exec left running', 10_000);
    for (const n of ['sleep 31407', 'sleep 31408', 'sleep 31409']) await waitFor(gone(name, n), `${n} ended`);
  });
});

describe('terminal sessions across an engine connection drop', () => {
  const socketPath = `/tmp/berth-term-proxy-${process.pid}.sock`;
  const proxy = new EngineSocketProxy(socketPath);
  const connection = new EngineConnection({ id: 'test-terminal-drop', dockerHost: `unix://${socketPath}`, retryDelaysMs: [100] });
  const terminals = new TerminalSessions(connection);
  let name = '';

  beforeAll(async () => {
    await proxy.start();
    await connection.connect();
    name = await runningContainer('term-drop');
  });

  afterAll(async () => {
    await terminals.closeAll();
    connection.close();
    await proxy.stop();
  });

  it('says the session is lost, then ends its processes once the engine answers again', async () => {
    const { sessionId } = await terminals.open('client-a', { containerId: name, ...shell });
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    terminals.write('client-a', sessionId, 'sleep 31410\n');
    await waitFor(seen(name, 'sleep 31410'), 'shell busy');
    await proxy.stop();
    const exit = await waitFor(() => out.exit(), 'lost message');
    expect(exit).toMatchObject({
      exitCode: null,
      cause: 'connection-lost',
      reason: expect.stringMatching(/Lost the connection to the Docker Engine/),
    });
    await waitFor(() => (terminals.unreapedCount === 1 ? true : undefined), 'the session waits to be ended');
    // The engine itself never went away: the processes still run while Berth cannot reach it.
    expect(await runsIn(name, 'sleep 31410')).toBe(true);
    await proxy.start();
    await waitFor(() => (connection.status.state === 'connected' ? true : undefined), 'reconnected');
    await waitFor(gone(name, 'sleep 31410'), 'processes ended after the engine came back', 15_000);
    await waitFor(() => (terminals.unreapedCount === 0 ? true : undefined), 'nothing left to end');
    expect(await runningExecs(name)).toBe(0);
  });
});
