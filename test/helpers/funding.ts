import { eq } from 'drizzle-orm'
import { createApplication } from '../../src/features/funding/applicant/create-application'
import {
  saveAttachment,
  saveCosts,
  saveDeclarations,
  saveFinancing,
  saveProject,
} from '../../src/features/funding/applicant/save-application'
import { submitApplication } from '../../src/features/funding/applicant/submit-application'
import { seedWirProgramme } from '../../src/features/funding/programme/seed-programme'
import {
  confirmEmail,
  type Registration,
  registerApplicant,
} from '../../src/features/funding/public/register-applicant'
import { fundingLines } from '../../src/features/funding/tables'
import { type Actor, CLI_ACTOR } from '../../src/platform/audit'
import type { AppDeps } from '../../src/platform/feature'
import { mailOutbox } from '../../src/platform/mail/tables'

/** Test and benchmark helpers: a seeded programme and a migrant organisation with a submitted application. */
export const MSO_REGISTRATION: Registration = {
  organisationName: 'Brücke der Kulturen e. V.',
  kind: 'migrant_organisation',
  legalForm: 'eingetragener Verein',
  registerCourt: 'Amtsgericht Frankfurt am Main',
  registerNumber: 'VR 12345',
  nonProfit: true,
  street: 'Hauptstraße 1',
  postcode: '60311',
  city: 'Frankfurt am Main',
  representativeGivenName: 'Ayşe',
  representativeFamilyName: 'Yılmaz',
  iban: 'DE89 3704 0044 0532 0130 00',
  accountHolder: 'Brücke der Kulturen e. V.',
  displayName: 'Ayşe Yılmaz',
  email: 'ayse@bruecke.example',
  password: 'ein sehr langes Passwort',
}

export function must<T>(r: { ok: true; value: T } | { ok: false; problems: unknown }): T {
  if (!r.ok) throw new Error(`refused: ${JSON.stringify(r.problems)}`)
  return r.value
}

/** The next calendar year: applications for it are in time until 31 December. */
export const NEXT_YEAR =
  Number(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin', year: 'numeric' }).format(new Date()),
  ) + 1

export async function seedProgramme(deps: AppDeps): Promise<void> {
  await seedWirProgramme(deps.db, CLI_ACTOR, [NEXT_YEAR - 1, NEXT_YEAR, NEXT_YEAR + 1])
}

export async function lineId(deps: AppDeps, key: string): Promise<string> {
  const [row] = await deps.db
    .select({ id: fundingLines.id })
    .from(fundingLines)
    .where(eq(fundingLines.key, key))
  return row!.id
}

/** Registers an MSO, confirms its user and returns the organisation and user ids. */
export async function registerMso(deps: AppDeps, overrides: Partial<Registration> = {}) {
  const input = { ...MSO_REGISTRATION, ...overrides }
  const orgId = must(await registerApplicant(deps, CLI_ACTOR, input))
  if (!orgId) throw new Error(`${input.email} already has an account`)
  const [mail] = await deps.db.select().from(mailOutbox).where(eq(mailOutbox.to, input.email))
  const token = /token=([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!
  const userId = must(await confirmEmail(deps, CLI_ACTOR, token))
  return { orgId, userId, actor: { id: userId, label: input.email } satisfies Actor }
}

/** A complete MSO application for next year (3,000 € micro-project, 7,200 € minijob, 200 € own funds), submitted. */
export async function submittedMsoApplication(deps: AppDeps, orgId: string, actor: Actor) {
  const id = must(
    await createApplication(deps.db, actor, { organisationId: orgId, lineId: await lineId(deps, 'MSO') }),
  )
  must(
    await saveProject(deps.db, actor, id, {
      title: 'Sprachcafé für Neuzugewanderte',
      aims: 'Begegnung und Spracherwerb im Stadtteil',
      targetGroups: 'Neuzugewanderte Familien',
      municipalities: 'Frankfurt am Main',
      periodStart: `${NEXT_YEAR}-01-01`,
      periodEnd: `${NEXT_YEAR}-12-31`,
    }),
  )
  must(
    await saveCosts(deps.db, actor, id, [
      { year: NEXT_YEAR, category: 'micro_project', cents: 300_000 },
      { year: NEXT_YEAR, category: 'minijob', cents: 720_000 },
    ]),
  )
  must(
    await saveFinancing(deps.db, actor, id, [
      { year: NEXT_YEAR, ownCents: 20_000, thirdPartyCents: 0, requestedCents: 1_000_000 },
    ]),
  )
  must(await saveDeclarations(deps.db, actor, id, { notStarted: true, truth: true }))
  for (const kind of ['concept', 'coordination']) {
    must(
      await saveAttachment(deps.db, deps.files, actor, id, {
        kind,
        fileName: `${kind}.pdf`,
        bytes: TINY_PDF,
        truncated: false,
      }),
    )
  }
  return id
}

export { submitApplication }

/** The smallest file the type detection recognises as PDF. */
export const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
