/**
 * Seals short secrets with the operating system's secure storage (Keychain, DPAPI, a Linux
 * keyring). The desktop app gives one backed by Electron's safeStorage; services never import
 * Electron, and tests give their own.
 */
export interface SecretVault {
  /** Whether sealing really protects the text (false on Linux without a keyring). */
  isAvailable(): boolean;
  seal(text: string): Buffer;
  /** Throws when the bytes were not sealed by this vault (another user, a reset keyring, a corrupt file). */
  open(sealed: Buffer): string;
}
