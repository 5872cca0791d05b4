import { randomUUID } from 'node:crypto';
import { BerthError } from '../../../shared/errors.js';
import type { PassphrasePromptMessage } from '../../../shared/engines-contract.js';
import type { PassphraseRequest } from '../../engine/endpoints/ssh-askpass.js';

/** A passphrase question as clients are shown it. */
export type PassphrasePrompt = PassphrasePromptMessage;

interface Pending {
  readonly prompt: PassphrasePrompt;
  /** The clients this prompt was pushed to: only they may answer it. */
  readonly askedClients: Set<string>;
  readonly settle: (passphrase: string | undefined) => void;
}

type PromptListener = (prompt: PassphrasePrompt) => void;

/**
 * Puts an engine's SSH key passphrase questions to the clients watching, and takes the answer from
 * one of them. The answer goes straight to the waiting ssh (never kept here). With no client
 * watching yet (Berth starting before its window opens) the question waits for the first one; when
 * every client it was put to leaves, it is cancelled ("passphrase not given").
 */
export class PassphrasePrompts {
  private readonly pending = new Map<string, Pending>();
  private readonly watchers = new Map<string, PromptListener>();

  /** The askPassphrase of one engine's connection. */
  prompterFor(engineId: string, engineName: string): (request: PassphraseRequest) => Promise<string | undefined> {
    return (request) => this.ask(engineId, engineName, request);
  }

  ask(engineId: string, engineName: string, request: PassphraseRequest): Promise<string | undefined> {
    return new Promise((resolve) => {
      const prompt: PassphrasePrompt = {
        promptId: randomUUID(),
        engineId,
        engineName,
        keyFile: request.keyFile,
        destination: request.destination,
      };
      const entry: Pending = {
        prompt,
        askedClients: new Set(this.watchers.keys()),
        settle: (passphrase) => {
          this.pending.delete(prompt.promptId);
          resolve(passphrase);
        },
      };
      this.pending.set(prompt.promptId, entry);
      for (const listener of this.watchers.values()) listener(prompt);
    });
  }

  /** A client's prompt stream: it gets every question from now on (and those already waiting). */
  watch(clientId: string, listener: PromptListener): () => void {
    this.watchers.set(clientId, listener);
    for (const entry of this.pending.values()) {
      entry.askedClients.add(clientId);
      listener(entry.prompt);
    }
    return () => this.leave(clientId);
  }

  /** The user's answer (undefined passphrase: Cancel), from a client the question was put to. */
  answer(clientId: string, promptId: string, passphrase: string | undefined): void {
    const entry = this.pending.get(promptId);
    if (!entry) throw new BerthError({ code: 'NOT_FOUND', message: 'That passphrase question is no longer waiting' });
    if (!entry.askedClients.has(clientId)) {
      throw new BerthError({ code: 'CONFLICT', message: 'This passphrase question was not put to this window' });
    }
    entry.settle(passphrase);
  }

  /** Questions waiting for an answer (or for a window to ask), e.g. to show an engine as waiting. */
  waitingFor(engineId: string): boolean {
    for (const entry of this.pending.values()) if (entry.prompt.engineId === engineId) return true;
    return false;
  }

  /** A client left: questions it was put to that no remaining client was asked are cancelled. */
  private leave(clientId: string): void {
    this.watchers.delete(clientId);
    for (const entry of [...this.pending.values()]) {
      if (!entry.askedClients.delete(clientId)) continue;
      if (entry.askedClients.size === 0) entry.settle(undefined);
    }
  }
}
