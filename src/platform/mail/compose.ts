import {
  asLocale,
  type Catalogues,
  type Locale,
  type MessageKey,
  type Params,
  type Translate,
  translator,
} from '../i18n'
import { type CataloguePart, partCatalogues } from '../i18n/translations'
import type { OutgoingMail } from '.'

/** Someone mail goes to, with the language it is written in (users.locale; German when unknown). */
export interface Recipient {
  readonly email: string
  readonly locale: string
}

/** The message keys of one mail: its subject, the greeting line and the body. */
export interface MailKeys {
  readonly subject: MessageKey
  readonly greeting: MessageKey
  readonly text: MessageKey
}

/**
 * A mail written from a feature's catalogue in the recipient's language: the subject, then the
 * greeting, a blank line and the body, all with the same parameters. Mail texts live in the
 * catalogues like every other text, never inline in a use case.
 */
export function composeMail(
  part: Pick<CataloguePart, 'name' | 'messages'>,
  recipient: Recipient,
  keys: MailKeys,
  params: Params = {},
): OutgoingMail {
  const t = mailTranslator(partCatalogues(part), asLocale(recipient.locale))
  return {
    to: recipient.email,
    subject: t(keys.subject, params),
    text: `${t(keys.greeting, params)}\n\n${t(keys.text, params)}\n`,
  }
}

const translators = new WeakMap<Catalogues, Map<Locale, Translate>>()

/** Translators are compiled once per catalogue and language, not per mail. */
function mailTranslator(catalogues: Catalogues, locale: Locale): Translate {
  let byLocale = translators.get(catalogues)
  if (!byLocale) {
    byLocale = new Map()
    translators.set(catalogues, byLocale)
  }
  let t = byLocale.get(locale)
  if (!t) {
    t = translator(catalogues, locale)
    byLocale.set(locale, t)
  }
  return t
}
