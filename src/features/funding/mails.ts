import { asLocale, type MessageKey, type Params } from '../../platform/i18n'
import type { OutgoingMail } from '../../platform/mail'
import { composeMail, type Recipient } from '../../platform/mail/compose'
import { fundingMessages } from './messages'

export type { Recipient }

export type MailKey = Extract<MessageKey, `funding.mail.${string}`>

/**
 * A mail of the funding feature in the recipient's language: subject and text from the catalogue
 * (messages.ts) with the same parameters, after a greeting (with the name when given).
 */
export function fundingMail(
  recipient: Recipient,
  keys: { readonly subject: MailKey; readonly text: MailKey },
  params: Params,
  name?: string,
): OutgoingMail {
  return composeMail(
    { name: 'funding', messages: fundingMessages },
    recipient,
    { ...keys, greeting: name ? 'funding.mail.greetingName' : 'funding.mail.greeting' },
    name ? { ...params, name } : params,
  )
}

/** The name of a funding line in the recipient's language. */
export function lineNameFor(
  recipient: Recipient,
  line: { readonly nameDe: string; readonly nameEn: string },
) {
  return asLocale(recipient.locale) === 'en' ? line.nameEn : line.nameDe
}
