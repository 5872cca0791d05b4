import { describe, expect, it, vi } from 'vitest';
import type { Fleet } from '../../../shared/engines-contract.js';
import type { CallResult } from '../../../shared/wire.js';
import { BerthClient } from '../../api/client.js';
import type { StreamHandlers, Transport } from '../../api/transport.js';
import { createActivityStore } from '../activity/activity-store.js';
import { createEngineScopedStores } from './engine-scoped-stores.js';
import { commandTargetOf, createEnginesStore } from './engines-store.js';

/** Records the engine every call and subscription names, and answers from `replies`. */
class EngineRecordingTransport implements Transport {
  readonly kind = 'ws' as const;
  readonly sent: Array<{ name: string; engine: string | undefined }> = [];
  readonly streams: Array<{ name: string; handlers: StreamHandlers; engine: string | undefined }> = [];
  constructor(private readonly replies: Record<string, CallResult> = {}) {}
  async call(name: string, _input: unknown, engine?: string): Promise<CallResult> {
    this.sent.push({ name, engine });
    return this.replies[name] ?? { ok: true, value: null };
  }
  subscribe(name: string, _input: unknown, handlers: StreamHandlers, engine?: string): () => void {
    this.streams.push({ name, handlers, engine });
    return () => undefined;
  }
}

const fleet = (...ids: string[]): Fleet => ({
  defaultId: 'local',
  engines: ids.map((id) => ({
    spec:
      id === 'local'
        ? { id, name: 'This machine', host: 'unix:///var/run/docker.sock', source: 'local' }
        : { id, name: id, host: `ssh://${id}`, source: 'saved' },
    state: 'connected',
    facts: {},
    removable: id !== 'local',
  })),
});

describe('a client bound to an engine', () => {
  it('names its engine on every call and stream; the page’s own client names none', async () => {
    const transport = new EngineRecordingTransport({ 'containers.list': { ok: true, value: [] } });
    const client = new BerthClient(transport);
    await client.call('containers.list', {});
    await client.forEngine('robot1').call('containers.list', {});
    client.forEngine('robot1').subscribe('engine.events', {}, { onMessage: () => undefined });
    expect(transport.sent).toEqual([
      { name: 'containers.list', engine: undefined },
      { name: 'containers.list', engine: 'robot1' },
    ]);
    expect(transport.streams.map((s) => s.engine)).toEqual(['robot1']);
  });
});

describe('the engines store', () => {
  it('follows the fleet, and falls back to the default engine when the remembered one is gone', () => {
    const transport = new EngineRecordingTransport();
    const saved: string[] = [];
    const engines = createEnginesStore(new BerthClient(transport), { load: () => 'robot9', save: (id) => void saved.push(id) });
    engines.getState().start();
    expect(engines.getState().currentId).toBe('robot9');
    transport.streams[0]?.handlers.onMessage(fleet('local', 'robot1'));
    expect(engines.getState().fleet?.engines).toHaveLength(2);
    expect(engines.getState().currentId).toBe('local');
    expect(saved).toEqual(['local']);
  });

  it('opens on the docker CLI’s current context until an engine is picked in Berth, and does not remember it as a pick', () => {
    const transport = new EngineRecordingTransport();
    const saved: string[] = [];
    const engines = createEnginesStore(new BerthClient(transport), { load: () => undefined, save: (id) => void saved.push(id) });
    engines.getState().start();
    transport.streams[0]?.handlers.onMessage({ ...fleet('local', 'robot1'), cliContextId: 'robot1' });
    expect(engines.getState().currentId).toBe('robot1');
    expect(saved).toEqual([]);
    engines.getState().setCurrent('local');
    transport.streams[0]?.handlers.onMessage({ ...fleet('local', 'robot1'), cliContextId: 'robot1' });
    expect(engines.getState().currentId).toBe('local');
    expect(saved).toEqual(['local']);

    // An engine picked before (remembered) wins over the CLI's context.
    const t2 = new EngineRecordingTransport();
    const again = createEnginesStore(new BerthClient(t2), { load: () => 'local', save: () => undefined });
    again.getState().start();
    t2.streams[0]?.handlers.onMessage({ ...fleet('local', 'robot1'), cliContextId: 'robot1' });
    expect(again.getState().currentId).toBe('local');
  });

  it('puts an add refusal beside the field the server names', async () => {
    const transport = new EngineRecordingTransport({
      'engines.add': {
        ok: false,
        error: { code: 'BAD_REQUEST', message: 'Plain tcp:// without TLS is refused off loopback', path: ['host'] },
      },
    });
    const engines = createEnginesStore(new BerthClient(transport));
    expect(await engines.getState().add({ name: 'lan', host: 'tcp://10.0.0.5:2375' })).toBeUndefined();
    expect(engines.getState().addError).toEqual({ message: 'Plain tcp:// without TLS is refused off loopback', field: 'host' });
  });

  it('removing the engine shown goes back to the default one', async () => {
    const transport = new EngineRecordingTransport();
    const engines = createEnginesStore(new BerthClient(transport));
    engines.getState().start();
    transport.streams[0]?.handlers.onMessage(fleet('local', 'robot1'));
    engines.getState().setCurrent('robot1');
    expect(await engines.getState().remove('robot1')).toBe(true);
    expect(engines.getState().currentId).toBe('local');
  });
});

describe('the stores of the current engine', () => {
  it('are rebuilt for the new engine when it changes, and the old ones disposed', () => {
    const engines = createEnginesStore(new BerthClient(new EngineRecordingTransport()));
    const built: Array<{ id: string; dispose: () => void }> = [];
    const detached: string[] = [];
    const scoped = createEngineScopedStores({
      engines,
      build: (id) => {
        const stores = { id, dispose: vi.fn() };
        built.push(stores);
        return stores;
      },
      attach: (stores) => () => void detached.push(stores.id),
    });
    engines.getState().setCurrent('robot1');
    expect(built.map((b) => b.id)).toEqual(['local', 'robot1']);
    expect(built[0]?.dispose).toHaveBeenCalledOnce();
    expect(detached).toEqual(['local']);
    expect(scoped.getState()).toMatchObject({ engineId: 'robot1', stores: { id: 'robot1' } });
    scoped.dispose();
    expect(built[1]?.dispose).toHaveBeenCalledOnce();
  });
});

describe('shown commands', () => {
  it('the activity strip names the engine of a command, the default engine’s stay plain', () => {
    const f = fleet('local', 'robot1');
    const robot = createActivityStore(Date.now, { commandTarget: () => commandTargetOf(f, 'robot1') });
    robot.getState().begin('docker stop web');
    expect(robot.getState().entries[0]?.command).toBe('DOCKER_HOST=ssh://robot1 docker stop web');
    const local = createActivityStore(Date.now, { commandTarget: () => commandTargetOf(f, 'local') });
    local.getState().begin('docker stop web');
    expect(local.getState().entries[0]?.command).toBe('docker stop web');
  });
});
