import { describe, expect, it } from 'vitest';
import type { PassphrasePromptMessage } from '../../../shared/engines-contract.js';
import type { CallResult } from '../../../shared/wire.js';
import { BerthClient } from '../../api/client.js';
import type { StreamHandlers, Transport } from '../../api/transport.js';
import { createPassphraseStore, isRetry } from './passphrase-store.js';

/** Records calls, answers from `reply`, and lets the test push stream messages. */
class PromptTransport implements Transport {
  readonly kind = 'ws' as const;
  readonly calls: Array<{ name: string; input: unknown }> = [];
  handlers: StreamHandlers | undefined;
  reply: CallResult = { ok: true, value: null };
  async call(name: string, input: unknown): Promise<CallResult> {
    this.calls.push({ name, input });
    return this.reply;
  }
  subscribe(_name: string, _input: unknown, handlers: StreamHandlers): () => void {
    this.handlers = handlers;
    return () => undefined;
  }
}

const prompt = (promptId: string): PassphrasePromptMessage => ({
  promptId,
  engineId: 'robot1',
  engineName: 'Robot 1',
  keyFile: '/home/me/.ssh/id_robot',
  destination: 'me@robot1:22',
});

describe('passphrase store', () => {
  it('queues streamed questions, answers the first, and marks a second ask for the same key as a retry', async () => {
    const transport = new PromptTransport();
    const store = createPassphraseStore(new BerthClient(transport));
    store.getState().start();
    transport.handlers?.onMessage(prompt('p1'));
    expect(store.getState().prompts.map((p) => p.promptId)).toEqual(['p1']);
    expect(isRetry(store.getState(), prompt('p1'))).toBe(false);
    await store.getState().answer('p1', 'wrong words');
    expect(transport.calls).toEqual([{ name: 'engines.answerPassphrase', input: { promptId: 'p1', passphrase: 'wrong words' } }]);
    expect(store.getState().prompts).toEqual([]);
    transport.handlers?.onMessage(prompt('p2'));
    expect(isRetry(store.getState(), prompt('p2'))).toBe(true);
  });

  it('asks the server to keep the passphrase only when the user ticked it', async () => {
    const transport = new PromptTransport();
    const store = createPassphraseStore(new BerthClient(transport));
    store.getState().start();
    transport.handlers?.onMessage({ ...prompt('p1'), canKeep: true });
    await store.getState().answer('p1', 'kept words', true);
    expect(transport.calls).toEqual([
      { name: 'engines.answerPassphrase', input: { promptId: 'p1', passphrase: 'kept words', keep: true } },
    ]);
  });

  it('cancels with no passphrase, and drops a question the server no longer has, saying why', async () => {
    const transport = new PromptTransport();
    const store = createPassphraseStore(new BerthClient(transport));
    store.getState().start();
    transport.handlers?.onMessage(prompt('p1'));
    await store.getState().answer('p1', undefined);
    expect(transport.calls[0]?.input).toEqual({ promptId: 'p1' });
    expect(isRetry(store.getState(), prompt('p3'))).toBe(false);
    transport.handlers?.onMessage(prompt('p2'));
    transport.reply = { ok: false, error: { code: 'NOT_FOUND', message: 'That passphrase question is no longer waiting' } };
    await store.getState().answer('p2', 'late');
    expect(store.getState().prompts).toEqual([]);
    expect(store.getState().error).toMatch(/no longer waiting/);
  });
});
