import path from 'node:path'
import { CLI_ACTOR } from '../../platform/audit'
import { generatePassword } from '../../platform/auth/passwords'
import { createUser } from '../../platform/auth/users'
import { type DeskItem, defineFeature } from '../../platform/feature'
import { whoOf } from '../../platform/policy'
import { PUBLISH_JOB, runScheduledPublication } from './change-release-status'
import { importPressReleaseCommand } from './cli'
import { ATTACHMENT_OWNER } from './manage-attachments'
import { createTopic } from './manage-topics'
import { pressMessages } from './messages'
import { pressPermissions } from './permissions'
import { seesUnpublished } from './policies'
import { attachedToPublished, countByStatus } from './queries'
import { pressRoutes } from './routes'

/** The demo's only release: invented and marked as such (see demo/README.md). */
export const DEMO_RELEASE_FILE = path.join(import.meta.dirname, 'demo', 'demo-release-plenary.txt')

const DEMO_TOPICS = [
  { name: 'Integration', slug: 'integration' },
  { name: 'Ausländerbeiräte', slug: 'auslaenderbeiraete' },
  { name: 'Antidiskriminierung', slug: 'antidiskriminierung' },
]

/** The newsroom: public press releases with search and feeds, and the press office's editor. */
export const pressFeature = defineFeature({
  name: 'press',
  staffOnlyMessages: [
    'nav.pressDesk',
    'press.desk',
    'press.preview',
    'press.status',
    'press.form',
    'press.edit',
    'press.publication',
    'press.action',
    'press.confirmPublish',
    'press.attachments',
    'press.revisions',
    'press.contacts',
    'press.flash',
    'press.error',
  ],
  messages: pressMessages,
  permissions: pressPermissions,
  home: [
    {
      href: '/presse',
      labelKey: 'home.press.label',
      textKey: 'home.press.text',
      easyKey: 'home.press.easy',
      rank: 50,
    },
  ],
  nav: [
    { href: '/presse', labelKey: 'nav.press' },
    { href: '/presse/redaktion', labelKey: 'nav.pressDesk', permission: 'press.edit' },
  ],
  jobs: { [PUBLISH_JOB]: runScheduledPublication },
  // Attachments of published releases are public; drafts' attachments only for the press office.
  files: {
    [ATTACHMENT_OWNER]: async (who, file, db) =>
      seesUnpublished(whoOf(who)) || (await attachedToPublished(db, file.id)),
  },
  routes: pressRoutes,
  desk: {
    links: [
      {
        href: '/presse/redaktion',
        labelKey: 'nav.pressDesk',
        textKey: 'press.desk.linkText',
        permission: 'press.edit',
      },
    ],
    async waiting(deps, viewer): Promise<DeskItem[]> {
      if (!viewer.can('press.edit')) return []
      const counts = await countByStatus(deps.db)
      return [
        { labelKey: 'press.desk.drafts' as const, count: counts.draft ?? 0, href: '/presse/redaktion' },
        ...(viewer.can('press.publish')
          ? [
              {
                labelKey: 'press.desk.scheduled' as const,
                count: counts.scheduled ?? 0,
                href: '/presse/redaktion',
              },
            ]
          : []),
      ]
    },
  },
  discovery: { sitemaps: ['/presse/sitemap.xml'], noIndex: ['/presse/redaktion', '/presse/suche'] },
  cli: { 'import-press-release': importPressReleaseCommand },
  async seedDemo(deps, print) {
    for (const topic of DEMO_TOPICS) await createTopic(deps.db, CLI_ACTOR, topic)
    await importPressReleaseCommand.run(
      deps,
      {
        flags: { publish: ['true'], topic: ['integration', 'auslaenderbeiraete'], date: ['2026-10-17'] },
        positionals: [DEMO_RELEASE_FILE],
      },
      { out: () => {}, err: () => {} },
    )
    const password = generatePassword()
    const email = 'presse@teilhabe.example'
    const result = await createUser(
      deps.db,
      CLI_ACTOR,
      { email, displayName: 'Demo-Pressestelle', password, roles: ['press'] },
      deps.permissions.roles,
    )
    if (result.ok) {
      print(
        `Demo press officer: ${email}  password: ${password}  (shown once; sign in at ${deps.config.publicUrl}/anmelden)`,
      )
    }
  },
})
