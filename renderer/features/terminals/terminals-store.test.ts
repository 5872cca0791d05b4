import { describe, expect, it } from 'vitest';
import { terminalFlow } from '../../../shared/terminal-types.js';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { FakeSurface } from '../../test-support/fake-surface.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { endedMessage, tabStateText } from './terminal-conditions.js';
import { createTerminalsStore, startedAgainLine, tabTitle } from './terminals-store.js';
import { emptyRunSpec } from '../../../shared/run-spec.js';

const sessionId = 'sess-0001-abcdef';
const web = { id: 'f'.repeat(64), name: 'web' };

function setup() {
  const transport = new FakeTransport()
    .reply('terminal.open', { sessionId, shell: 'sh' })
    .reply('terminal.ack', null)
    .reply('terminal.input', null)
    .reply('terminal.resize', null)
    .reply('terminal.close', null);
  const client = new BerthClient(transport);
  const activity = createActivityStore();
  const surfaces: FakeSurface[] = [];
  const terminals = createTerminalsStore({
    client,
    run: createActionRunner(client, activity),
    createSurface: () => {
      const s = new FakeSurface();
      surfaces.push(s);
      return s;
    },
  });
  return { transport, activity, terminals, surfaces };
}

const bytes = (n: number): Uint8Array => new Uint8Array(n).fill(0x61);

