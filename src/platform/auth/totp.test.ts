import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generate } from 'otplib'
import { checkTotp, newTotpSecret, normaliseCode, qrCodeSvg, TOTP_PERIOD, totpUri } from './totp'

const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
/** The start of a time step, plus 10 seconds. */
const now = 1_800_000_000_000 - (1_800_000_000_000 % (TOTP_PERIOD * 1000)) + 10_000
const step = Math.floor(now / 1000 / TOTP_PERIOD)
const codeAt = (s: number) => generate({ secret, epoch: s * TOTP_PERIOD + 1 })

describe('TOTP (RFC 6238)', () => {
  it('matches the RFC 6238 test vector for SHA-1 (last six digits)', async () => {
    // RFC 6238 appendix B: secret "12345678901234567890", T = 59 s → 94287082.
    const rfcSecret = new TextEncoder().encode('12345678901234567890')
    assert.equal(await generate({ secret: rfcSecret, epoch: 59, digits: 8 }), '94287082')
  })

  it('accepts the current code and one time step either side, not two', async () => {
    for (const delta of [-1, 0, 1]) {
      const result = await checkTotp(secret, await codeAt(step + delta), null, now)
      assert.deepEqual(result, { ok: true, step: step + delta }, `delta ${delta}`)
    }
    for (const delta of [-2, 2]) {
      assert.deepEqual(await checkTotp(secret, await codeAt(step + delta), null, now), { ok: false })
    }
  })

  it('refuses a code from a step already used, and older ones', async () => {
    const code = await codeAt(step)
    assert.deepEqual(await checkTotp(secret, code, step, now), { ok: false }, 'same step reused')
    assert.deepEqual(await checkTotp(secret, await codeAt(step - 1), step, now), { ok: false })
    assert.deepEqual(await checkTotp(secret, await codeAt(step + 1), step, now), { ok: true, step: step + 1 })
  })

  it('ignores spaces and dashes and refuses anything but six digits', async () => {
    const code = await codeAt(step)
    assert.equal(normaliseCode(`${code.slice(0, 3)} ${code.slice(3)}`), code)
    assert.equal(normaliseCode(`${code.slice(0, 3)}-${code.slice(3)}`), code)
    for (const bad of ['', '12345', '1234567', 'abcdef', '12345a']) assert.equal(normaliseCode(bad), null)
    assert.deepEqual(await checkTotp(secret, `${code}0`, null, now), { ok: false })
  })

  it('makes 160-bit base32 secrets and an otpauth URI apps understand', () => {
    const s = newTotpSecret()
    assert.match(s, /^[A-Z2-7]{32}$/)
    assert.notEqual(s, newTotpSecret())
    const uri = totpUri(s, 'a@example.org')
    assert.match(uri, /^otpauth:\/\/totp\/Teilhabe:a(%40|@)example\.org\?/)
    assert.match(uri, new RegExp(`secret=${s}`))
    assert.match(uri, /issuer=Teilhabe/)
  })

  it('renders the QR code as an SVG with a text alternative and no inline style or script', async () => {
    const svg = await qrCodeSvg(totpUri(secret, 'a@example.org'), 'QR "code" <x>')
    assert.match(svg, /^<svg role="img" aria-label="QR &quot;code&quot; &lt;x>"/)
    assert.doesNotMatch(svg, /style=|<script|data:/)
  })
})
