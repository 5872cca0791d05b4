import { describe, expect, it } from 'vitest';
import { createRouter } from '../rpc/router.js';
import type { HandlerTable } from '../rpc/handler-types.js';

// Only the contract's validation is under test: no handler may be reached.
const unreachable = (): never => {
  throw new Error('the handler must not run for invalid input');
};
const table = {
  calls: { 'images.tag': unreachable },
  streams: { 'images.pull': unreachable, 'images.build': unreachable },
  disposeClient: () => undefined,
} as unknown as HandlerTable;
const ctx = { clientId: 'test', transport: 'ws' as const };
const sink = { send: () => true, end: () => undefined };

describe('image entries refuse bad input with a clear payload', () => {
  it('an invalid reference, before anything reaches the engine', () => {
    const router = createRouter(table);
    expect(router.subscribe('images.pull', { reference: 'Robot_Base:1' }, sink, ctx)).toEqual({
      error: {
        code: 'BAD_REQUEST',
        message: 'Invalid image reference "Robot_Base:1": Repository names must be lowercase: "Robot_Base" (at reference)',
        path: ['reference'],
      },
    });
  });

  it('a tag target with a digest, and a build without an absolute context', async () => {
    const router = createRouter(table);
    const tagged = await router.call('images.tag', { image: 'busybox', target: `busybox@sha256:${'a'.repeat(64)}` }, ctx);
    expect(tagged).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', path: ['target'], message: expect.stringMatching(/has a digest/) },
    });
    expect(router.subscribe('images.build', { contextPath: 'relative/dir' }, sink, ctx)).toMatchObject({
      error: { code: 'BAD_REQUEST', path: ['contextPath'], message: expect.stringMatching(/absolute folder path/) },
    });
  });
});
