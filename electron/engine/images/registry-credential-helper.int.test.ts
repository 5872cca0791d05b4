import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PullMessage, PushMessage } from '../../../shared/image-types.js';
import { fixtureImage } from '../../test-support/engine-fixtures.js';
import { EngineConnection } from '../engine-connection.js';
import { createImageServices, type ImageServices } from './image-services.js';
import { helperFixture } from './registry-helper-fixture.js';
import { collect, removeImages, uniqueTag } from './test-helpers.js';

const authed = '127.0.0.1:5001';

/**
 * The docker CLI's credential helpers, for real: a helper script on PATH speaking the protocol,
 * DOCKER_CONFIG pointing at a config that names it, and the authenticated registry on :5001.
 * Berth has no login of its own in any of these.
 */
describe('credentials from docker credential helpers', () => {
  const connection = new EngineConnection({ id: 'test-credential-helpers' });
  const fixture = helperFixture();
  const made = new Set<string>();
  const tag = uniqueTag('helper');

  /** Image services as the app builds them: DOCKER_CONFIG and PATH from the environment. */
  function servicesWith(config: unknown): ImageServices {
    vi.stubEnv('DOCKER_CONFIG', fixture.dockerConfig(config));
    vi.stubEnv('PATH', `${fixture.binDir}:${process.env.PATH ?? ''}`);
    return createImageServices(connection);
  }
  async function push(images: ImageServices, reference: string): Promise<PushMessage | undefined> {
    const c = collect<PushMessage>();
    images.transfers.push(reference, c.sink);
    await c.ended;
    return c.messages.at(-1);
  }
  async function pull(images: ImageServices, reference: string): Promise<PullMessage | undefined> {
    const c = collect<PullMessage>();
    images.transfers.pull(reference, c.sink);
    await c.ended;
    return c.messages.at(-1);
  }

  beforeAll(async () => {
    await connection.connect();
    fixture.write('berthtest', { [authed]: ['berth', 'berth-secret'] });
    // Keeps the registry under the URL spelling some helpers use.
    fixture.write('berthurls', { [`https://${authed}`]: ['berth', 'berth-secret'] });
    fixture.write('berthempty', {});
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await removeImages(made);
    connection.close();
    fixture.remove();
  });

  it('pushes to the authenticated registry with credentials found only through credHelpers, and pulls back', async () => {
    const images = servicesWith({ credHelpers: { [authed]: 'berthtest' } });
    const ref = `${authed}/berth-test/helper:${tag}`;
    await images.actions.tag(fixtureImage, ref);
    made.add(ref);
    expect(await push(images, ref)).toMatchObject({ type: 'done', digest: expect.stringMatching(/^sha256:/) });
    expect(fixture.calls()).toContain(`get ${authed}`);
    await removeImages([ref]);
    expect(await pull(images, ref)).toMatchObject({ type: 'done', reference: ref });
    expect(await images.accounts.list()).toEqual([
      { serverAddress: authed, username: 'berth', source: 'docker-config', helper: 'berthtest', usable: true },
    ]);
  });

  it('uses a credsStore that keeps the registry as https://host (found through list)', async () => {
    const images = servicesWith({ auths: { [`https://${authed}`]: {} }, credsStore: 'berthurls' });
    const ref = `${authed}/berth-test/helper:${tag}-store`;
    await images.actions.tag(fixtureImage, ref);
    made.add(ref);
    expect(await push(images, ref)).toMatchObject({ type: 'done' });
    expect(await images.accounts.list()).toEqual([
      { serverAddress: authed, username: 'berth', source: 'docker-config', helper: 'berthurls', usable: true },
    ]);
  });

  it('a helper that holds nothing, or is not installed: the push needs a login, and the accounts list says why', async () => {
    const ref = `${authed}/berth-test/helper:${tag}-none`;
    const empty = servicesWith({ credHelpers: { [authed]: 'berthempty' } });
    await empty.actions.tag(fixtureImage, ref);
    made.add(ref);
    expect(await push(empty, ref)).toMatchObject({
      type: 'failed',
      error: {
        code: 'UNAUTHORIZED',
        reason: 'unauthorized',
        message: expect.stringMatching(/needs a login to push .*log in to 127\.0\.0\.1:5001 first/),
      },
    });
    expect(await empty.accounts.list()).toEqual([
      {
        serverAddress: authed,
        username: '',
        source: 'docker-config',
        helper: 'berthempty',
        usable: false,
        note: 'docker-credential-berthempty holds no credentials for 127.0.0.1:5001',
      },
    ]);

    const missing = servicesWith({ credHelpers: { [authed]: 'berth-not-installed' } });
    expect(await push(missing, ref)).toMatchObject({
      type: 'failed',
      error: {
        code: 'UNAUTHORIZED',
        message: expect.stringMatching(/could not be read: docker-credential-berth-not-installed is not installed/),
      },
    });
    const [row] = await missing.accounts.list();
    expect(row).toMatchObject({ serverAddress: authed, helper: 'berth-not-installed', usable: false });
    expect(row?.note).toMatch(/^docker-credential-berth-not-installed is not installed \(not found on PATH\): Berth cannot read/);
  });
});
