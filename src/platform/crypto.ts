import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const VERSION = 'v1'
const IV_BYTES = 12
const TAG_BYTES = 16

/**
 * Encrypts confidential values at rest (TOTP secrets, later other confidential data) with
 * AES-256-GCM. The key is derived with HKDF-SHA-256 from the installation's signing key, with a
 * purpose of its own, so the CSRF signatures and the encryption never share a key.
 *
 * A sealed value is `v1.<base64url(iv | tag | ciphertext)>`. The optional context (e.g.
 * `user:<id>:totp`) is bound as additional authenticated data: a value copied to another row or
 * another purpose does not open.
 */
export interface SecretBox {
  seal(plaintext: string, context?: string): string
  /** The plaintext, or null when the value was tampered with, belongs elsewhere or is malformed. */
  open(sealed: string, context?: string): string | null
}

export function deriveKey(signingKey: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', signingKey, Buffer.alloc(0), `teilhabe:${purpose}`, 32))
}

export function createSecretBox(signingKey: Buffer, purpose = 'secret-box/v1'): SecretBox {
  if (signingKey.length < 32) throw new Error('The signing key must have at least 32 bytes')
  const key = deriveKey(signingKey, purpose)
  return {
    seal(plaintext, context = '') {
      const iv = randomBytes(IV_BYTES)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`
    },
    open(sealed, context = '') {
      const [version, payload, ...rest] = sealed.split('.')
      if (version !== VERSION || !payload || rest.length) return null
      const raw = Buffer.from(payload, 'base64url')
      if (raw.length < IV_BYTES + TAG_BYTES) return null
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
        decipher.setAAD(Buffer.from(context, 'utf8'))
        decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
        return Buffer.concat([
          decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8')
      } catch {
        return null
      }
    },
  }
}
