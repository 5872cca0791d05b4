import { existsSync, readFileSync } from 'node:fs';
import { writePrivateFileSync } from '../private-file.js';
import { join } from 'node:path';
import type { CredentialStorage } from '../../../shared/image-types.js';
import type { SecretVault } from '../secret-vault.js';

export interface SavedLogin {
  username: string;
  password: string;
}

/** What Berth remembers about registries: its own logins, and config.json entries the user logged out of. */
export interface SavedLogins {
  logins: Map<string, SavedLogin>;
  ignoredConfig: Set<string>;
}

/** Keeps Berth's registry logins: in memory only, or sealed on disk. Never in plaintext. */
export interface RegistryLoginStore {
  storage(): CredentialStorage;
  /** Called once, when the credential store starts. */
  load(): SavedLogins;
  /** Called after every change; never throws (a failed save becomes the storage note). */
  save(state: SavedLogins): void;
}

export const webSessionStorage: CredentialStorage = {
  persistent: false,
  summary: 'Kept in memory for this session only: the browser version never saves passwords.',
};

/** Memory only: the web transport, and the desktop app without a system keyring. */
export class MemoryLoginStore implements RegistryLoginStore {
  constructor(private readonly info: CredentialStorage = webSessionStorage) {}
  storage(): CredentialStorage {
    return this.info;
  }
  load(): SavedLogins {
    return { logins: new Map(), ignoredConfig: new Set() };
  }
  save(): void {
    // Nothing leaves memory.
  }
}

export const loginsFileName = 'registry-logins.json';
const fileFormat = 'berth-registry-logins';

interface SealedFile {
  format: typeof fileFormat;
  version: 1;
  /** base64 of the vault's sealed bytes of a PlainState JSON. */
  sealed: string;
}

interface PlainState {
  logins: Record<string, SavedLogin>;
  ignoredConfig: string[];
}

const message = (err: unknown): string => (err instanceof Error ? err.message : String(err));

function parsePlain(text: string): SavedLogins {
  const raw = JSON.parse(text) as Partial<PlainState>;
  const logins = new Map<string, SavedLogin>();
  for (const [key, entry] of Object.entries(raw.logins ?? {})) {
    if (typeof entry?.username === 'string' && typeof entry.password === 'string')
      logins.set(key, { username: entry.username, password: entry.password });
  }
  const ignoredConfig = new Set((raw.ignoredConfig ?? []).filter((k): k is string => typeof k === 'string'));
  return { logins, ignoredConfig };
}

/**
 * Logins in one file (mode 0600) under the app's data directory, the whole content sealed by the
 * vault: neither usernames nor passwords are readable in it. Without a working vault nothing is
 * written, and logins last for the session only.
 */
export class SealedFileLoginStore implements RegistryLoginStore {
  readonly path: string;
  #note: string | undefined;

  constructor(
    private readonly directory: string,
    private readonly vault: SecretVault,
  ) {
    this.path = join(directory, loginsFileName);
  }

  storage(): CredentialStorage {
    const base: CredentialStorage = this.vault.isAvailable()
      ? { persistent: true, summary: 'Saved, sealed with the system keyring: logins survive a restart.' }
      : { persistent: false, summary: 'Saved for this session only: no system keyring.' };
    return this.#note ? { ...base, note: this.#note } : base;
  }

  load(): SavedLogins {
    const empty: SavedLogins = { logins: new Map(), ignoredConfig: new Set() };
    if (!existsSync(this.path)) return empty;
    if (!this.vault.isAvailable()) {
      this.#note =
        'Logins saved earlier are sealed with a system keyring that is not available now: they were not loaded (the file is kept).';
      return empty;
    }
    try {
      const file = JSON.parse(readFileSync(this.path, 'utf8')) as Partial<SealedFile>;
      if (file.format !== fileFormat || file.version !== 1 || typeof file.sealed !== 'string') throw new Error('not a Berth logins file');
      return parsePlain(this.vault.open(Buffer.from(file.sealed, 'base64')));
    } catch (err) {
      this.#note = `Saved logins could not be read (${message(err)}): Berth started with none; the next login replaces the file.`;
      return empty;
    }
  }

  save(state: SavedLogins): void {
    if (!this.vault.isAvailable()) return;
    const plain: PlainState = { logins: Object.fromEntries(state.logins), ignoredConfig: [...state.ignoredConfig] };
    try {
      const sealed = this.vault.seal(JSON.stringify(plain));
      const file: SealedFile = { format: fileFormat, version: 1, sealed: sealed.toString('base64') };
      writePrivateFileSync(this.path, `${JSON.stringify(file)}\n`);
      this.#note = undefined;
    } catch (err) {
      this.#note = `Could not save logins (${message(err)}): they last for this session only.`;
    }
  }
}
