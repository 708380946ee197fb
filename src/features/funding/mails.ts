import { asLocale, type MessageKey, mergeCatalogues, type Params } from '../../platform/i18n'
import type { OutgoingMail } from '../../platform/mail'
import { composeMail, type Recipient } from '../../platform/mail/compose'
import { fundingMessages } from './messages'
import { proofMessages } from './proof/messages'

export type { Recipient }

export type MailKey = Extract<MessageKey, `funding.mail.${string}`>

/**
 * The catalogue every funding mail is written from. One object for all of them: the mail translator
 * (and the other languages' files) are cached by the part's name, so every caller passes the same.
 */
export const FUNDING_MAIL_PART = {
  name: 'funding',
  messages: mergeCatalogues([fundingMessages, proofMessages]),
} as const

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
    FUNDING_MAIL_PART,
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
