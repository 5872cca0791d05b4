// The desktop app's SecretVault: Electron's safeStorage (Keychain on macOS, DPAPI on Windows, a
// keyring through libsecret or KWallet on Linux). Use it only after the app is ready.
import { safeStorage } from 'electron';
import type { SecretVault } from '../../engine/secret-vault.js';

/**
 * On Linux without a keyring, safeStorage still "encrypts", with a password hardcoded in
 * Chromium (backend `basic_text`): that is plaintext by another name, so it counts as unavailable.
 */
export function isSecureStorageAvailable(
  storage: Pick<typeof safeStorage, 'isEncryptionAvailable' | 'getSelectedStorageBackend'>,
  platform: NodeJS.Platform,
): boolean {
  if (!storage.isEncryptionAvailable()) return false;
  if (platform !== 'linux') return true;
  const backend = storage.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

export function createElectronSecretVault(): SecretVault {
  return {
    isAvailable: () => isSecureStorageAvailable(safeStorage, process.platform),
    seal: (text) => safeStorage.encryptString(text),
    open: (sealed) => safeStorage.decryptString(sealed),
  };
}
