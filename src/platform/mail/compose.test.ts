import assert from 'node:assert/strict'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { authMessages } from '../auth/messages'
import { composeMail } from './compose'

const srcDir = path.resolve(import.meta.dirname, '../..')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    if (statSync(full).isDirectory()) return sourceFiles(full)
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : []
  })
}

const auth = { name: 'auth', messages: authMessages }
const TR_RESET_SUBJECT = 'Şifrenizi sıfırlayın'

describe('composeMail', () => {
  it('writes subject, greeting and text from the catalogue in the recipient language', () => {
    const keys = {
      subject: 'auth.mail.reset.subject',
      greeting: 'auth.mail.greeting',
      text: 'auth.mail.reset.text',
    } as const
    const params = { name: 'Ada', link: 'https://example.org/x' }
    const en = composeMail(auth, { email: 'ada@example.org', locale: 'en' }, keys, params)
    assert.equal(en.to, 'ada@example.org')
    assert.equal(en.subject, 'Reset your password')
    assert.match(
      en.text,
      /^Hello Ada,\n\nYou \(or someone else\) asked for a new password[\s\S]*https:\/\/example\.org\/x\n/,
    )
    const de = composeMail(auth, { email: 'ada@example.org', locale: 'de' }, keys, params)
    assert.equal(de.subject, 'Passwort zurücksetzen')
    assert.match(de.text, /^Guten Tag Ada,\n\n/)
    // A language the platform does not have (or none stored) is German.
    assert.equal(
      composeMail(auth, { email: 'a@example.org', locale: 'xx' }, keys, params).subject,
      de.subject,
    )
    // The other languages come from their catalogue files.
    const tr = composeMail(auth, { email: 'a@example.org', locale: 'tr' }, keys, params)
    assert.equal(tr.subject, TR_RESET_SUBJECT)
    assert.ok(tr.text.includes('https://example.org/x'))
  })

  it('is how every mail in src/ is written: no use case hands the outbox an inline text', () => {
    const inline = sourceFiles(srcDir).filter((f) =>
      /\.mail\.enqueue\(\s*tx,\s*deps\.jobs,\s*\{/.test(readFileSync(f, 'utf8')),
    )
    assert.deepEqual(
      inline.map((f) => path.relative(srcDir, f)),
      [],
    )
  })
})

describe('feature mails in the translated languages', () => {
  it('a funding mail to an Arabic-speaking applicant is in Arabic, from the funding catalogue file', async () => {
    const { fundingMail } = await import('../../features/funding/mails')
    const file = JSON.parse(readFileSync(path.join(srcDir, 'locales/ar/funding.json'), 'utf8')) as {
      messages: Record<string, string>
    }
    const mail = fundingMail(
      { email: 'a@example.org', locale: 'ar' },
      { subject: 'funding.mail.received.subject', text: 'funding.mail.received.text' },
      { fileNumber: 'WIR-MSO-2027-00001', title: 'T', line: 'L' },
    )
    assert.equal(
      mail.subject,
      file.messages['funding.mail.received.subject']!.replace('{fileNumber}', 'WIR-MSO-2027-00001'),
    )
    assert.match(mail.text, /WIR-MSO-2027-00001/)
    assert.doesNotMatch(mail.text, /[\uE000\uE001]/, 'no fallback markers in a mail')
  })
})
