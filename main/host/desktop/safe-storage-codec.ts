import type { SecretCodec } from '../../sessions/secrets.ts'

/** The part of Electron's `safeStorage` the codec uses. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean
  getSelectedStorageBackend?(): string
  encryptString(plain: string): Buffer
  decryptString(sealed: Buffer): string
}

/**
 * Secrets sealed with Electron's safeStorage (Keychain, DPAPI, or the Linux secret service). On
 * Linux without a keyring safeStorage falls back to a hard-coded key ("basic_text"), which
 * protects nothing: that counts as no encryption. Call once the app is ready.
 */
export function safeStorageCodec(
  safeStorage: SafeStorageLike,
  platform: NodeJS.Platform = process.platform,
): SecretCodec {
  const weak = platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text'
  return {
    available: safeStorage.isEncryptionAvailable() && !weak,
    encrypt: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decrypt: (sealed) => safeStorage.decryptString(Buffer.from(sealed, 'base64')),
  }
}
