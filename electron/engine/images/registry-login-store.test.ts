import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SecretVault } from '../secret-vault.js';
import type { CredentialHelperClient } from './registry-credential-helper.js';
import { RegistryCredentials } from './registry-credentials.js';
import { loginsFileName, MemoryLoginStore, SealedFileLoginStore } from './registry-login-store.js';

/** A vault like safeStorage: AES-256-GCM under a key that lives as long as the "keyring". */
function testVault(key: Buffer = randomBytes(32), available = true): SecretVault & { key: Buffer } {
  return {
    key,
    isAvailable: () => available,
    seal(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    open(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const noHelpers: CredentialHelperClient = {
  get: async () => ({ kind: 'not-found' }),
  list: async () => ({ kind: 'found', value: {} }),
};
const noConfig = () => ({ credentials: [], helpers: [], credsStore: null });

describe('registry logins saved with the system keyring', () => {
  const dirs: string[] = [];
  const tempDir = (): string => {
    const dir = mkdtempSync(join(tmpdir(), 'berth-logins-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('survives a restart; the file (mode 0600) holds neither the password, the username nor user:password base64', async () => {
    const dir = join(tempDir(), 'user-data');
    const vault = testVault();
    const first = new RegistryCredentials(noConfig, noHelpers, new SealedFileLoginStore(dir, vault));
    first.remember('127.0.0.1:5001', 'berth-user', 'berth-secret');
    expect(first.storage()).toEqual({ persistent: true, summary: expect.stringMatching(/sealed with the system keyring/) });

    const path = join(dir, loginsFileName);
    const text = readFileSync(path, 'utf8');
    for (const needle of [
      'berth-secret',
      'berth-user',
      Buffer.from('berth-user:berth-secret').toString('base64'),
      Buffer.from('berth-secret').toString('base64'),
    ]) {
      expect(text).not.toContain(needle);
    }
    expect(statSync(path).mode & 0o777).toBe(0o600);

    // A restart: a new store over the same directory and the same keyring.
    const second = new RegistryCredentials(noConfig, noHelpers, new SealedFileLoginStore(dir, testVault(vault.key)));
    expect(await second.authFor('127.0.0.1:5001')).toEqual({
      username: 'berth-user',
      password: 'berth-secret',
      serveraddress: '127.0.0.1:5001',
    });
    expect(await second.accounts()).toEqual([{ serverAddress: '127.0.0.1:5001', username: 'berth-user', source: 'berth', usable: true }]);

    // Logging out is saved too.
    await second.forget('127.0.0.1:5001');
    const third = new RegistryCredentials(noConfig, noHelpers, new SealedFileLoginStore(dir, testVault(vault.key)));
    expect(await third.accounts()).toEqual([]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('starts empty with a note when the file is corrupt or sealed by another keyring, and replaces it on the next login', async () => {
    const dir = tempDir();
    const path = join(dir, loginsFileName);
    writeFileSync(path, '{"format":"berth-registry-logins","version":1,"sealed":"AAAA');
    const corrupt = new RegistryCredentials(noConfig, noHelpers, new SealedFileLoginStore(dir, testVault()));
    expect(await corrupt.accounts()).toEqual([]);
    expect(corrupt.storage()).toMatchObject({
      persistent: true,
      note: expect.stringMatching(/^Saved logins could not be read .*started with none/),
    });

    const vault = testVault();
    new RegistryCredentials(noConfig, noHelpers, new SealedFileLoginStore(dir, vault)).remember('a.example', 'u', 'p');
    const otherKeyring = new RegistryCredentials(noConfig, noHelpers, new SealedFileLoginStore(dir, testVault()));
    expect(await otherKeyring.accounts()).toEqual([]);
    expect(otherKeyring.storage().note).toMatch(/could not be read/);
    otherKeyring.remember('b.example', 'v', 'q');
    expect(otherKeyring.storage().note).toBeUndefined();
  });

  it('without a keyring writes nothing, says so, and keeps logins for the session', async () => {
    const dir = tempDir();
    const creds = new RegistryCredentials(noConfig, noHelpers, new SealedFileLoginStore(dir, testVault(randomBytes(32), false)));
    creds.remember('127.0.0.1:5001', 'berth', 'berth-secret');
    expect(await creds.authFor('127.0.0.1:5001')).toMatchObject({ password: 'berth-secret' });
    expect(creds.storage()).toEqual({ persistent: false, summary: 'Saved for this session only: no system keyring.' });
    expect(() => statSync(join(dir, loginsFileName))).toThrow();
  });

  it('the web transport keeps logins in memory and says so', () => {
    const creds = new RegistryCredentials(noConfig, noHelpers, new MemoryLoginStore());
    creds.remember('127.0.0.1:5001', 'berth', 'berth-secret');
    expect(creds.storage()).toMatchObject({ persistent: false, summary: expect.stringMatching(/memory for this session only/) });
  });
});
