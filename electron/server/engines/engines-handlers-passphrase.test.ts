import { describe, expect, it } from 'vitest';
import type { EngineRegistry } from './engine-registry.js';
import type { RequestContext } from '../rpc/handler-types.js';
import { createRouter, type TransportSink } from '../rpc/router.js';
import { createEnginesHandlers } from './engines-handlers.js';
import { PassphrasePrompts } from './passphrase-prompts.js';

const windowA: RequestContext = { clientId: 'window-a', transport: 'ipc' };
const stranger: RequestContext = { clientId: 'stranger', transport: 'ws' };
const request = { keyFile: '/home/me/.ssh/id_robot', destination: 'me@robot1:22' };

function sink(): TransportSink & { messages: unknown[] } {
  const messages: unknown[] = [];
  return { messages, send: (m) => (messages.push(m), true), end: () => undefined };
}

/** The passphrase entries through the real router: validation, who may answer, cancel. */
function setUp(): { prompts: PassphrasePrompts; router: ReturnType<typeof createRouter> } {
  const prompts = new PassphrasePrompts();
  // The passphrase entries never touch the registry.
  const app = createEnginesHandlers({} as EngineRegistry, prompts);
  const router = createRouter({ app, engine: () => undefined, engineIds: () => [], disposeClient: () => undefined });
  return { prompts, router };
}

function promptIdIn(messages: readonly unknown[]): string {
  const text = JSON.stringify(messages);
  const match = /"promptId":"([^"]+)"/.exec(text);
  if (!match?.[1]) throw new Error(`no prompt in ${text}`);
  return match[1];
}

describe('engines.passphrasePrompts / engines.answerPassphrase', () => {
  it('streams the question to a watching window and takes its answer', async () => {
    const { prompts, router } = setUp();
    const out = sink();
    router.subscribe('engines.passphrasePrompts', {}, out, windowA);
    const answer = prompts.prompterFor('robot1', 'Robot 1')(request);
    expect(JSON.stringify(out.messages)).toContain('"engineName":"Robot 1"');
    expect(await router.call('engines.answerPassphrase', { promptId: promptIdIn(out.messages), passphrase: 'pw' }, windowA)).toEqual({
      ok: true,
      value: null,
    });
    expect(await answer).toBe('pw');
  });

  it('refuses an answer from a window the question was not put to, and keeps it waiting', async () => {
    const { prompts, router } = setUp();
    const out = sink();
    router.subscribe('engines.passphrasePrompts', {}, out, windowA);
    const answer = prompts.ask('robot1', 'Robot 1', request);
    const promptId = promptIdIn(out.messages);
    const refused = await router.call('engines.answerPassphrase', { promptId, passphrase: 'guess' }, stranger);
    expect(refused).toEqual({ ok: false, error: expect.objectContaining({ code: 'CONFLICT' }) });
    expect(prompts.waitingFor('robot1')).toBe(true);
    // No passphrase: Cancel.
    expect(await router.call('engines.answerPassphrase', { promptId }, windowA)).toEqual({ ok: true, value: null });
    expect(await answer).toBeUndefined();
  });

  it('rejects malformed answers with a validation error', async () => {
    const { router } = setUp();
    for (const input of [{}, { promptId: '' }, { promptId: 'x', passphrase: 42 }, { promptId: 'x', extra: true }]) {
      const result = await router.call('engines.answerPassphrase', input, windowA);
      expect(result).toEqual({ ok: false, error: expect.objectContaining({ code: 'BAD_REQUEST' }) });
    }
    const unknown = await router.call('engines.answerPassphrase', { promptId: 'gone' }, windowA);
    expect(unknown).toEqual({ ok: false, error: expect.objectContaining({ code: 'NOT_FOUND' }) });
  });
});
