import { execFileSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBerthError } from '../../../shared/errors.js';
import { fixtureImage, fixtureLabel, testDocker, uniqueName, waitFor } from '../../test-support/engine-fixtures.js';
import { buildShellLessImage } from '../../test-support/shell-less-image.js';
import { EngineConnection } from '../engine-connection.js';
import {
  debugShellInstanceLabel,
  debugShellLabel,
  debugShellOwnerLabel,
  debugShellSessionLabel,
  sweepOrphanToolboxes,
  thisInstance,
  thisOwner,
} from './debug-shell.js';
import { DebugShells } from './debug-shells.js';
import { TerminalSessions } from './terminal-sessions.js';
import { collector, removeContainers } from './terminal-test-support.js';

const made: string[] = [];
const named = (what: string): string => {
  const name = uniqueName(`h8dbg-${what}`);
  made.push(name);
  return name;
};

async function toolboxesOf(targetId: string): Promise<Array<{ Id: string; Labels: Record<string, string> }>> {
  return testDocker.listContainers({ all: true, filters: { label: [`${debugShellLabel}=${targetId}`] } });
}

async function gone(id: string): Promise<true | undefined> {
  return testDocker
    .getContainer(id)
    .inspect()
    .then(
      () => undefined,
      () => true as const,
    );
}

