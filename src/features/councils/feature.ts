import { CLI_ACTOR, SYSTEM_ACTOR } from '../../platform/audit'
import { defineFeature } from '../../platform/feature'
import { mergeCatalogues } from '../../platform/i18n'
import { isUuid } from '../../platform/ids'
import { FORM } from '../../platform/outcome'
import { agahMessages } from './agah/messages'
import { agahRoutes } from './agah/routes'
import { assignCouncilStaff } from './bodies-and-members/assign-council-staff'
import { linkCouncilOrganisations } from './bodies-and-members/council-organisations'
import { councilsMessages } from './bodies-and-members/messages'
import { councilsStaffMessages } from './bodies-and-members/messages-staff'
import { councilsRoutes } from './bodies-and-members/routes'
import { peopleRoutes } from './bodies-and-members/routes-people'
import { councilsDataset, meetingsDataset, membersDataset } from './datasets'
import { councilsDesk } from './desk'
import { meetingsMessages } from './meetings/messages'
import { meetingsRoutes } from './meetings/routes'
import { canDownloadMinutesFile, canDownloadPaperFile } from './papers-and-files/files-access'
import { MINUTES_FILE_OWNER, PAPER_FILE_OWNER } from './papers-and-files/manage-files'
import { papersAndFilesMessages } from './papers-and-files/messages'
import { filesRoutes } from './papers-and-files/routes-files'
import { papersRoutes } from './papers-and-files/routes-papers'
import { councilsPermissions } from './permissions'
import { deskRoutes } from './routes-desk'
import { seedCouncilsDemo } from './seed-demo'
import { COUNCILS_SITEMAP, councilSitemapRoutes } from './sitemap'

/** Foreign residents' advisory councils, the agah, their meetings and votes. */
export const councilsFeature = defineFeature({
  name: 'councils',
  messages: mergeCatalogues([
    councilsMessages,
    councilsStaffMessages,
    agahMessages,
    meetingsMessages,
    papersAndFilesMessages,
  ]),
  staffOnlyMessages: [
    'councils.desk',
    'councils.staff',
    'councils.settings',
    'councils.agahStaff',
    'councils.seats',
    'councils.accounts',
    'meetings.staff',
    ...Object.keys(councilsStaffMessages.de),
  ],
  permissions: councilsPermissions,
  home: [
    {
      href: '/beiraete',
      labelKey: 'home.councils.label',
      textKey: 'home.councils.text',
      easyKey: 'home.councils.easy',
      rank: 30,
      search: { param: 'q', labelKey: 'home.councils.search' },
    },
  ],
  nav: [
    { href: '/beiraete', labelKey: 'nav.councils' },
    { href: '/agah', labelKey: 'nav.agah' },
    { href: '/sitzungen', labelKey: 'nav.meetings' },
  ],
  discovery: { pages: ['/beiraete', '/agah', '/sitzungen'], sitemaps: [COUNCILS_SITEMAP] },
  // Files of public papers and published minutes are public; the rest see files-access.ts.
  files: { [PAPER_FILE_OWNER]: canDownloadPaperFile, [MINUTES_FILE_OWNER]: canDownloadMinutesFile },
  desk: councilsDesk,
  routes(app, deps) {
    deskRoutes(app, deps)
    councilsRoutes(app, deps)
    meetingsRoutes(app, deps)
    peopleRoutes(app, deps)
    agahRoutes(app, deps)
    papersRoutes(app, deps)
    filesRoutes(app, deps)
    councilSitemapRoutes(app, deps)
  },
  cli: {
    'assign-council-staff': {
      description:
        'Link a staff account to the council it manages (role council_secretary) and/or to its person record (role delegate).',
      usage: '--email E [--council COUNCIL_ID] [--person PERSON_ID]',
      async run(deps, args, io) {
        const email = args.flags.email?.at(-1)
        const councilId = args.flags.council?.at(-1)
        const personId = args.flags.person?.at(-1)
        if (!email || (!councilId && !personId) || [councilId, personId].some((x) => x && !isUuid(x))) {
          io.err(
            'Usage: assign-council-staff --email E [--council COUNCIL_ID] [--person PERSON_ID] (ids are UUIDs)',
          )
          return 2
        }
        const r = await assignCouncilStaff(deps.db, CLI_ACTOR, { email, councilId, personId })
        if (!r.ok) {
          io.err(
            `Refused: ${r.problems.map((p) => (p.field === FORM ? p.key : `${p.key} (${p.field})`)).join(', ')}`,
          )
          return 1
        }
        io.out(`Linked ${email}.`)
        return 0
      },
    },
  },
  // Councils created before they had a directory organisation get one (new ones get it at once).
  recurring: {
    'councils.organisations': {
      everyMs: 60 * 60 * 1000,
      async run(deps) {
        await linkCouncilOrganisations(deps.db, SYSTEM_ACTOR)
      },
    },
  },
  datasets: [councilsDataset, membersDataset, meetingsDataset],
  seedDemo: seedCouncilsDemo,
})