describe('terminals store', () => {
  it('opens a shell with the surface size and names the tab after container and shell', async () => {
    const { transport, terminals, activity } = setup();
    const key = terminals.getState().openShell(web);
    expect(terminals.getState().tabs[0]?.status).toBe('opening');
    await flushPromises();
    expect(transport.callsTo('terminal.open')[0]?.input).toEqual({ containerId: web.id, shell: 'auto', cols: 80, rows: 24 });
    const tab = terminals.getState().tabs[0]!;
    expect(tab).toMatchObject({ key, status: 'open', sessionId, shell: 'sh' });
    expect(tabTitle(tab)).toBe('web · sh');
    expect(transport.openStreams('terminal.output')[0]?.input).toEqual({ sessionId });
    expect(activity.getState().entries[0]).toMatchObject({ command: 'docker exec -it web sh', detail: 'opened sh' });
  });

  it('acknowledges output only after it is rendered, in steps of ackEvery', async () => {
    const { transport, terminals, surfaces } = setup();
    terminals.getState().openShell(web);
    await flushPromises();
    // Ten chunks of a third of a step each: more than three steps in all.
    const chunk = Math.ceil(terminalFlow.ackEvery / 3);
    for (let i = 0; i < 10; i++) transport.emit('terminal.output', { kind: 'data', data: bytes(chunk) });
    await flushPromises();
    expect(transport.callsTo('terminal.ack')).toHaveLength(0);
    surfaces[0]!.render();
    await flushPromises();
    // Rendered together, acknowledged together: one call for the batch.
    expect(transport.callsTo('terminal.ack').map((c) => c.input)).toEqual([{ sessionId, bytes: 10 * chunk }]);
    transport.emit('terminal.output', { kind: 'data', data: bytes(1000) });
    surfaces[0]!.render();
    await flushPromises();
    // Below a step: held until more is rendered.
    expect(transport.callsTo('terminal.ack')).toHaveLength(1);
    expect(surfaces[0]!.text).toHaveLength(10 * chunk + 1000);
  });

  it('forwards keystrokes and sends a resize only when the size changes', async () => {
    const { transport, terminals, surfaces } = setup();
    const key = terminals.getState().openShell(web);
    await flushPromises();
    surfaces[0]!.type('ls\r');
    expect(transport.callsTo('terminal.input')[0]?.input).toEqual({ sessionId, data: 'ls\r' });
    terminals.getState().resize(key, 80, 24);
    expect(transport.callsTo('terminal.resize')).toHaveLength(0);
    terminals.getState().resize(key, 120, 30);
    terminals.getState().resize(key, 120, 30);
    expect(transport.callsTo('terminal.resize').map((c) => c.input)).toEqual([{ sessionId, cols: 120, rows: 30 }]);
  });

  it('uses a size measured before the session opened', async () => {
    const { transport, terminals } = setup();
    const key = terminals.getState().openShell(web);
    terminals.getState().resize(key, 132, 40);
    await flushPromises();
    expect(transport.callsTo('terminal.resize').map((c) => c.input)).toEqual([{ sessionId, cols: 132, rows: 40 }]);
  });

  it('shows the exit with its code, then reopens a fresh session on request', async () => {
    const { transport, terminals, surfaces } = setup();
    const key = terminals.getState().openShell(web);
    await flushPromises();
    transport.emit('terminal.output', { kind: 'exit', exitCode: 130, reason: 'The shell exited with code 130' });
    expect(terminals.getState().tabs[0]).toMatchObject({ status: 'exited', exitCode: 130, reason: 'The shell exited with code 130' });
    expect(surfaces[0]!.notices).toEqual(['The shell exited with code 130']);
    surfaces[0]!.type('x');
    expect(transport.callsTo('terminal.input')).toHaveLength(0);

    terminals.getState().reopen(key);
    await flushPromises();
    expect(transport.callsTo('terminal.open')).toHaveLength(2);
    expect(surfaces[0]!.resets).toBe(1);
    expect(terminals.getState().tabs[0]?.status).toBe('open');
  });

  it('treats a stream that ends without an exit message as ended', async () => {
    const { transport, terminals } = setup();
    terminals.getState().openShell(web);
    await flushPromises();
    transport.end('terminal.output', { code: 'NOT_FOUND', message: 'No such session' });
    expect(terminals.getState().tabs[0]).toMatchObject({ status: 'exited', reason: 'The session ended: No such session' });
  });

  it('shows why a shell could not open', async () => {
    const { transport, terminals, activity } = setup();
    transport.fail('terminal.open', { code: 'CONFLICT', message: 'container is not running' });
    terminals.getState().openShell(web);
    await flushPromises();
    expect(terminals.getState().tabs[0]).toMatchObject({ status: 'failed', reason: 'Could not open a shell: container is not running' });
    expect(activity.getState().entries[0]?.outcome).toBe('error');
  });

  it('closing a tab closes the session, stops the output and disposes the surface', async () => {
    const { transport, terminals, surfaces } = setup();
    const first = terminals.getState().openShell(web);
    const second = terminals.getState().openShell({ id: 'e'.repeat(64), name: 'db' });
    await flushPromises();
    expect(terminals.getState().activeKey).toBe(second);
    terminals.getState().close(first);
    expect(transport.callsTo('terminal.close')).toHaveLength(1);
    expect(transport.openStreams('terminal.output')).toHaveLength(1);
    expect(surfaces[0]!.disposed).toBe(true);
    expect(terminals.getState().tabs.map((t) => t.key)).toEqual([second]);
    terminals.getState().close(second);
    expect(terminals.getState().activeKey).toBeNull();
  });

  it('closes a session that finished opening after its tab was closed', async () => {
    const { transport, terminals } = setup();
    const key = terminals.getState().openShell(web);
    terminals.getState().close(key);
    await flushPromises();
    expect(transport.callsTo('terminal.close').map((c) => c.input)).toEqual([{ sessionId }]);
    expect(transport.openStreams('terminal.output')).toHaveLength(0);
  });

  it('does not acknowledge output rendered after the tab closed', async () => {
    const { transport, terminals, surfaces } = setup();
    const key = terminals.getState().openShell(web);
    await flushPromises();
    transport.emit('terminal.output', { kind: 'data', data: bytes(6000) });
    terminals.getState().close(key);
    surfaces[0]!.render();
    expect(transport.callsTo('terminal.ack')).toHaveLength(0);
  });

  it('opens a shell with the chosen options and keeps them for Reopen', async () => {
    const { transport, terminals } = setup();
    const key = terminals.getState().openShell(web, { shell: 'sh', user: 'nobody', workdir: '/tmp', env: ['A=1'] });
    await flushPromises();
    const expected = { containerId: web.id, shell: 'sh', user: 'nobody', workdir: '/tmp', env: ['A=1'], cols: 80, rows: 24 };
    expect(transport.callsTo('terminal.open')[0]?.input).toEqual(expected);
    transport.emit('terminal.output', { kind: 'exit', exitCode: 0, reason: 'The shell exited with code 0' });
    terminals.getState().reopen(key);
    await flushPromises();
    expect(transport.callsTo('terminal.open')[1]?.input).toEqual(expected);
  });

  it('attaches to the main process, titled as an attach', async () => {
    const { transport, terminals, activity } = setup();
    transport.reply('terminal.attach', { sessionId, shell: 'attach' });
    terminals.getState().attach(web);
    await flushPromises();
    expect(transport.callsTo('terminal.attach')[0]?.input).toEqual({ containerId: web.id, cols: 80, rows: 24 });
    expect(tabTitle(terminals.getState().tabs[0]!)).toBe('web · attach');
    expect(activity.getState().entries[0]?.command).toBe('docker attach web');
  });

  it('opens a host shell only when the server allows it, and says why not', async () => {
    const { transport, terminals } = setup();
    transport.reply('terminal.capabilities', { hostShell: { allowed: false, reason: 'start the server with --allow-host-shell' } });
    await terminals.getState().loadCapabilities();
    expect(terminals.getState().hostShell).toEqual({ allowed: false, reason: 'start the server with --allow-host-shell' });
    expect(terminals.getState().openHost()).toBeNull();
    expect(transport.callsTo('terminal.openHost')).toHaveLength(0);

    transport
      .reply('terminal.capabilities', { hostShell: { allowed: true, reason: 'ok' } })
      .reply('terminal.openHost', { sessionId, shell: 'bash' });
    await terminals.getState().loadCapabilities();
    terminals.getState().openHost();
    await flushPromises();
    expect(transport.callsTo('terminal.openHost')[0]?.input).toEqual({ cols: 80, rows: 24 });
    expect(tabTitle(terminals.getState().tabs[0]!)).toBe('host: bash');
  });

  it('splits the active tab with the most recent other one, swaps on choosing the right side, and unsplits on close', async () => {
    const { terminals } = setup();
    const a = terminals.getState().openShell(web);
    const b = terminals.getState().openShell({ id: 'e'.repeat(64), name: 'db' });
    const c = terminals.getState().openShell({ id: 'd'.repeat(64), name: 'cache' });
    await flushPromises();
    terminals.getState().activate(a);
    terminals.getState().toggleSplit();
    expect(terminals.getState()).toMatchObject({ activeKey: a, splitKey: c });
    terminals.getState().activate(c);
    expect(terminals.getState()).toMatchObject({ activeKey: c, splitKey: a });
    terminals.getState().close(c);
    expect(terminals.getState()).toMatchObject({ activeKey: a, splitKey: null });
    terminals.getState().toggleSplit();
    expect(terminals.getState().splitKey).toBe(b);
    terminals.getState().toggleSplit();
    expect(terminals.getState().splitKey).toBeNull();
  });

  it('cannot split a single tab', () => {
    const { terminals } = setup();
    terminals.getState().openShell(web);
    terminals.getState().toggleSplit();
    expect(terminals.getState().splitKey).toBeNull();
  });
});

