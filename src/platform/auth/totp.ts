import { generateSecret, generateURI, verify } from 'otplib'
import QRCode from 'qrcode'

/** RFC 6238 defaults every authenticator app supports: SHA-1, 6 digits, 30-second steps. */
export const TOTP_PERIOD = 30
export const TOTP_ISSUER = 'Teilhabe'

export function newTotpSecret(): string {
  return generateSecret({ length: 20 })
}

export function totpUri(secret: string, accountName: string, issuer = TOTP_ISSUER): string {
  return generateURI({ issuer, label: accountName, secret, period: TOTP_PERIOD })
}

/** Spaces and dashes people type or paste are ignored; anything but six digits is no code. */
export function normaliseCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '')
  return /^\d{6}$/.test(code) ? code : null
}

export type TotpCheck = { ok: true; step: number } | { ok: false }

/**
 * Checks a code against the secret, allowing one time step either side for clock drift. A code
 * from a time step at or before `lastStep` (the last one accepted) is refused, so a code seen once
 * cannot be replayed within its window. Returns the accepted step, to be stored as the new lastStep.
 */
export async function checkTotp(
  secret: string,
  input: string,
  lastStep: number | null,
  nowMs: number = Date.now(),
): Promise<TotpCheck> {
  const token = normaliseCode(input)
  if (!token) return { ok: false }
  const result = await verify({
    secret,
    token,
    period: TOTP_PERIOD,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: TOTP_PERIOD,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  })
  return result.valid && 'timeStep' in result ? { ok: true, step: result.timeStep } : { ok: false }
}

/** The otpauth URI as a QR code in an inline SVG string (no script, no data: URI, no inline style). */
export async function qrCodeSvg(uri: string, label: string): Promise<string> {
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
  const escaped = label.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
  return svg.replace('<svg ', `<svg role="img" aria-label="${escaped}" focusable="false" class="qr-code" `)
}
