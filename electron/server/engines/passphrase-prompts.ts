import { randomUUID } from 'node:crypto';
import { BerthError } from '../../../shared/errors.js';
import type { PassphrasePromptMessage } from '../../../shared/engines-contract.js';
import type { PassphraseRequest } from '../../engine/endpoints/ssh-askpass.js';
import type { PassphraseKeeper } from './kept-passphrases.js';

/** A passphrase question as clients are shown it. */
export type PassphrasePrompt = PassphrasePromptMessage;

interface Pending {
  readonly prompt: PassphrasePrompt;
  /** The clients this prompt was pushed to: only they may answer it. */
  readonly askedClients: Set<string>;
  readonly settle: (passphrase: string | undefined) => void;
}

type PromptListener = (prompt: PassphrasePrompt) => void;

/** What the engine registry reads of the questions: which engine waits on one, and when that changes. */
export interface PassphraseWaits {
  /** The first question waiting for `engineId`, if any. */
  waitingPrompt(engineId: string): PassphrasePrompt | undefined;
  /** Called with the engine's id when a question for it is asked or settled. */
  onChange(listener: (engineId: string) => void): () => void;
}

/**
 * Puts an engine's SSH key passphrase questions to the clients watching, and takes the answer from
 * one of them. The answer goes straight to the waiting ssh (never kept here). With no client
 * watching yet (Berth starting before its window opens) the question waits for the first one; when
 * every client it was put to leaves, it is cancelled ("passphrase not given").
 */
export class PassphrasePrompts implements PassphraseWaits {
  private readonly pending = new Map<string, Pending>();
  private readonly watchers = new Map<string, PromptListener>();
  private readonly changeListeners = new Set<(engineId: string) => void>();

  /** `keeper`: where passphrases the user chose to keep are (the desktop app's OS keyring); none keeps nothing. */
  constructor(private readonly keeper?: PassphraseKeeper) {}

  /** The askPassphrase of one engine's connection. */
  prompterFor(engineId: string, engineName: string): (request: PassphraseRequest) => Promise<string | undefined> {
    return (request) => this.ask(engineId, engineName, request);
  }

  ask(engineId: string, engineName: string, request: PassphraseRequest): Promise<string | undefined> {
    // A kept passphrase answers at once, unless it was the one just found wrong (then it is forgotten).
    if (request.afterWrong) this.keeper?.forget(request.keyFile);
    const kept = this.keeper?.recall(request.keyFile);
    if (kept !== undefined) return Promise.resolve(kept);
    return new Promise((resolve) => {
      const prompt: PassphrasePrompt = {
        promptId: randomUUID(),
        engineId,
        engineName,
        keyFile: request.keyFile,
        destination: request.destination,
        ...(this.keeper?.available() ? { canKeep: true } : {}),
      };
      const entry: Pending = {
        prompt,
        askedClients: new Set(this.watchers.keys()),
        settle: (passphrase) => {
          this.pending.delete(prompt.promptId);
          resolve(passphrase);
          this.changedFor(engineId);
        },
      };
      this.pending.set(prompt.promptId, entry);
      for (const listener of this.watchers.values()) listener(prompt);
      this.changedFor(engineId);
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

  /** The user's answer (undefined passphrase: Cancel), from a client the question was put to; `keep` keeps it in the keyring. */
  answer(clientId: string, promptId: string, passphrase: string | undefined, keep = false): void {
    const entry = this.pending.get(promptId);
    if (!entry) throw new BerthError({ code: 'NOT_FOUND', message: 'That passphrase question is no longer waiting' });
    if (!entry.askedClients.has(clientId)) {
      throw new BerthError({ code: 'CONFLICT', message: 'This passphrase question was not put to this window' });
    }
    if (keep && passphrase !== undefined) {
      if (!entry.prompt.canKeep || !this.keeper) {
        throw new BerthError({ code: 'BAD_REQUEST', message: 'This Berth cannot keep passphrases (no OS keyring here)' });
      }
      this.keeper.keep(entry.prompt.keyFile, passphrase);
    }
    entry.settle(passphrase);
  }

  /** Questions waiting for an answer (or for a window to ask), e.g. to show an engine as waiting. */
  waitingFor(engineId: string): boolean {
    return this.waitingPrompt(engineId) !== undefined;
  }

  waitingPrompt(engineId: string): PassphrasePrompt | undefined {
    for (const entry of this.pending.values()) if (entry.prompt.engineId === engineId) return entry.prompt;
    return undefined;
  }

  onChange(listener: (engineId: string) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  private changedFor(engineId: string): void {
    for (const listener of [...this.changeListeners]) listener(engineId);
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
