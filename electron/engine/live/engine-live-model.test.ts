import { describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus, ContainerSummary, EngineEvent } from '../../../shared/engine-types.js';
import type { EngineConnection, EngineEventListener } from '../engine-connection.js';
import { waitFor } from '../../test-support/engine-fixtures.js';
import { EngineLiveModel } from './engine-live-model.js';
import { LiveMirror } from './testing/live-mirror.js';

const entry = (id: string, state: string) => ({ Id: id, Names: [`/${id}`], State: state, Status: '', Created: 1 });

/** An engine in memory: the container list answers from `containers`, a filtered read can be made to fail. */
function fakeEngine() {
  const containers = new Map<string, ReturnType<typeof entry>>();
  const failNextReads = { count: 0 };
  const requests: string[] = [];
  const docker = {
    listContainers: async (opts: { filters?: { id?: string[] } }) => {
      const ids = opts.filters?.id;
      requests.push(ids ? `read ${ids.join(',')}` : 'list');
      if (ids && failNextReads.count > 0) {
        failNextReads.count -= 1;
        throw Object.assign(new Error('engine said 500'), { statusCode: 500 });
      }
      return [...containers.values()].filter((c) => !ids || ids.includes(c.Id));
    },
    listImages: async () => [],
    listVolumes: async () => ({ Volumes: [] }),
    listNetworks: async () => [],
  };
  let eventListener: EngineEventListener | undefined;
  const status: ConnectionStatus = { connectionId: 'fake', state: 'connected', endpoint: 'fake', generation: 1 };
  const connection = {
    id: 'fake',
    status,
    use: <T>(work: (d: typeof docker) => Promise<T>) => work(docker),
    onStatus: () => () => undefined,
    checkAnswering: () => undefined,
    onEvent: (listener: EngineEventListener) => {
      eventListener = listener;
      return () => undefined;
    },
  } as unknown as EngineConnection;
  const emit = (action: string, id: string) => {
    const event: EngineEvent = { type: 'container', action, id, timeNano: 0 };
    eventListener?.(event, {});
  };
  return { containers, failNextReads, requests, connection, emit };
}

describe('EngineLiveModel (engine in memory)', () => {
  it('tries a failed read again, and shows the container once the engine answers', async () => {
    const engine = fakeEngine();
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const model = new EngineLiveModel(engine.connection);
    const mirror = new LiveMirror<ContainerSummary>();
    model.watch('containers', mirror.sink);
    await waitFor(() => (mirror.live ? true : undefined), 'snapshot');

    engine.containers.set('c1', entry('c1', 'created'));
    engine.failNextReads.count = 2;
    engine.emit('create', 'c1');
    await waitFor(() => (mirror.items.get('c1')?.state === 'created' ? true : undefined), 'created after two failures', 5000);
    expect(engine.requests.filter((r) => r === 'read c1')).toHaveLength(3);
    model.close();
    vi.restoreAllMocks();
  });

  it('gives up after three retries, and reads again on the next event', async () => {
    const engine = fakeEngine();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const model = new EngineLiveModel(engine.connection);
    const mirror = new LiveMirror<ContainerSummary>();
    model.watch('containers', mirror.sink);
    await waitFor(() => (mirror.live ? true : undefined), 'snapshot');

    engine.containers.set('c2', entry('c2', 'created'));
    engine.failNextReads.count = 4;
    engine.emit('create', 'c2');
    await waitFor(
      () => (logged.mock.calls.some(([m]) => String(m).includes('left to its next event')) ? true : undefined),
      'given up',
      5000,
    );
    expect(engine.requests.filter((r) => r === 'read c2')).toHaveLength(4);
    expect(mirror.items.has('c2')).toBe(false);
    engine.emit('start', 'c2');
    engine.containers.set('c2', entry('c2', 'running'));
    await waitFor(() => (mirror.items.get('c2')?.state === 'running' ? true : undefined), 'read on the next event');
    model.close();
    vi.restoreAllMocks();
  });
});
