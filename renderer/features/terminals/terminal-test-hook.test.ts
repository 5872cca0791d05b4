import { describe, expect, it } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { FakeSurface } from '../../test-support/fake-surface.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { exposeTerminalHook, type TerminalHookTarget, type TerminalProbe } from './terminal-test-hook.js';
import { createTerminalsStore } from './terminals-store.js';

describe('exposeTerminalHook', () => {
  it('maps session ID and container name to the visible text, and forgets closed tabs', async () => {
    const transport = new FakeTransport()
      .reply('terminal.open', { sessionId: 'sess-0001-abcdef', shell: 'sh' })
      .reply('terminal.close', null);
    const client = new BerthClient(transport);
    const terminals = createTerminalsStore({
      client,
      run: createActionRunner(client, createActivityStore()),
      createSurface: () => new FakeSurface(),
    });
    const target: TerminalHookTarget = {};
    exposeTerminalHook(terminals, target);
    const key = terminals.getState().openShell({ id: 'f'.repeat(64), name: 'web' });
    await flushPromises();
    transport.emit('terminal.output', { kind: 'data', data: new TextEncoder().encode('hello') });
    (terminals.surfaceOf(key) as FakeSurface).render();
    expect([...target.__berthTerminals!.keys()]).toEqual(['sess-0001-abcdef', 'web']);
    expect(target.__berthTerminals!.get('web')?.()).toBe('hello');
    terminals.getState().close(key);
    expect(target.__berthTerminals!.size).toBe(0);
  });

  it('maps the same keys to a probe when the surface offers one', async () => {
    const transport = new FakeTransport().reply('terminal.open', { sessionId: 'sess-0002-abcdef', shell: 'sh' });
    const client = new BerthClient(transport);
    const probe: TerminalProbe = {
      onParsed: () => () => undefined,
      onRendered: () => () => undefined,
      linesAtCursor: () => '/ # ',
      size: () => ({ cols: 80, rows: 24 }),
    };
    let probesMade = 0;
    class ProbedFake extends FakeSurface {
      probe(): TerminalProbe {
        probesMade += 1;
        return probe;
      }
    }
    const terminals = createTerminalsStore({
      client,
      run: createActionRunner(client, createActivityStore()),
      createSurface: () => new ProbedFake(),
    });
    const target: TerminalHookTarget = {};
    exposeTerminalHook(terminals, target);
    terminals.getState().openShell({ id: 'e'.repeat(64), name: 'db' });
    await flushPromises();
    expect([...target.__berthTerminalProbes!.keys()]).toEqual(['sess-0002-abcdef', 'db']);
    expect(target.__berthTerminalProbes!.get('db')).toBe(probe);
    // One probe per surface, however often the tabs change.
    expect(probesMade).toBe(1);
  });
});
