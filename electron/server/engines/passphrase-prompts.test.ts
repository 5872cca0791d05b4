import { describe, expect, it } from 'vitest';
import { PassphrasePrompts, type PassphrasePrompt } from './passphrase-prompts.js';

const request = { keyFile: '/home/me/.ssh/id_x', destination: 'ssh://robot1' };

describe('passphrase prompts', () => {
  it('pushes the question to watching clients and takes the answer from one of them', async () => {
    const prompts = new PassphrasePrompts();
    const seen: PassphrasePrompt[] = [];
    prompts.watch('window-a', (p) => seen.push(p));
    const answer = prompts.prompterFor('robot1')(request);
    expect(seen).toEqual([{ promptId: expect.any(String), engineId: 'robot1', ...request }]);
    prompts.answer('window-a', seen[0]?.promptId ?? '', 'secret words');
    expect(await answer).toBe('secret words');
    // Answered once: gone.
    expect(() => prompts.answer('window-a', seen[0]?.promptId ?? '', 'again')).toThrow(/no longer waiting/);
  });

  it('refuses an answer from a client the question was not put to', async () => {
    const prompts = new PassphrasePrompts();
    const seen: PassphrasePrompt[] = [];
    prompts.watch('window-a', (p) => seen.push(p));
    const answer = prompts.ask('robot1', request);
    expect(() => prompts.answer('stranger', seen[0]?.promptId ?? '', 'guess')).toThrow(/not put to this window/);
    prompts.answer('window-a', seen[0]?.promptId ?? '', undefined);
    expect(await answer).toBeUndefined();
  });

  it('cancels when nobody watches, or when every asked client leaves', async () => {
    const prompts = new PassphrasePrompts();
    expect(await prompts.ask('robot1', request)).toBeUndefined();
    const stop = prompts.watch('window-a', () => undefined);
    const answer = prompts.ask('robot1', request);
    stop();
    expect(await answer).toBeUndefined();
  });

  it('shows a question already waiting to a client that starts watching, who may then answer it', async () => {
    const prompts = new PassphrasePrompts();
    prompts.watch('window-a', () => undefined);
    const answer = prompts.ask('robot1', request);
    const late: PassphrasePrompt[] = [];
    prompts.watch('window-b', (p) => late.push(p));
    prompts.answer('window-b', late[0]?.promptId ?? '', 'from b');
    expect(await answer).toBe('from b');
  });
});
