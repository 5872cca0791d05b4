import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixture, testDocker, uniqueName } from '../../test-support/engine-fixtures.js';
import { createBerthApp, type BerthApp } from '../create-app.js';
import { createRouter, maxStreamsPerClient } from '../rpc/router.js';
import { connectRawClient } from './raw-ws-client.js';
import { startWebServer, type WebServer } from './web-server.js';

const hasTick = (msg: unknown): boolean => {
  const chunks = (msg as { chunks?: Array<{ data: Uint8Array }> }).chunks ?? [];
  return chunks.some((c) => Buffer.from(c.data).toString('utf8').includes('tick'));
};

describe('bounds of the web transport, through the real server and engine', () => {
  let app: BerthApp;
  let server: WebServer;
  const name = uniqueName('web-bounds');

  beforeAll(async () => {
    await (await createFixture(name, ['sh', '-c', 'while true; do echo tick; sleep 1; done'])).start();
    app = await createBerthApp();
    server = await startWebServer({
      router: createRouter(app.handlers),
      host: '127.0.0.1',
      port: 0,
      staticDir: '/nonexistent-berth-static',
    });
  });

  afterAll(async () => {
    await server.close();
    await app.close();
    await testDocker
      .getContainer(name)
      .remove({ force: true })
      .catch(() => undefined);
  });

  it(`refuses a client's followed logs beyond ${maxStreamsPerClient} open streams, while other clients keep theirs`, async () => {
    const greedy = await connectRawClient(server.port, server.token);
    const follow = { id: name, tail: 0, follow: true };
    for (let id = 1; id <= maxStreamsPerClient + 1; id += 1) greedy.subscribe(id, 'containers.logs', follow);
    const refused = await greedy.next((m) => m.id === maxStreamsPerClient + 1);
    expect(refused).toMatchObject({
      t: 'end',
      error: { code: 'LIMIT_REACHED', message: expect.stringContaining(String(maxStreamsPerClient)) },
    });
    // The accepted ones are real followed streams: each delivers the container's output.
    await greedy.next((m) => m.t === 'data' && m.id === maxStreamsPerClient && hasTick(m.msg));
    expect(greedy.received.filter((m) => m.t === 'end' && m.id <= maxStreamsPerClient)).toEqual([]);

    const other = await connectRawClient(server.port, server.token);
    other.subscribe(1, 'containers.logs', follow);
    await other.next((m) => m.t === 'data' && m.id === 1 && hasTick(m.msg));

    // Leaving one stream (unsub) makes room for exactly one more.
    greedy.received.length = 0;
    await greedy.unsubscribe(2);
    greedy.subscribe(maxStreamsPerClient + 2, 'containers.logs', follow);
    greedy.subscribe(maxStreamsPerClient + 3, 'containers.logs', follow);
    expect(await greedy.next((m) => m.id === maxStreamsPerClient + 3)).toMatchObject({ t: 'end', error: { code: 'LIMIT_REACHED' } });
    await greedy.next((m) => m.t === 'data' && m.id === maxStreamsPerClient + 2 && hasTick(m.msg));

    await greedy.close();
    await other.close();
  });
});
