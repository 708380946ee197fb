import { randomInt } from 'node:crypto'
import argon2 from 'argon2'
import { deriveKey } from '../../../platform/crypto'

/**
 * Receipt codes of anonymous reports: 16 random digits, shown once. Only an argon2id hash is
 * stored. The salt is the installation's (derived from its signing key), not one per report, so the
 * hash of a typed code finds its report directly, and every code typed costs the same argon2 work,
 * whether a report has it or not. With 10^16 codes and argon2id's cost, guessing is hopeless even
 * with a copy of the database; online guessing is throttled on top (throttle.ts).
 */
export const RECEIPT_DIGITS = 16

/** argon2id as for passwords (OWASP minimum: 19 MiB, 2 iterations, 1 lane). */
const OPTIONS = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  hashLength: 32,
} as const

export function newReceiptCode(): string {
  let code = ''
  for (let i = 0; i < RECEIPT_DIGITS; i++) code += String(randomInt(0, 10))
  return code
}

/** "1234 5678 9012 3456": in groups of four, as it is shown and may be typed. */
export function formatReceiptCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ')
}

const EASTERN_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g

/**
 * The 16 digits of a typed code, or null. Spaces, dashes and dots between digits are accepted, and
 * Arabic-Indic and Persian digits are read as the digits they are.
 */
export function normaliseReceiptCode(typed: string): string | null {
  const western = typed.replace(EASTERN_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10))
  const digits = western.replace(/[\s\-\u2010-\u2015.]/g, '')
  return new RegExp(`^\\d{${RECEIPT_DIGITS}}$`).test(digits) ? digits : null
}

/** The stored form of a code: argon2id under the installation's receipt salt, base64. */
export async function receiptHash(signingKey: Buffer, code: string): Promise<string> {
  const salt = deriveKey(signingKey, 'antidisc-receipt-salt').subarray(0, 16)
  const raw = await argon2.hash(code, { ...OPTIONS, salt, raw: true })
  return raw.toString('base64')
}
