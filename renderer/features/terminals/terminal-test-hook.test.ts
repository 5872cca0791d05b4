import { describe, expect, it } from 'vitest';
import { BerthClient } from '../../api/client.js';
import { FakeTransport, flushPromises } from '../../test-support/fake-transport.js';
import { FakeSurface } from '../../test-support/fake-surface.js';
import { createActionRunner } from '../activity/action-runner.js';
import { createActivityStore } from '../activity/activity-store.js';
import { exposeTerminalHook, type TerminalTextReader } from './terminal-test-hook.js';
import { createTerminalsStore } from './terminals-store.js';

describe('exposeTerminalHook', () => {
  it('maps session ID and container name to the visible text, and forgets closed tabs', async () => {
    const transport = new FakeTransport().reply('terminal.open', { sessionId: 'sess-0001-abcdef', shell: 'sh' }).reply('terminal.close', null);
    const client = new BerthClient(transport);
    const terminals = createTerminalsStore({ client, run: createActionRunner(client, createActivityStore()), createSurface: () => new FakeSurface() });
    const target: { __berthTerminals?: Map<string, TerminalTextReader> } = {};
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
});
