import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ContainerSummary } from '../../shared/engine-types.js';
import type { RpcErrorPayload } from '../../shared/errors.js';
import type { LiveListMessage } from '../../shared/live-contract.js';
import { EngineConnection } from '../engine/engine-connection.js';
import type { StreamSink } from '../engine/stream-sink.js';
import { createFixture, testDocker, uniqueName, waitFor } from '../test-support/engine-fixtures.js';
import { createEngineServices, type EngineServices } from './engine-services.js';

/** A sink that keeps what it got and never acknowledges, so a download stays open at its window. */
function recordingSink<T>(): StreamSink<T> & { messages: T[]; ended: { error?: unknown } | undefined } {
  const sink = {
    messages: [] as T[],
    ended: undefined as { error?: unknown } | undefined,
    send: (message: T) => (sink.messages.push(message), true),
    end: (error?: unknown) => void (sink.ended = { error }),
  };
  return sink;
}

describe('the services of one engine', () => {
  const name = uniqueName('engine-services');
  const client = 'client-1';
  let engine: EngineServices | undefined;

  beforeAll(async () => {
    // 8 MiB to download: twice the window a download may send before its client acknowledges.
    const c = await createFixture(name, [
      'sh',
      '-c',
      'dd if=/dev/zero of=/big bs=1048576 count=8 && touch /ready; while true; do sleep 1; done',
    ]);
    await c.start();
  });

  afterEach(async () => {
    vi.restoreAllMocks();
    await engine?.close();
  });

  afterAll(async () => {
    await testDocker
      .getContainer(name)
      .remove({ force: true })
      .catch(() => undefined);
  });

  /** Opens one of each: a terminal, an upload still receiving, a download waiting for acks, a stats stream. */
  async function openEverything(services: EngineServices) {
    await services.connection.connect();
    const stats = recordingSink<unknown>();
    services.containerStreams.stats(name, stats, client);
    await services.terminals.open(client, { containerId: name, shell: 'sh', cols: 80, rows: 24 });
    await services.files.beginUpload(client, { id: name, dir: '/', files: [{ name: 'never.txt', size: 10 }], replace: true });
    await waitFor(
      async () => ((await services.files.list(name, '/')).entries.some((e) => e.name === 'ready') ? true : undefined),
      'the big file',
    );
    const download = recordingSink<unknown>();
    services.files.download(client, name, '/big', download);
    await waitFor(() => (download.messages.length > 1 ? true : undefined), 'download bytes');
    expect(services.terminals.openCount).toBe(1);
    expect(services.files.uploads.count).toBe(1);
    expect(services.files.downloads.count).toBe(1);
    expect(services.containerStreams.statsStreams).toBe(1);
    const watch = recordingSink<LiveListMessage<ContainerSummary>>();
    services.live.watch('containers', watch);
    await waitFor(() => (watch.messages.some((m) => m.t === 'snapshot') ? true : undefined), 'the containers snapshot');
    return { stats, download, watch };
  }

  it('close ends every terminal, upload, download and stats stream it holds, and tells the open streams', async () => {
    engine = createEngineServices(new EngineConnection({ id: 'test-engine-services' }));
    const { stats, download, watch } = await openEverything(engine);
    await engine.close();
    expect(watch.ended).toBeDefined();
    expect(engine.terminals.openCount).toBe(0);
    expect(engine.files.uploads.count).toBe(0);
    expect(engine.files.downloads.count).toBe(0);
    expect(engine.containerStreams.statsStreams).toBe(0);
    expect(stats.ended).toBeDefined();
    expect((download.ended?.error as RpcErrorPayload | undefined)?.message).toMatch(/closed/);
  });

  it('keeps the live model from the moment the engine connects, before anyone watches', async () => {
    engine = createEngineServices(new EngineConnection({ id: 'test-engine-services-live' }));
    expect(engine.live.isLive).toBe(false);
    await engine.connection.connect();
    await waitFor(() => (engine?.live.isLive ? true : undefined), 'the live model listed');
    expect(engine.live.items('containers').some((c) => c.name === name)).toBe(true);
  });

  it('a step that fails does not keep the others open', async () => {
    engine = createEngineServices(new EngineConnection({ id: 'test-engine-services-failing' }));
    await openEverything(engine);
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    // The first step fails (after doing its work, so the container is not left locked by a download).
    const closeFiles = engine.files.closeAll.bind(engine.files);
    vi.spyOn(engine.files, 'closeAll').mockImplementation(() => {
      closeFiles();
      throw new Error('file transfers close failed');
    });
    await expect(engine.close()).resolves.toBeUndefined();
    expect(engine.containerStreams.statsStreams).toBe(0);
    expect(engine.terminals.openCount).toBe(0);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('file transfers close failed'));
  });

  it('disposeClient frees what that client started and leaves the others', async () => {
    engine = createEngineServices(new EngineConnection({ id: 'test-engine-services-dispose' }));
    await engine.connection.connect();
    await engine.terminals.open(client, { containerId: name, shell: 'sh', cols: 80, rows: 24 });
    await engine.files.beginUpload(client, { id: name, dir: '/', files: [{ name: 'never.txt', size: 10 }], replace: true });
    await engine.files.beginUpload('client-2', { id: name, dir: '/', files: [{ name: 'other.txt', size: 10 }], replace: true });
    engine.disposeClient(client);
    await waitFor(() => (engine?.terminals.openCount === 0 ? true : undefined), 'the terminal closed');
    expect(engine.files.uploads.count).toBe(1);
  });
});