describe('debug shell for a container without a shell, against the real engine', () => {
  const connection = new EngineConnection({ id: 'test-debug-shell' });
  const terminals = new TerminalSessions(connection);
  let debugShells: DebugShells;
  const target = named('scratch');
  let targetId = '';

  beforeAll(async () => {
    await connection.connect();
    debugShells = new DebugShells(connection, terminals);
    const image = await buildShellLessImage();
    const container = await testDocker.createContainer({ name: target, Image: image, Labels: { [fixtureLabel]: 'true' } });
    await container.start();
    targetId = container.id;
  });

  afterAll(async () => {
    await terminals.closeAll();
    connection.close();
    for (const t of targetId ? await toolboxesOf(targetId) : []) await testDocker.getContainer(t.Id).remove({ force: true });
    await removeContainers(made);
  });

  it('the target really has no shell', async () => {
    // `docker exec` finds nothing to run: the image holds only the busybox binary.
    let said = '';
    try {
      execFileSync('docker', ['exec', target, 'sh', '-c', 'true'], { stdio: 'pipe' });
    } catch (err) {
      // The CLI prints the runtime's refusal on stdout or stderr, by version.
      const { stdout, stderr: errors } = err as { stdout?: unknown; stderr?: unknown };
      said = `${String(stdout)}${String(errors)}`;
    }
    expect(said).toMatch(/executable file not found|no such file/);
  });

  it('sees the target’s processes and files from a toolbox, and removes the toolbox when the shell closes', async () => {
    const { sessionId, shell } = await debugShells.open('client-a', { containerId: target, image: fixtureImage, cols: 120, rows: 30 });
    expect(shell).toBe('debug');
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    await waitFor(() => (out.text().includes('/proc/1/root') ? true : undefined), 'the banner');
    const [toolbox] = await toolboxesOf(targetId);
    expect(toolbox?.Labels[debugShellOwnerLabel]).toBe(thisOwner);
    expect(toolbox?.Labels[debugShellInstanceLabel]).toBe(thisInstance);
    expect(toolbox?.Labels[debugShellSessionLabel]).toMatch(/^[0-9a-f-]{36}$/);
    const info = await testDocker.getContainer(toolbox!.Id).inspect();
    expect(info.HostConfig).toMatchObject({ PidMode: `container:${targetId}`, NetworkMode: `container:${targetId}`, AutoRemove: true });

    terminals.write(
      'client-a',
      sessionId,
      'echo pwd=$(pwd); ls /proc/1/root; cat /proc/1/cmdline | tr "\\0" " "; echo; echo done-$((6*7))\n',
    );
    await waitFor(() => (out.text().includes('done-42') ? true : undefined), 'the commands’ output');
    expect(out.text()).toContain('pwd=/proc/1/root');
    // The prompt names the target and where the shell is, without the getcwd() error \w would print there.
    expect(out.text()).toContain(`[debug ${target}] /proc/1/root # `);
    expect(out.text()).not.toContain('getcwd');
    // The target's root holds only the busybox binary; its PID 1 is the binary's sleep.
    expect(out.text()).toMatch(/\bbusybox\b/);
    expect(out.text()).toContain('/busybox sleep 100000');

    await terminals.close('client-a', sessionId);
    await waitFor(() => gone(toolbox!.Id), 'the toolbox to be removed');
  });

  it('ends the session with the reason when the shell exits, and the toolbox goes', async () => {
    const { sessionId } = await debugShells.open('client-a', { containerId: target, image: fixtureImage, cols: 80, rows: 24 });
    const out = collector();
    terminals.attachOutput('client-a', sessionId, out.sink);
    await waitFor(() => (out.text().includes('/proc/1/root') ? true : undefined), 'the banner');
    const [toolbox] = await toolboxesOf(targetId);
    terminals.write('client-a', sessionId, 'exit 3\n');
    const exit = await waitFor(() => out.exit(), 'the exit');
    expect(exit).toMatchObject({ cause: 'exited' });
    expect(exit.reason).toMatch(/toolbox container was removed/);
    await waitFor(() => gone(toolbox!.Id), 'the toolbox to be removed');
  });

  it('refuses a stopped target and an image the engine does not have, saying why', async () => {
    const stopped = named('stopped');
    await testDocker.createContainer({ name: stopped, Image: fixtureImage, Labels: { [fixtureLabel]: 'true' } });
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: unknown) => e,
      );
    const notRunning = await refusal(debugShells.open('client-a', { containerId: stopped, image: fixtureImage, cols: 80, rows: 24 }));
    expect(isBerthError(notRunning) && notRunning.code).toBe('CONFLICT');
    expect(String((notRunning as Error).message)).toMatch(/not running/);
    const noImage = await refusal(
      debugShells.open('client-a', { containerId: target, image: 'berth-test/no-such-toolbox:0', cols: 80, rows: 24 }),
    );
    expect(isBerthError(noImage) && noImage.code).toBe('NOT_FOUND');
    expect(await toolboxesOf(targetId)).toEqual([]);
  });

  it('removes toolboxes a Berth process that died left behind, and leaves a live one’s alone', async () => {
    const make = (owner: string) =>
      testDocker.createContainer({
        Image: fixtureImage,
        Cmd: ['sleep', '300'],
        Labels: { [fixtureLabel]: 'true', [debugShellLabel]: targetId, [debugShellOwnerLabel]: owner },
        HostConfig: { PidMode: `container:${targetId}` },
      });
    // A PID above the kernel's maximum is never alive.
    const orphan = await make(`${hostname()}:4194305`);
    const live = await make(thisOwner);
    const removed = await sweepOrphanToolboxes(testDocker);
    expect(removed).toEqual([expect.any(String)]);
    expect(await gone(orphan.id)).toBe(true);
    expect(await gone(live.id)).toBeUndefined();
    await live.remove({ force: true });
  });

  it('on connect, removes a dead server’s toolbox and this server’s whose session dropped, and keeps live ones', async () => {
    const make = (owner: string, instance: string, session: string) =>
      testDocker.createContainer({
        Image: fixtureImage,
        Cmd: ['sleep', '300'],
        Labels: {
          [fixtureLabel]: 'true',
          [debugShellLabel]: targetId,
          [debugShellOwnerLabel]: owner,
          [debugShellInstanceLabel]: instance,
          [debugShellSessionLabel]: session,
        },
        HostConfig: { PidMode: `container:${targetId}` },
      });
    // A PID above the kernel's maximum is never alive: that server died.
    const deadServers = await make(`${hostname()}:4194305`, 'a-dead-server', 'its-session');
    // This server's toolbox whose session ended while the engine could not be reached.
    const dropped = await make(thisOwner, thisInstance, 'a-session-that-ended');
    // Another Berth server on this engine, still running (this process stands in for it).
    const otherServers = await make(thisOwner, 'another-live-server', 'its-session');
    const { sessionId } = await debugShells.open('client-a', { containerId: target, image: fixtureImage, cols: 80, rows: 24 });
    const live = (await toolboxesOf(targetId)).find((t) => t.Labels[debugShellInstanceLabel] === thisInstance && t.Id !== dropped.id);
    expect(live).toBeDefined();

    // The engine answers a (new) connection: its DebugShells sweeps.
    const reconnected = new EngineConnection({ id: 'test-debug-shell-reconnect' });
    const shells = new DebugShells(reconnected, new TerminalSessions(reconnected));
    try {
      await reconnected.connect();
      await waitFor(() => gone(deadServers.id), 'the dead server’s toolbox to be removed');
      await waitFor(() => gone(dropped.id), 'the dropped session’s toolbox to be removed');
      await shells.lastSweep;
      expect(await gone(otherServers.id)).toBeUndefined();
      expect(await gone(live!.Id)).toBeUndefined();
    } finally {
      reconnected.close();
      await otherServers.remove({ force: true });
      await terminals.close('client-a', sessionId);
    }
    await waitFor(() => gone(live!.Id), 'the live toolbox to go once its shell closes');
  });
});
