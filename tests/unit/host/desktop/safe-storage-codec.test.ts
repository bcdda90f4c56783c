import { describe, expect, it } from 'vitest'
import { safeStorageCodec } from '../../../../main/host/desktop/safe-storage-codec.ts'

const storage = (backend: string, available = true) => ({
  isEncryptionAvailable: () => available,
  getSelectedStorageBackend: () => backend,
  encryptString: (plain: string) => Buffer.from(plain).reverse(),
  decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString(),
})

describe('safeStorageCodec', () => {
  it('encrypts where the OS keeps the key, and round-trips through base64', () => {
    const codec = safeStorageCodec(storage('gnome_libsecret'), 'linux')
    expect(codec.available).toBe(true)
    expect(codec.decrypt(codec.encrypt('s3cret'))).toBe('s3cret')
  })

  it('counts Linux’s hard-coded basic_text key as no encryption', () => {
    expect(safeStorageCodec(storage('basic_text'), 'linux').available).toBe(false)
    expect(safeStorageCodec(storage('basic_text'), 'darwin').available).toBe(true)
  })

  it('has no encryption where safeStorage has none', () => {
    expect(safeStorageCodec(storage('unknown', false), 'win32').available).toBe(false)
  })
})