describe('terminals store: a marker on tabs that want a look', () => {
  const db = { id: 'e'.repeat(64), name: 'db' };

  /** Two open tabs, `first` in the background; `output(i)` feeds the i-th tab's stream. */
  async function twoTabs() {
    const ctx = setup();
    const first = ctx.terminals.getState().openShell(web);
    const second = ctx.terminals.getState().openShell(db);
    await flushPromises();
    const streams = ctx.transport.openStreams('terminal.output');
    const output = (i: number, n = 10): void => streams[i]!.handlers.onMessage({ kind: 'data', data: bytes(n) });
    const attention = (key: string) => ctx.terminals.getState().tabs.find((t) => t.key === key)?.attention;
    return { ...ctx, first, second, output, attention };
  }

  it('marks a background tab once for new output, however much it prints', async () => {
    const { terminals, first, second, output, attention } = await twoTabs();
    expect(attention(first)).toBeNull();
    let updates = 0;
    terminals.subscribe((s, prev) => {
      if (s.tabs !== prev.tabs) updates += 1;
    });
    for (let i = 0; i < 10_000; i++) output(0, 64);
    expect(attention(first)).toBe('output');
    expect(updates).toBe(1);
    // The tab on screen is never marked.
    output(1);
    expect(attention(second)).toBeNull();
  });

  it('marks a bell, which outranks new output and is not downgraded by more output', async () => {
    const { terminals, surfaces, first, second, output, attention } = await twoTabs();
    output(0);
    surfaces[0]!.ring();
    expect(attention(first)).toBe('bell');
    let updates = 0;
    terminals.subscribe(() => (updates += 1));
    output(0);
    surfaces[0]!.ring();
    expect(attention(first)).toBe('bell');
    expect(updates).toBe(0);
    surfaces[1]!.ring();
    expect(attention(second)).toBeNull();
  });

  it('clears the marker when the tab is shown, and marks it again only after it is hidden', async () => {
    const { terminals, surfaces, first, second, output, attention } = await twoTabs();
    surfaces[0]!.ring();
    terminals.getState().activate(first);
    expect(attention(first)).toBeNull();
    output(0);
    expect(attention(first)).toBeNull();
    output(1);
    expect(attention(second)).toBe('output');
    terminals.getState().activate(second);
    expect(attention(second)).toBeNull();
  });

  it('treats the right side of a split as shown, and clears a tab the split reveals', async () => {
    const { terminals, first, second, output, attention } = await twoTabs();
    output(0);
    expect(attention(first)).toBe('output');
    terminals.getState().toggleSplit();
    expect(terminals.getState()).toMatchObject({ activeKey: second, splitKey: first });
    expect(attention(first)).toBeNull();
    output(0);
    expect(attention(first)).toBeNull();
  });

  it('marks even the active tab while the panel is folded, and clears it on unfolding', async () => {
    const { terminals, surfaces, second, output, attention } = await twoTabs();
    terminals.getState().setCollapsed(true);
    output(1);
    expect(attention(second)).toBe('output');
    surfaces[1]!.ring();
    expect(attention(second)).toBe('bell');
    terminals.getState().setCollapsed(false);
    expect(attention(second)).toBeNull();
  });

  it('clears the neighbour that takes over when the active tab closes, and stops listening to a closed tab', async () => {
    const { terminals, surfaces, first, second, output, attention } = await twoTabs();
    output(0);
    terminals.getState().close(second);
    expect(terminals.getState().activeKey).toBe(first);
    expect(attention(first)).toBeNull();
    let updates = 0;
    terminals.subscribe(() => (updates += 1));
    surfaces[1]!.ring();
    expect(updates).toBe(0);
  });

  it('keeps why the session ended: a removed container reads "removed", never an exit code', async () => {
    const { transport, terminals } = setup();
    terminals.getState().openShell(web);
    await flushPromises();
    transport.emit('terminal.output', { kind: 'exit', exitCode: null, reason: 'The container was removed', cause: 'container-removed' });
    const tab = terminals.getState().tabs[0]!;
    expect(tab).toMatchObject({ status: 'exited', exitCode: null, reason: 'The container was removed', endCause: 'container-removed' });
    expect(tabStateText(tab)).toBe('removed');
    expect(endedMessage(tab)).toBe('The container was removed');
  });

  it('says when the server refuses keystrokes, and clears it once input is taken again', async () => {
    const { transport, terminals, surfaces } = setup();
    transport.fail('terminal.input', {
      code: 'LIMIT_REACHED',
      message: 'The terminal is not reading its input: 1 MiB already waits for it (at most 1 MiB), so this input was not sent',
    });
    terminals.getState().openShell(web);
    await flushPromises();
    surfaces[0]!.type('x');
    await flushPromises();
    expect(terminals.getState().tabs[0]?.inputRefused).toBe(
      'Input not sent: The terminal is not reading its input: 1 MiB already waits for it (at most 1 MiB), so this input was not sent',
    );
    transport.reply('terminal.input', null);
    surfaces[0]!.type('y');
    await flushPromises();
    expect(terminals.getState().tabs[0]?.inputRefused).toBeNull();
  });

  it('runs -it: one docker run -it call, then a tab attached to the new container at the panel size', async () => {
    const { transport, terminals, activity } = setup();
    const first = terminals.getState().openShell(web);
    terminals.getState().resize(first, 120, 30);
    await flushPromises();
    transport.reply('terminal.run', { sessionId: 'sess-0002-abcdef', shell: 'attach', containerId: 'c'.repeat(64), containerName: 'duck' });
    const spec = { ...emptyRunSpec('busybox'), interactive: true, tty: true };
    const result = await terminals.getState().runInteractive(spec);
    await flushPromises();
    expect(result).toMatchObject({ containerId: 'c'.repeat(64), containerName: 'duck' });
    expect(transport.callsTo('terminal.run')[0]?.input).toEqual({ spec, cols: 120, rows: 30 });
    expect(transport.callsTo('terminal.attach')).toHaveLength(0);
    const tab = terminals.getState().tabs.find((t) => t.key === result.key);
    expect(tab).toMatchObject({ kind: 'attach', status: 'open', containerName: 'duck', sessionId: 'sess-0002-abcdef' });
    expect(terminals.getState().activeKey).toBe(result.key);
    expect(activity.getState().entries.at(-1)).toMatchObject({ command: 'docker run -it busybox', detail: 'started duck, attached' });
  });

  it('adds no tab when run -it is refused, and hands the refusal to the caller', async () => {
    const { transport, terminals, surfaces } = setup();
    transport.fail('terminal.run', { code: 'CONFLICT', message: 'The container name "/duck" is already in use', path: ['name'] });
    await expect(terminals.getState().runInteractive({ ...emptyRunSpec('busybox'), interactive: true, tty: true })).rejects.toMatchObject({
      path: ['name'],
    });
    expect(terminals.getState().tabs).toHaveLength(0);
    expect(surfaces[0]?.disposed).toBe(true);
  });

  it('reopens an ended attach tab as docker start -a -i, keeping its transcript under a separator line', async () => {
    const { transport, terminals, surfaces, activity } = setup();
    transport.reply('terminal.attach', { sessionId, shell: 'attach' });
    const key = terminals.getState().attach(web);
    await flushPromises();
    expect(transport.callsTo('terminal.attach')[0]?.input).toEqual({ containerId: web.id, cols: 80, rows: 24 });
    transport.emit('terminal.output', {
      kind: 'exit',
      exitCode: 0,
      reason: "The container's main process exited with code 0",
      cause: 'exited',
    });
    terminals.getState().reopen(key);
    await flushPromises();
    expect(transport.callsTo('terminal.attach')[1]?.input).toEqual({ containerId: web.id, cols: 80, rows: 24, start: true });
    expect(surfaces[0]!.resets).toBe(0);
    expect(surfaces[0]!.notices.at(-1)).toBe(startedAgainLine);
    expect(terminals.getState().tabs[0]?.status).toBe('open');
    expect(activity.getState().entries.at(-1)).toMatchObject({ command: 'docker start -a -i web', detail: 'started and attached' });
  });

  it('does not reopen a tab whose container was removed', async () => {
    const { transport, terminals } = setup();
    transport.reply('terminal.attach', { sessionId, shell: 'attach' });
    const key = terminals.getState().attach(web);
    await flushPromises();
    transport.emit('terminal.output', { kind: 'exit', exitCode: null, reason: 'The container was removed', cause: 'container-removed' });
    terminals.getState().reopen(key);
    await flushPromises();
    expect(transport.callsTo('terminal.attach')).toHaveLength(1);
    expect(terminals.getState().tabs[0]?.status).toBe('exited');
  });

  it('opens a row’s shell on the row’s engine: every call of the session goes there, the tab and the command name it', async () => {
    const { transport, terminals, activity, surfaces } = setup();
    const robot = new FakeTransport()
      .reply('terminal.open', { sessionId, shell: 'sh' })
      .reply('terminal.attach', { sessionId, shell: 'attach' })
      .reply('terminal.input', null)
      .reply('terminal.resize', null)
      .reply('terminal.close', null);
    const robotClient = new BerthClient(robot);
    const target = { env: [], flags: ['--context', 'robot1'] };
    const engine = { id: 'robot1', name: 'robot1', client: robotClient, run: createActionRunner(robotClient, activity, () => target) };
    const key = terminals.getState().openShell({ ...web, engine });
    await flushPromises();
    surfaces[0]!.type('hostname\r');
    terminals.getState().resize(key, 100, 30);
    expect(robot.callsTo('terminal.open')[0]?.input).toEqual({ containerId: web.id, shell: 'auto', cols: 80, rows: 24 });
    expect(robot.openStreams('terminal.output')[0]?.input).toEqual({ sessionId });
    expect(robot.callsTo('terminal.input')[0]?.input).toEqual({ sessionId, data: 'hostname\r' });
    expect(robot.callsTo('terminal.resize')).toHaveLength(1);
    // Nothing of it reaches the page's current engine.
    expect(transport.calls).toEqual([]);
    expect(transport.streams).toEqual([]);
    const tab = terminals.getState().tabs[0]!;
    expect(tab.engineName).toBe('robot1');
    expect(tabTitle(tab)).toBe('web · sh on robot1');
    expect(activity.getState().entries[0]).toMatchObject({ command: 'docker --context robot1 exec -it web sh' });
    terminals.getState().close(key);
    expect(robot.callsTo('terminal.close')).toHaveLength(1);

    terminals.getState().attach({ ...web, engine });
    await flushPromises();
    expect(robot.callsTo('terminal.attach')).toHaveLength(1);
    expect(tabTitle(terminals.getState().tabs[0]!)).toBe('web · attach on robot1');
    expect(transport.calls).toEqual([]);
  });
});
