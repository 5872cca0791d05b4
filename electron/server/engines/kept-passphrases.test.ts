import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretVault } from '../../engine/secret-vault.js';
import { SealedPassphraseFile } from './kept-passphrases.js';

/** A stand-in for the OS keyring: reversible, and refuses bytes it did not seal. */
function fakeVault(available = true): SecretVault & { available: boolean } {
  const vault = {
    available,
    isAvailable: () => vault.available,
    seal: (text: string) => Buffer.from(`sealed:${[...text].reverse().join('')}`),
    open: (sealed: Buffer) => {
      const text = sealed.toString();
      if (!text.startsWith('sealed:')) throw new Error('not sealed by this vault');
      return [...text.slice('sealed:'.length)].reverse().join('');
    },
  };
  return vault;
}

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'berth-kept-passphrases-'));
  file = path.join(dir, 'config', 'ssh-passphrases.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('passphrases kept with the OS keyring', () => {
  it('keeps a passphrase sealed in a file only its owner reads, for the next run, and forgets it', () => {
    const vault = fakeVault();
    new SealedPassphraseFile(file, vault).keep('/home/me/.ssh/id_robot', 'correct horse');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('correct horse');
    const nextRun = new SealedPassphraseFile(file, vault);
    expect(nextRun.recall('/home/me/.ssh/id_robot')).toBe('correct horse');
    nextRun.forget('/home/me/.ssh/id_robot');
    expect(new SealedPassphraseFile(file, vault).recall('/home/me/.ssh/id_robot')).toBeUndefined();
  });

  it('keeps nothing without a working keyring, and treats what it cannot open or read as not kept', () => {
    const none = new SealedPassphraseFile(file, fakeVault(false));
    expect(none.available()).toBe(false);
    none.keep('/k', 'words');
    expect(none.recall('/k')).toBeUndefined();

    const vault = fakeVault();
    new SealedPassphraseFile(file, vault).keep('/k', 'words');
    // Sealed by another keyring (another user, a reset one): forgotten, so ssh asks.
    writeFileSync(file, JSON.stringify({ version: 1, keys: { '/k': Buffer.from('other').toString('base64') } }));
    const other = new SealedPassphraseFile(file, vault);
    expect(other.recall('/k')).toBeUndefined();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, keys: {} });
    writeFileSync(file, 'not json');
    expect(new SealedPassphraseFile(file, vault).recall('/k')).toBeUndefined();
  });

  it('a file it cannot write keeps the passphrase for this run only, and answering never fails on it', () => {
    // The config folder's place is taken by a file: nothing can be written under it.
    writeFileSync(path.join(dir, 'config'), 'a file, not a folder');
    const kept = new SealedPassphraseFile(file, fakeVault());
    expect(() => kept.keep('/k', 'words')).not.toThrow();
    expect(kept.recall('/k')).toBe('words');
    expect(() => kept.forget('/k')).not.toThrow();
  });
});
