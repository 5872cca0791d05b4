import { describe, expect, it } from 'vitest';
import type { PassphraseKeeper } from './kept-passphrases.js';
import { PassphrasePrompts, type PassphrasePrompt } from './passphrase-prompts.js';

const request = { keyFile: '/home/me/.ssh/id_x', destination: 'ssh://robot1' };

describe('passphrase prompts', () => {
  it('pushes the question to watching clients and takes the answer from one of them', async () => {
    const prompts = new PassphrasePrompts();
    const seen: PassphrasePrompt[] = [];
    prompts.watch('window-a', (p) => seen.push(p));
    const answer = prompts.prompterFor('robot1', 'Robot 1')(request);
    expect(seen).toEqual([{ promptId: expect.any(String), engineId: 'robot1', engineName: 'Robot 1', ...request }]);
    prompts.answer('window-a', seen[0]?.promptId ?? '', 'secret words');
    expect(await answer).toBe('secret words');
    // Answered once: gone.
    expect(() => prompts.answer('window-a', seen[0]?.promptId ?? '', 'again')).toThrow(/no longer waiting/);
  });

  it('refuses an answer from a client the question was not put to', async () => {
    const prompts = new PassphrasePrompts();
    const seen: PassphrasePrompt[] = [];
    prompts.watch('window-a', (p) => seen.push(p));
    const answer = prompts.ask('robot1', 'Robot 1', request);
    expect(() => prompts.answer('stranger', seen[0]?.promptId ?? '', 'guess')).toThrow(/not put to this window/);
    prompts.answer('window-a', seen[0]?.promptId ?? '', undefined);
    expect(await answer).toBeUndefined();
  });

  it('with nobody watching yet, waits for the first window and takes its answer', async () => {
    const prompts = new PassphrasePrompts();
    const answer = prompts.ask('robot1', 'Robot 1', request);
    expect(prompts.waitingFor('robot1')).toBe(true);
    const seen: PassphrasePrompt[] = [];
    prompts.watch('window-a', (p) => seen.push(p));
    prompts.answer('window-a', seen[0]?.promptId ?? '', 'late but given');
    expect(await answer).toBe('late but given');
    expect(prompts.waitingFor('robot1')).toBe(false);
  });

  it('cancels when every asked client leaves, not when a client it was never put to leaves', async () => {
    const prompts = new PassphrasePrompts();
    const stopOther = prompts.watch('window-b', () => undefined);
    stopOther();
    const stop = prompts.watch('window-a', () => undefined);
    const answer = prompts.ask('robot1', 'Robot 1', request);
    stop();
    expect(await answer).toBeUndefined();
  });

  it('shows a question already waiting to a client that starts watching, who may then answer it', async () => {
    const prompts = new PassphrasePrompts();
    prompts.watch('window-a', () => undefined);
    const answer = prompts.ask('robot1', 'Robot 1', request);
    const late: PassphrasePrompt[] = [];
    prompts.watch('window-b', (p) => late.push(p));
    prompts.answer('window-b', late[0]?.promptId ?? '', 'from b');
    expect(await answer).toBe('from b');
  });

  it('answers from the keyring when a passphrase was kept, forgets it once it proved wrong, and keeps an answer only when asked to', async () => {
    const kept = new Map<string, string>();
    const keeper: PassphraseKeeper = {
      available: () => true,
      recall: (k) => kept.get(k),
      keep: (k, p) => void kept.set(k, p),
      forget: (k) => void kept.delete(k),
    };
    const prompts = new PassphrasePrompts(keeper);
    const seen: PassphrasePrompt[] = [];
    prompts.watch('window-a', (p) => seen.push(p));

    const first = prompts.ask('robot1', 'Robot 1', request);
    expect(seen[0]).toMatchObject({ canKeep: true });
    prompts.answer('window-a', seen[0]!.promptId, 'typed once', true);
    expect(await first).toBe('typed once');
    expect(kept.get(request.keyFile)).toBe('typed once');

    // Next run: no question, the kept one answers.
    expect(await prompts.ask('robot1', 'Robot 1', request)).toBe('typed once');
    expect(seen).toHaveLength(1);

    // It proved wrong (the key's passphrase changed): forgotten, and the user is asked; not kept unless asked.
    const again = prompts.ask('robot1', 'Robot 1', { ...request, afterWrong: true });
    expect(kept.has(request.keyFile)).toBe(false);
    prompts.answer('window-a', seen[1]!.promptId, 'new words');
    expect(await again).toBe('new words');
    expect(kept.has(request.keyFile)).toBe(false);
  });

  it('without a keyring says nothing can be kept, and refuses an answer that asks to keep', async () => {
    const prompts = new PassphrasePrompts();
    const seen: PassphrasePrompt[] = [];
    prompts.watch('window-a', (p) => seen.push(p));
    const answer = prompts.ask('robot1', 'Robot 1', request);
    expect(seen[0]?.canKeep).toBeUndefined();
    expect(() => prompts.answer('window-a', seen[0]!.promptId, 'words', true)).toThrow(/cannot keep passphrases/);
    prompts.answer('window-a', seen[0]!.promptId, 'words');
    expect(await answer).toBe('words');
  });
});
