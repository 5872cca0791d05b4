import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyRunSpec } from '../../../shared/run-spec.js';
import { fixtureImage, fixtureLabel, testDocker, uniqueName, waitFor } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { TerminalSessions } from './terminal-sessions.js';
import { collector, removeContainers } from './terminal-test-support.js';

// `docker run -it` and `docker start -a -i` against the real engine: the shell answers, what it
// printed first is not lost, and the container's settings are those of `-it`.

const made: string[] = [];
const size = { cols: 80, rows: 24 };

function spec(name: string) {
  return { ...emptyRunSpec(fixtureImage), name, interactive: true, tty: true, labels: [{ key: fixtureLabel, value: 'true' }] };
}

afterAll(async () => {
  await removeContainers(made);
});

describe('run -it and start -a', () => {
  const connection = new EngineConnection({ id: 'test-terminal-run' });
  const terminals = new TerminalSessions(connection);

  beforeAll(async () => {
    await connection.connect();
  });

  afterAll(async () => {
    await terminals.closeAll();
    connection.close();
  });

  it('creates the container with a TTY and open stdin, attaches, starts it, and its shell answers', async () => {
    const name = uniqueName('term-run');
    made.push(name);
    // What the main process prints the moment it starts reaches the terminal: it was attached first.
    const early = { ...spec(name), command: ['sh', '-c', 'echo "early-$((3*3))"; exec sh'] };
    const opened = await terminals.run('client-a', early, size.cols, size.rows);
    expect(opened).toMatchObject({ containerName: name, shell: 'attach' });
    const info = await testDocker.getContainer(name).inspect();
    expect(info.Config).toMatchObject({ Tty: true, OpenStdin: true, StdinOnce: false });
    expect(info.State.Running).toBe(true);

    const out = collector();
    terminals.attachOutput('client-a', opened.sessionId, out.sink);
    terminals.write('client-a', opened.sessionId, 'echo "hi-$((40+2))"\r');
    await waitFor(() => (out.text().includes('hi-42') ? true : undefined), 'the shell echoes');
    expect(out.text()).toMatch(/^early-9\r?$/m);

    terminals.write('client-a', opened.sessionId, 'exit 7\r');
    await waitFor(() => out.exit(), 'the main process ends');
    expect(out.exit()).toMatchObject({ exitCode: 7, cause: 'exited' });
  });

  it('starts an exited container again and attaches to it (docker start -a -i), its files still there', async () => {
    const name = uniqueName('term-start');
    made.push(name);
    const first = await terminals.run('client-a', spec(name), size.cols, size.rows);
    const out1 = collector();
    terminals.attachOutput('client-a', first.sessionId, out1.sink);
    terminals.write('client-a', first.sessionId, 'touch /kept && exit\r');
    await waitFor(() => out1.exit(), 'the first run ends');

    const again = await terminals.attach('client-a', name, size.cols, size.rows, { start: true });
    const out2 = collector();
    terminals.attachOutput('client-a', again.sessionId, out2.sink);
    terminals.write('client-a', again.sessionId, 'ls /kept && echo "found-$((1+1))"\r');
    await waitFor(() => (out2.text().includes('found-2') ? true : undefined), 'the file is still there');
    await terminals.close('client-a', again.sessionId);
    // Closing the tab detaches: the container keeps running.
    expect((await testDocker.getContainer(name).inspect()).State.Running).toBe(true);
  });

  it('still refuses to attach to a stopped container without start', async () => {
    const name = uniqueName('term-stopped');
    made.push(name);
    await testDocker.createContainer({ name, Image: fixtureImage, Cmd: ['true'], Labels: { [fixtureLabel]: 'true' } });
    await expect(terminals.attach('client-a', name, size.cols, size.rows)).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/not running/),
    });
  });

  it('names a container that was created but could not start, and leaves it created', async () => {
    const name = uniqueName('term-nostart');
    made.push(name);
    const bad = { ...spec(name), command: ['/no/such/program'] };
    await expect(terminals.run('client-a', bad, size.cols, size.rows)).rejects.toMatchObject({
      message: expect.stringMatching(new RegExp(`^Created ${name}, but it did not start: .*no such file`, 'i')),
    });
    expect((await testDocker.getContainer(name).inspect()).State.Status).toBe('created');
    expect(terminals.openCount).toBe(0);
  });

  it('says which field a refused create is about (no such image)', async () => {
    const name = uniqueName('term-noimage');
    await expect(
      terminals.run('client-a', { ...spec(name), image: 'berth-test/no-such-image:never' }, size.cols, size.rows),
    ).rejects.toMatchObject({ path: ['image'] });
  });
});
