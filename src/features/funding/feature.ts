import { SYSTEM_ACTOR } from '../../platform/audit'
import { defineFeature } from '../../platform/feature'
import { withPermission } from '../../platform/files'
import { fundingPermissions } from './permissions'
import { FUNDING_FILE_OWNER } from './save-application'
import { seedWirProgramme } from './seed-programme'

/** WIR – Vielfalt und Teilhabe: funding lines, applicant portal, review, grant notices, budgets. */
export const fundingFeature = defineFeature({
  name: 'funding',
  permissions: fundingPermissions,
  // Application documents are confidential: reviewers only (until the applicant portal adds its rule).
  files: { [FUNDING_FILE_OWNER]: withPermission('funding.review') },
  async seedDemo(deps, log) {
    const year = new Date().getFullYear()
    await seedWirProgramme(deps.db, SYSTEM_ACTOR, [year, year + 1, year + 2])
    log('Förderprogramm WIR mit sechs Förderlinien angelegt.')
  },
})
