import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullMessage, PushMessage } from '../../../shared/image-types.js';
import { fixtureImage, testDocker } from '../../test-support/engine-fixtures.js';
import { toRpcError } from '../to-rpc-error.js';
import { EngineConnection } from '../engine-connection.js';
import { createImageServices } from './image-services.js';
import { removeImages, runToEnd, uniqueTag } from './test-helpers.js';

// scripts/setup-test-env.sh: :5002 serves :5000's storage in read-only mode (a pull mirror).
const open = '127.0.0.1:5000';
const readOnly = '127.0.0.1:5002';

describe('a push the registry refuses (read-only mirror on :5002)', () => {
  const connection = new EngineConnection({ id: 'test-image-push-denied' });
  const images = createImageServices(connection, { dockerConfigPath: '/nonexistent/berth/config.json' });
  const made = new Set<string>();
  const tag = uniqueTag('pd');

  const push = (reference: string): Promise<{ messages: PushMessage[]; error?: unknown }> =>
    runToEnd<PushMessage>((sink) => images.transfers.push(reference, sink));
  const pull = (reference: string): Promise<{ messages: PullMessage[]; error?: unknown }> =>
    runToEnd<PullMessage>((sink) => images.transfers.pull(reference, sink));

  beforeAll(async () => {
    await connection.connect();
  });

  afterAll(async () => {
    await removeImages(made);
    connection.close();
  });

  it('ends the push with REGISTRY_REFUSED and words that say the registry is read-only', async () => {
    const ref = `${readOnly}/berth-e2e-pd/x:${tag}`;
    await images.actions.tag(fixtureImage, ref);
    made.add(ref);
    const { messages, error } = await push(ref);
    const failed = messages.at(-1);
    expect(failed).toMatchObject({
      type: 'failed',
      error: {
        code: 'REGISTRY_REFUSED',
        reason: 'refused',
        message: expect.stringMatching(
          new RegExp(
            `^127\\.0\\.0\\.1:5002 refused the push of ${ref.replace(/[.]/g, '\\.')}: the registry is read-only .*logging in would not help \\(it answered the upload with HTTP 405 Method not allowed\\)$`,
          ),
        ),
      },
    });
    // The call's error (what the client and the activity strip see) carries the same code and words.
    expect(toRpcError(error)).toMatchObject({ code: 'REGISTRY_REFUSED', message: failed?.type === 'failed' ? failed.error.message : '' });
  });

  it('pulls from the mirror what was pushed to :5000', async () => {
    const pushed = `${open}/berth-e2e-pd/mirror:${tag}`;
    const mirrored = `${readOnly}/berth-e2e-pd/mirror:${tag}`;
    await images.actions.tag(fixtureImage, pushed);
    made.add(pushed);
    expect((await push(pushed)).error).toBeUndefined();

    made.add(mirrored);
    const { messages, error } = await pull(mirrored);
    expect(error).toBeUndefined();
    expect(messages.at(-1)).toMatchObject({ type: 'done', reference: mirrored, imageId: expect.stringMatching(/^sha256:/) });
    expect((await testDocker.getImage(mirrored).inspect()).RepoTags).toContain(mirrored);
  });
});
