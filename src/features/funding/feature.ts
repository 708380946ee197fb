import { CLI_ACTOR, SYSTEM_ACTOR } from '../../platform/audit'
import { generatePassword } from '../../platform/auth/passwords'
import { createUser, findUserByEmail } from '../../platform/auth/users'
import { type DeskItem, defineFeature } from '../../platform/feature'
import { mergeCatalogues } from '../../platform/i18n'
import { canDownloadAttachment } from './applicant/attachment-access'
import { FUNDING_FILE_OWNER } from './applicant/save-application'
import { canDownloadChangeFile } from './changes/file-access'
import { countOpenChangeRequests } from './changes/find-changes'
import { CHANGE_FILE_OWNER } from './changes/manage-changes'
import { changeMessages, changeStaffMessages } from './changes/messages'
import { seedDemoChanges } from './changes/seed-demo'
import { canDownloadHearingFile } from './closing/file-access'
import { HEARING_FILE_OWNER } from './closing/manage-closing'
import { fundingMessages } from './messages'
import { fundedProjectsDataset } from './open-data'
import { subGrantMessages } from './pass-through/messages'
import { seedDemoSubGrants } from './pass-through/seed-demo'
import { dashboardStaffMessages } from './payments/dashboard-messages'
import { countPayments } from './payments/find-payments'
import { paymentMessages, paymentStaffMessages } from './payments/messages'
import { seedDemoPayments } from './payments/seed-demo'
import { fundingPermissions } from './permissions'
import { seedWirProgramme } from './programme/seed-programme'
import { canDownloadProofFile } from './proof/attachment-access'
import { countProofs } from './proof/find-proofs'
import { PROOF_FILE_OWNER } from './proof/manage-proofs'
import { proofMessages, proofStaffMessages } from './proof/messages'
import { PROOF_REMINDER_EVERY_MS, PROOF_REMINDER_JOB, remindProofs } from './proof/reminders'
import { seedDemoProofs } from './proof/seed-demo'
import { countApplications, countOpenAmendments } from './queries'
import { fundingRoutes } from './routes'
import { transparencyMessages } from './transparency/messages'

export const DEMO_STAFF = [
  {
    email: 'foerderung@teilhabe.example',
    name: 'Demo-Sachbearbeitung Förderung',
    role: 'funding_officer',
    label: 'funding officer',
  },
  {
    email: 'bewilligung@teilhabe.example',
    name: 'Demo-Bewilligung Förderung',
    role: 'funding_approver',
    label: 'funding approver',
  },
] as const

