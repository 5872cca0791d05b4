import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writePrivateFileSync } from '../../engine/private-file.js';
import type { SecretVault } from '../../engine/secret-vault.js';

/**
 * SSH key passphrases the user chose to keep between runs (desktop only). Web servers keep none:
 * there a passphrase lives in memory for the engine's session.
 */
export interface PassphraseKeeper {
  /** Whether a passphrase can be kept now (the OS keyring works). */
  available(): boolean;
  recall(keyFile: string): string | undefined;
  keep(keyFile: string, passphrase: string): void;
  forget(keyFile: string): void;
}

const fileSchema = z.object({ version: z.literal(1), keys: z.record(z.string(), z.string()) });

/**
 * Passphrases sealed with the OS keyring (the vault), by key file, in one JSON file (mode 600): the
 * file alone opens nothing. Without a working keyring nothing is kept. A file it cannot read or a
 * passphrase it cannot open (another user, a reset keyring) counts as not kept: ssh then asks.
 */
export class SealedPassphraseFile implements PassphraseKeeper {
  private keys = new Map<string, string>();

  constructor(
    private readonly file: string,
    private readonly vault: SecretVault,
  ) {
    try {
      const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success) this.keys = new Map(Object.entries(parsed.data.keys));
    } catch {
      // No file yet, or not JSON: nothing kept.
    }
  }

  available(): boolean {
    return this.vault.isAvailable();
  }

  recall(keyFile: string): string | undefined {
    const sealed = this.keys.get(keyFile);
    if (sealed === undefined || !this.vault.isAvailable()) return undefined;
    try {
      return this.vault.open(Buffer.from(sealed, 'base64'));
    } catch {
      this.forget(keyFile);
      return undefined;
    }
  }

  keep(keyFile: string, passphrase: string): void {
    if (!this.vault.isAvailable()) return;
    this.keys.set(keyFile, this.vault.seal(passphrase).toString('base64'));
    this.write();
  }

  forget(keyFile: string): void {
    if (this.keys.delete(keyFile)) this.write();
  }

  /** A file it cannot write leaves the change for this run only: answering ssh never fails on it. */
  private write(): void {
    try {
      writePrivateFileSync(this.file, JSON.stringify({ version: 1, keys: Object.fromEntries(this.keys) }));
    } catch (err) {
      console.warn(`[berth] kept SSH passphrases could not be written to ${this.file}: ${(err as Error).message}`);
    }
  }
}
