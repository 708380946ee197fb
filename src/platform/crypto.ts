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

/** AES-256-GCM with a 32-byte key: `v1.<base64url(iv | tag | ciphertext)>`, context bound as AAD. */
export function sealWithKey(key: Buffer, plaintext: string | Buffer, context: string): string {
  const iv = randomBytes(IV_BYTES)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  cipher.setAAD(Buffer.from(context, 'utf8'))
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()])
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`
}

/** The bytes sealed by sealWithKey, or null when tampered with, sealed for another context or malformed. */
export function openWithKey(key: Buffer, sealed: string, context: string): Buffer | null {
  const [version, payload, ...rest] = sealed.split('.')
  if (version !== VERSION || !payload || rest.length) return null
  const raw = Buffer.from(payload, 'base64url')
  if (raw.length < IV_BYTES + TAG_BYTES) return null
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES))
    decipher.setAAD(Buffer.from(context, 'utf8'))
    decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES))
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()])
  } catch {
    return null
  }
}

/**
 * Key-encryption keys for envelope encryption, from a key file outside the database (a dump of the
 * database alone opens nothing). The file holds several keys so that a key can be rotated: new data
 * keys are wrapped with `current`, older wrappings name the key they were wrapped with.
 *
 *   { "current": "k1a2b3c4", "keys": { "k1a2b3c4": "<base64 of 32 bytes>" } }
 */
export interface KeyRing {
  readonly file: string
  readonly currentId: string
  readonly ids: readonly string[]
  /** Wraps a data key with the current key; the context (e.g. the case id) is bound to it. */
  wrap(dataKey: Buffer, context: string): { keyId: string; wrapped: string }
  /** The data key, or null when the key id is unknown or the wrapping does not open. */
  unwrap(keyId: string, wrapped: string, context: string): Buffer | null
}

/** Thrown when the key file cannot be used; the message names the file and what to do. */
export class KeyFileError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`key file ${file} ${detail}`)
    this.name = 'KeyFileError'
  }
}

const KEY_ID = /^[a-z0-9]{4,32}$/

export function newKeyFileContent(): string {
  const id = `k${randomBytes(4).toString('hex')}`
  return `${JSON.stringify({ current: id, keys: { [id]: randomBytes(32).toString('base64') } }, null, 2)}\n`
}

/** Reads and checks a key file's content (no I/O, so tests can feed it broken files). */
export function parseKeyFile(file: string, content: string): KeyRing {
  let parsed: unknown
  try {
    parsed = JSON.parse(content)
  } catch {
    throw new KeyFileError(file, 'is not JSON ({ "current": id, "keys": { id: base64 } })')
  }
  const { current, keys } = (parsed ?? {}) as { current?: unknown; keys?: unknown }
  if (typeof current !== 'string' || !keys || typeof keys !== 'object')
    throw new KeyFileError(file, 'needs "current" and "keys"')
  const byId = new Map<string, Buffer>()
  for (const [id, value] of Object.entries(keys as Record<string, unknown>)) {
    const key = typeof value === 'string' ? Buffer.from(value, 'base64') : Buffer.alloc(0)
    if (!KEY_ID.test(id) || key.length !== 32)
      throw new KeyFileError(
        file,
        `key "${id}" must be 32 bytes in base64 under an id of 4–32 letters or digits`,
      )
    byId.set(id, key)
  }
  if (!byId.has(current)) throw new KeyFileError(file, `names a current key "${current}" it does not hold`)
  return {
    file,
    currentId: current,
    ids: [...byId.keys()],
    wrap(dataKey, context) {
      return { keyId: current, wrapped: sealWithKey(byId.get(current)!, dataKey, `wrap:${context}`) }
    },
    unwrap(keyId, wrapped, context) {
      const key = byId.get(keyId)
      return key ? openWithKey(key, wrapped, `wrap:${context}`) : null
    },
  }
}
