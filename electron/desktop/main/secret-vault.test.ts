import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ safeStorage: {} }));
const { isSecureStorageAvailable } = await import('./secret-vault.js');

const storage = (available: boolean, backend: ReturnType<Electron.SafeStorage['getSelectedStorageBackend']>) => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
});

describe('secure storage availability', () => {
  it('counts Linux basic_text (a hardcoded password) as no keyring', () => {
    expect(isSecureStorageAvailable(storage(true, 'gnome_libsecret'), 'linux')).toBe(true);
    expect(isSecureStorageAvailable(storage(true, 'kwallet5'), 'linux')).toBe(true);
    expect(isSecureStorageAvailable(storage(true, 'basic_text'), 'linux')).toBe(false);
    expect(isSecureStorageAvailable(storage(false, 'gnome_libsecret'), 'linux')).toBe(false);
    expect(isSecureStorageAvailable(storage(true, 'unknown'), 'darwin')).toBe(true);
    expect(isSecureStorageAvailable(storage(false, 'unknown'), 'win32')).toBe(false);
  });
});
