import { SYSTEM_ACTOR } from '../../platform/audit'
import { defineFeature } from '../../platform/feature'
import { canDownloadAttachment } from './applicant/attachment-access'
import { FUNDING_FILE_OWNER } from './applicant/save-application'
import { fundingMessages } from './messages'
import { fundingPermissions } from './permissions'
import { seedWirProgramme } from './programme/seed-programme'
import { fundingRoutes } from './routes'

/** WIR – Vielfalt und Teilhabe: funding lines, applicant portal, review, grant notices, budgets. */
export const fundingFeature = defineFeature({
  name: 'funding',
  messages: fundingMessages,
  permissions: fundingPermissions,
  nav: [{ href: '/foerderung', labelKey: 'nav.funding' }],
  routes: fundingRoutes,
  discovery: {
    pages: ['/foerderung', '/foerderung/registrieren'],
    noIndex: ['/foerderung/verwaltung', '/foerderung/antraege', '/foerderung/bestaetigen'],
  },
  // Application documents are confidential: reviewers and the applicant organisation's own users.
  files: { [FUNDING_FILE_OWNER]: canDownloadAttachment },
  async seedDemo(deps, log) {
    const year = new Date().getFullYear()
    await seedWirProgramme(deps.db, SYSTEM_ACTOR, [year, year + 1, year + 2])
    log('Förderprogramm WIR mit sechs Förderlinien angelegt.')
  },
})
