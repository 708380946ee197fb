import { defineMessages, type MessagesOf } from '../../../platform/i18n'

/** The staff dashboard's panels of overdue proofs of use and open repayment claims (staff-only: de, en). */
export const dashboardStaffMessages = defineMessages(
  {
    'funding.payStaff.firstRows': 'Die ersten {n} stehen hier, die ältesten zuerst.',
    'funding.payStaff.overdue.caption': 'Überfällige Verwendungsnachweise',
    'funding.payStaff.overdue.summary':
      '{n, plural, one {# Verwendungsnachweis ist überfällig} other {# Verwendungsnachweise sind überfällig}}; dafür ausgezahlt: {paid}.',
    'funding.payStaff.overdue.none': 'Kein Verwendungsnachweis ist überfällig.',
    'funding.payStaff.overdue.tableCaption':
      'Überfällige Verwendungsnachweise, der am längsten überfällige zuerst',
    'funding.payStaff.overdue.more': 'Die {shown} am längsten überfälligen von {n} stehen hier.',
    'funding.payStaff.overdue.all': 'Alle fälligen und eingereichten Verwendungsnachweise',
    'funding.payStaff.col.proof': 'Nachweis',
    'funding.payStaff.col.proofDue': 'Fällig seit',
    'funding.payStaff.col.daysOverdue': 'Tage überfällig',
    'funding.payStaff.col.paidFor': 'Dafür ausgezahlt',
    'funding.payStaff.claims.caption': 'Offene Rückforderungen',
    'funding.payStaff.claims.summary':
      '{n, plural, one {# Rückforderung ist offen} other {# Rückforderungen sind offen}}; noch ausstehend: {outstanding}.',
    'funding.payStaff.claims.none': 'Keine Rückforderung ist offen.',
    'funding.payStaff.claims.tableCaption': 'Offene Rückforderungen, der größte ausstehende Betrag zuerst',
    'funding.payStaff.claims.more': 'Die {shown} größten von {n} stehen hier.',
    'funding.payStaff.col.claimed': 'Gefordert mit Zinsen',
    'funding.payStaff.col.repaid': 'Zurückgezahlt',
    'funding.payStaff.col.outstanding': 'Ausstehend',
    'funding.payStaff.col.payBy': 'Zu zahlen bis',
  },
  {
    'funding.payStaff.firstRows': 'The first {n} are shown here, the oldest first.',
    'funding.payStaff.overdue.caption': 'Overdue proofs of use',
    'funding.payStaff.overdue.summary':
      '{n, plural, one {# proof of use is overdue} other {# proofs of use are overdue}}; paid out for them: {paid}.',
    'funding.payStaff.overdue.none': 'No proof of use is overdue.',
    'funding.payStaff.overdue.tableCaption': 'Overdue proofs of use, the longest overdue first',
    'funding.payStaff.overdue.more': 'The {shown} longest overdue of {n} are shown here.',
    'funding.payStaff.overdue.all': 'All proofs of use due and submitted',
    'funding.payStaff.col.proof': 'Proof',
    'funding.payStaff.col.proofDue': 'Due since',
    'funding.payStaff.col.daysOverdue': 'Days overdue',
    'funding.payStaff.col.paidFor': 'Paid out for it',
    'funding.payStaff.claims.caption': 'Open repayment claims',
    'funding.payStaff.claims.summary':
      '{n, plural, one {# repayment claim is open} other {# repayment claims are open}}; still outstanding: {outstanding}.',
    'funding.payStaff.claims.none': 'No repayment claim is open.',
    'funding.payStaff.claims.tableCaption': 'Open repayment claims, the largest outstanding amount first',
    'funding.payStaff.claims.more': 'The {shown} largest of {n} are shown here.',
    'funding.payStaff.col.claimed': 'Claimed with interest',
    'funding.payStaff.col.repaid': 'Repaid',
    'funding.payStaff.col.outstanding': 'Outstanding',
    'funding.payStaff.col.payBy': 'To be paid by',
  },
)

declare module '../../../platform/i18n' {
  interface DeclaredMessages extends MessagesOf<typeof dashboardStaffMessages> {}
}
