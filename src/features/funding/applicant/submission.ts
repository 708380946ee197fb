import { formatMoney } from '../money'
import type { ApplicationBundle } from '../queries'
import { financingName } from '../review/notice-pdf'

/**
 * The declaration an applicant makes when submitting, in the words of the line applied for: the
 * line, its type of financing and the amount requested, the subsidy-relevance notice (§ 264 StGB,
 * § 2 SubvG) and, for applications naming partners, their consent. German, because it is the text
 * that binds; it is printed on the copy of the application and kept in the audit entry.
 */
export function submissionDeclaration(b: ApplicationBundle): string {
  const requested = b.financing.reduce((s, y) => s + y.requestedCents, 0)
  const parts = [
    `Wir beantragen für das Vorhaben „${b.app.title ?? ''}“ in der Förderlinie ${b.line.nameDe} eine Zuwendung als ` +
      `${financingName(b.line.rules.financing.type)} von insgesamt ${formatMoney(requested)}.`,
    'Wir versichern, dass die Angaben in diesem Antrag und seinen Anlagen vollständig und richtig sind.',
    'Uns ist bekannt, dass die Angaben zur antragstellenden Organisation, zum Vorhaben, zu den Ausgaben und zur ' +
      'Finanzierung subventionserheblich im Sinne von § 264 des Strafgesetzbuchs in Verbindung mit § 2 des ' +
      'Subventionsgesetzes sind und dass Subventionsbetrug strafbar ist. Änderungen dieser Angaben teilen wir unverzüglich mit.',
  ]
  if (b.partners.municipalities.length || b.partners.organisation)
    parts.push(
      'Die im Antrag genannten Partner wissen von dem Antrag und sind mit ihrer Nennung einverstanden.',
    )
  return parts.join(' ')
}
