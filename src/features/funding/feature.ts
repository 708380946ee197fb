import { SYSTEM_ACTOR } from '../../platform/audit'
import { defineFeature } from '../../platform/feature'
import { fundingPermissions } from './permissions'
import { seedWirProgramme } from './seed-programme'

/** WIR – Vielfalt und Teilhabe: funding lines, applicant portal, review, grant notices, budgets. */
export const fundingFeature = defineFeature({
  name: 'funding',
  permissions: fundingPermissions,
  async seedDemo(deps, log) {
    const year = new Date().getFullYear()
    await seedWirProgramme(deps.db, SYSTEM_ACTOR, [year, year + 1, year + 2])
    log('Förderprogramm WIR mit sechs Förderlinien angelegt.')
  },
})