/** WIR – Vielfalt und Teilhabe: funding lines, applicant portal, review, grant notices, budgets. */
export const fundingFeature = defineFeature({
  name: 'funding',
  staffOnlyMessages: [
    'funding.desk',
    'funding.staff',
    'funding.review',
    'funding.amend',
    'funding.comment',
    'funding.line',
    'funding.payStaff',
    'funding.proofStaff',
    'funding.closing',
    'funding.changeStaff',
    'funding.baseRate',
  ],
  messages: mergeCatalogues([
    fundingMessages,
    paymentMessages,
    paymentStaffMessages,
    dashboardStaffMessages,
    proofMessages,
    proofStaffMessages,
    transparencyMessages,
    changeMessages,
    changeStaffMessages,
    subGrantMessages,
  ]),
  permissions: fundingPermissions,
  nav: [{ href: '/foerderung', labelKey: 'nav.funding' }],
  home: [
    {
      href: '/foerderung',
      labelKey: 'home.funding.label',
      textKey: 'home.funding.text',
      easyKey: 'home.funding.easy',
      rank: 40,
    },
  ],
  routes: fundingRoutes,
  recurring: {
    [PROOF_REMINDER_JOB]: {
      everyMs: PROOF_REMINDER_EVERY_MS,
      async run(deps) {
        await remindProofs(deps)
      },
    },
  },
  desk: {
    links: [
      {
        href: '/foerderung/verwaltung',
        labelKey: 'funding.desk.link',
        textKey: 'funding.desk.linkText',
        permission: 'funding.review',
      },
      {
        href: '/foerderung/verwaltung/zahlungen',
        labelKey: 'funding.payStaff.link',
        textKey: 'funding.payStaff.lead',
        permission: 'funding.review',
      },
      {
        href: '/foerderung/verwaltung/nachweise',
        labelKey: 'funding.proofStaff.link',
        textKey: 'funding.proofStaff.lead',
        permission: 'funding.review',
      },
      {
        href: '/foerderung/verwaltung/aenderungen',
        labelKey: 'funding.changeStaff.link',
        textKey: 'funding.changeStaff.lead',
        permission: 'funding.review',
      },
    ],
    async waiting(deps, viewer) {
      const items: DeskItem[] = []
      if (viewer.can('funding.propose'))
        items.push({
          labelKey: 'funding.desk.toReview',
          count: await countApplications(deps.db, { status: 'submitted' }),
          href: '/foerderung/verwaltung?status=submitted',
        })
      if (viewer.can('funding.propose'))
        items.push({
          labelKey: 'funding.payStaff.desk.toCheck',
          count: await countPayments(deps.db, 'requested'),
          href: '/foerderung/verwaltung/zahlungen',
        })
      if (viewer.can('funding.propose'))
        items.push({
          labelKey: 'funding.proofStaff.desk.toReview',
          count: await countProofs(deps.db, 'submitted'),
          href: '/foerderung/verwaltung/nachweise',
        })
      if (viewer.can('funding.propose'))
        items.push({
          labelKey: 'funding.changeStaff.desk.open',
          count: await countOpenChangeRequests(deps.db),
          href: '/foerderung/verwaltung/aenderungen',
        })
      if (viewer.can('funding.approve')) {
        items.push({
          labelKey: 'funding.desk.toApprove',
          count: await countApplications(deps.db, { status: 'proposed' }),
          href: '/foerderung/verwaltung?status=proposed',
        })
        items.push({
          labelKey: 'funding.desk.amendmentsToApprove',
          count: await countOpenAmendments(deps.db),
          href: '/foerderung/verwaltung',
        })
        items.push({
          labelKey: 'funding.payStaff.desk.toRelease',
          count: await countPayments(deps.db, 'checked'),
          href: '/foerderung/verwaltung/zahlungen',
        })
      }
      return items
    },
  },
  discovery: {
    pages: ['/foerderung', '/foerderung/registrieren', '/foerderung/projekte'],
    noIndex: ['/foerderung/verwaltung', '/foerderung/antraege', '/foerderung/bestaetigen'],
  },
  // Application documents are confidential: reviewers and the applicant organisation's own users.
  files: {
    [FUNDING_FILE_OWNER]: canDownloadAttachment,
    [PROOF_FILE_OWNER]: canDownloadProofFile,
    [CHANGE_FILE_OWNER]: canDownloadChangeFile,
    [HEARING_FILE_OWNER]: canDownloadHearingFile,
  },
  datasets: [fundedProjectsDataset],
  async seedDemo(deps, log) {
    const year = new Date().getFullYear()
    await seedWirProgramme(deps.db, SYSTEM_ACTOR, [year, year + 1, year + 2])
    log('Förderprogramm WIR mit sechs Förderlinien angelegt.')
    // Two people, so the four-eyes rule can be tried: the officer proposes, the approver approves.
    for (const demo of DEMO_STAFF) {
      const password = generatePassword()
      const result = await createUser(
        deps.db,
        CLI_ACTOR,
        { email: demo.email, displayName: demo.name, password, roles: [demo.role] },
        deps.permissions.roles,
      )
      if (result.ok)
        log(
          `Demo ${demo.label}: ${demo.email}  password: ${password}  (shown once; sign in at ${deps.config.publicUrl}/anmelden)`,
        )
    }
    const [officer, approver] = await Promise.all(DEMO_STAFF.map((d) => findUserByEmail(deps.db, d.email)))
    if (officer && approver) {
      await seedDemoPayments(
        deps,
        {
          officer: { id: officer.id, label: 'demo funding officer' },
          approver: { id: approver.id, label: 'demo funding approver' },
        },
        log,
      )
      log('Demo-Zuwendungen mit ausgezahlten Raten und offenen Mittelabrufen angelegt.')
      const staff = {
        officer: { id: officer.id, label: 'demo funding officer' },
        approver: { id: approver.id, label: 'demo funding approver' },
      }
      await seedDemoProofs(deps, staff, log)
      log(
        'Demo-Zuwendungen mit fälligem und überfälligem Verwendungsnachweis und einem Schlussbescheid angelegt.',
      )
      await seedDemoSubGrants(
        deps,
        {
          officer: { id: officer.id, label: 'demo funding officer' },
          approver: { id: approver.id, label: 'demo funding approver' },
        },
        log,
      )
      await seedDemoChanges(
        deps,
        {
          officer: { id: officer.id, label: 'demo funding officer' },
          approver: { id: approver.id, label: 'demo funding approver' },
        },
        log,
      )
    }
  },
})
