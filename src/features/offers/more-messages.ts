import { defineMessages, type MessagesOf } from '../../platform/i18n'

/**
 * Texts of the offers finder's later parts: the councils as offers, provider translations of
 * descriptions, WIR euros and foreign residents on the coverage page. Keys under `offers.staff.`
 * are for staff only.
 */
export const offersMoreMessages = defineMessages(
  {
    'offers.coverage.wir': 'WIR-Fördermittel (bewilligt)',
    'offers.coverage.wirSource':
      'WIR-Fördermittel: die bewilligten Beträge aller veröffentlichten geförderten Projekte (offene Daten „Geförderte Projekte“), gezählt für den Landkreis des Ortes der geförderten Organisation.',
  },
  {
    'offers.coverage.wir': 'WIR funding (granted)',
    'offers.coverage.wirSource':
      'WIR funding: the amounts granted to all published funded projects (open data “Funded projects”), counted for the district of the funded organisation’s place.',
  },
)

declare module '../../platform/i18n' {
  interface DeclaredMessages extends MessagesOf<typeof offersMoreMessages> {}
}
