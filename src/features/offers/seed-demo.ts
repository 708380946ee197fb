import { eq } from 'drizzle-orm'
import { type Actor, CLI_ACTOR, writeAudit } from '../../platform/audit'
import { generatePassword } from '../../platform/auth/passwords'
import { createUser } from '../../platform/auth/users'
import { type Db, inTransaction } from '../../platform/db'
import type { AppDeps } from '../../platform/feature'
import {
  createOrganisation,
  importPlacesFromFiles,
  isoDay,
  placeByKey,
  placesValidOn,
} from '../directory/public'
import { linkOrganisationAccount } from '../funding/public'
import { importForeignResidents } from './coverage/foreign-residents'
import { syncCouncilOffers } from './linked-offers'
import type { OfferInput } from './offer-input'
import { offerValues } from './save-offer'
import { offers } from './tables'
import type { Topic } from './vocabulary'

/**
 * Demo offers: about twelve per district across all of Hessen, written by believable (invented)
 * providers in the language they would use, some dated, some online, and some not confirmed for
 * 13 or 16 months (reminded, hidden). Every one is marked `demo`.
 */

/** A small deterministic generator (mulberry32), so the demo data is the same on every start. */
function random(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Template {
  readonly provider: (town: string) => string
  readonly kind: 'association' | 'migrant_organisation' | 'counselling_centre' | 'municipality'
  readonly lang: string
  readonly title: (town: string) => string
  readonly description: string
  readonly languages: readonly string[]
  readonly topics: readonly Topic[]
  readonly targetGroups: readonly string[]
  readonly times: string
  readonly costCents: number | null
  readonly dated?: boolean
  readonly online?: boolean
}

const TEMPLATES: readonly Template[] = [
  {
    provider: (t) => `Volkshochschule ${t}`,
    kind: 'municipality',
    lang: 'de',
    title: (t) => `Integrationskurs Deutsch A1–B1 in ${t}`,
    description:
      'Deutschkurs mit Orientierungskurs nach der Integrationskursverordnung. Kinderbetreuung nach Absprache. Einstufungstest vor Kursbeginn.',
    languages: ['de'],
    topics: ['language_course'],
    targetGroups: ['new_arrivals', 'refugees'],
    times: 'Montag bis Freitag, 8:30–12:30 Uhr',
    costCents: 0,
    dated: true,
  },
  {
    provider: (t) => `Interkultureller Verein ${t} e. V.`,
    kind: 'migrant_organisation',
    lang: 'ar',
    title: (t) => `مقهى اللغة في ${t}`,
    description:
      'نلتقي كل أسبوع لنتحدث الألمانية معًا في جو مريح. الجميع مرحب بهم، لا حاجة للتسجيل. يوجد شاي وقهوة.',
    languages: ['ar', 'de'],
    topics: ['language_course', 'leisure_culture'],
    targetGroups: ['everyone'],
    times: 'كل يوم أربعاء، 17:00–19:00',
    costCents: 0,
  },
  {
    provider: (t) => `Migrationsberatung ${t}`,
    kind: 'counselling_centre',
    lang: 'de',
    title: (t) => `Migrationsberatung für Erwachsene in ${t}`,
    description:
      'Beratung zu Aufenthalt, Sprachkursen, Arbeit, Wohnen und Behördenbriefen. Vertraulich und kostenlos. Bitte vereinbaren Sie einen Termin.',
    languages: ['de', 'en', 'ar', 'fa'],
    topics: ['counselling', 'job_recognition'],
    targetGroups: ['new_arrivals', 'refugees'],
    times: 'Dienstag und Donnerstag, 9–12 Uhr und nach Vereinbarung',
    costCents: 0,
  },
  {
    provider: (t) => `Türkischer Elternverein ${t} e. V.`,
    kind: 'migrant_organisation',
    lang: 'tr',
    title: (t) => `${t}: Veliler için okul danışmanlığı`,
    description:
      'Alman okul sistemi hakkında Türkçe bilgi ve danışmanlık. Veli toplantılarına birlikte hazırlanıyoruz. Randevu ile.',
    languages: ['tr', 'de'],
    topics: ['family', 'counselling'],
    targetGroups: ['families'],
    times: 'Her ayın ilk cumartesi günü, 11:00–14:00',
    costCents: 0,
  },
  {
    provider: (t) => `Ukrainische Gemeinde ${t}`,
    kind: 'migrant_organisation',
    lang: 'uk',
    title: (t) => `Зустрічі для родин з України (${t})`,
    description:
      'Підтримка у спілкуванні з установами, обмін досвідом, заняття для дітей. Ми допомагаємо з перекладом листів.',
    languages: ['uk', 'ru', 'de'],
    topics: ['integration_guides', 'family'],
    targetGroups: ['refugees', 'families'],
    times: 'Субота, 10:00–13:00',
    costCents: 0,
  },
  {
    provider: (t) => `Frauentreff International ${t}`,
    kind: 'association',
    lang: 'de',
    title: (t) => `Internationales Frauenfrühstück ${t}`,
    description:
      'Frauen aus vielen Ländern treffen sich zum Frühstück, zum Austausch und zu Themen wie Gesundheit, Schule und Arbeit. Kinder können mitkommen.',
    languages: ['de', 'ar', 'tr', 'fa'],
    topics: ['womens_group', 'health'],
    targetGroups: ['women'],
    times: 'jeden zweiten Freitag, 9:30–11:30 Uhr',
    costCents: 200,
  },
  {
    provider: (t) => `Jugendmigrationsdienst ${t}`,
    kind: 'counselling_centre',
    lang: 'de',
    title: (t) => `Jugendmigrationsdienst ${t}: Beratung für junge Menschen`,
    description:
      'Für junge Menschen von 12 bis 27 Jahren: Schule, Ausbildung, Sprachkurs, Anerkennung und alles, was beim Ankommen hilft.',
    languages: ['de', 'en', 'ar'],
    topics: ['youth_work', 'counselling', 'job_recognition'],
    targetGroups: ['youth'],
    times: 'Montag bis Donnerstag, 10–16 Uhr',
    costCents: 0,
  },
  {
    provider: (t) => `Integrationslotsen ${t}`,
    kind: 'association',
    lang: 'de',
    title: (t) => `Integrationslotsinnen und -lotsen begleiten in ${t}`,
    description:
      'Ehrenamtliche begleiten zu Ämtern, Ärztinnen und Ärzten und zur Schule und helfen beim Ausfüllen von Formularen.',
    languages: ['de', 'ar', 'ti', 'so', 'ps'],
    topics: ['integration_guides', 'interpreting'],
    targetGroups: ['refugees', 'new_arrivals'],
    times: 'nach Vereinbarung',
    costCents: 0,
  },
  {
    provider: (t) => `Antidiskriminierungsberatung ${t}`,
    kind: 'counselling_centre',
    lang: 'de',
    title: (t) => `Antidiskriminierungsberatung ${t}`,
    description:
      'Sie wurden bei der Wohnungssuche, bei der Arbeit, in der Schule oder bei einer Behörde benachteiligt? Wir beraten vertraulich und begleiten Sie.',
    languages: ['de', 'en', 'tr', 'ar'],
    topics: ['anti_discrimination', 'counselling'],
    targetGroups: ['everyone'],
    times: 'Mittwoch 14–18 Uhr, Beratung auch per Video',
    costCents: 0,
    online: true,
  },
  {
    provider: (t) => `Afghanischer Kulturverein ${t}`,
    kind: 'migrant_organisation',
    lang: 'fa',
    title: (t) => `کلاس زبان آلمانی برای زنان در ${t}`,
    description: 'کلاس زبان آلمانی مخصوص زنان با نگهداری از کودکان. سطح مبتدی. لطفاً ثبت‌نام کنید.',
    languages: ['fa', 'ps', 'de'],
    topics: ['language_course', 'womens_group'],
    targetGroups: ['women'],
    times: 'دوشنبه و چهارشنبه، ۹ تا ۱۱',
    costCents: 0,
    dated: true,
  },
  {
    provider: (t) => `Welcome Center ${t}`,
    kind: 'municipality',
    lang: 'en',
    title: (t) => `Recognition of foreign qualifications – advice in ${t}`,
    description:
      'We explain how to get your professional qualification recognised in Germany and help you with the application. Appointments on site or online.',
    languages: ['en', 'de', 'es', 'ru'],
    topics: ['job_recognition'],
    targetGroups: ['skilled_workers'],
    times: 'Tuesday 9:00–15:00',
    costCents: 0,
    online: true,
  },
  {
    provider: (t) => `Russischsprachiger Seniorenclub ${t}`,
    kind: 'association',
    lang: 'ru',
    title: (t) => `Клуб для пожилых людей в ${t}`,
    description: 'Встречи, прогулки и беседы о здоровье. Помощь с письмами из пенсионной кассы.',
    languages: ['ru', 'uk', 'de'],
    topics: ['leisure_culture', 'health'],
    targetGroups: ['seniors'],
    times: 'Четверг, 15:00–17:00',
    costCents: 150,
  },
]

const STREETS = ['Bahnhofstraße', 'Marktplatz', 'Schulstraße', 'Hauptstraße', 'Kirchgasse', 'Lindenweg']

/** The demo data's offers (without writing anything): for tests and the seed. */
export async function demoOfferInputs(db: Db, now: Date = new Date()) {
  const municipalities = await placesValidOn(db, undefined, 'municipality')
  const districts = await placesValidOn(db, undefined, 'district')
  const rand = random(16)
  const out: {
    input: Omit<OfferInput, 'organisationId'>
    provider: string
    kind: Template['kind']
    placeId: string
  }[] = []
  let n = 0
  for (const district of districts) {
    const towns = municipalities.filter(
      (m) => m.parentId === district.id || m.officialKey.startsWith(`${district.officialKey}000`),
    )
    if (towns.length === 0) continue
    const count = district.designation === 'Kreisfreie Stadt' ? 8 : 12
    for (let i = 0; i < count; i++) {
      const template = TEMPLATES[Math.floor(rand() * TEMPLATES.length)]!
      // Bigger towns get more offers: pick the larger of two random towns.
      const a = towns[Math.floor(rand() * towns.length)]!
      const b = towns[Math.floor(rand() * towns.length)]!
      const town = (a.population ?? 0) >= (b.population ?? 0) ? a : b
      n++
      const ageDays = n % 13 === 0 ? 490 : n % 11 === 0 ? 400 : Math.floor(rand() * 300)
      const confirmedAt = new Date(now.getTime() - ageDays * 86_400_000)
      const start = new Date(now.getTime() + (7 + Math.floor(rand() * 60)) * 86_400_000)
      start.setUTCHours(7, 30, 0, 0)
      const end = new Date(start.getTime() + 4 * 60 * 60 * 1000)
      out.push({
        provider: template.provider(town.name),
        kind: template.kind,
        placeId: town.id,
        input: {
          externalId: `demo-${String(n).padStart(4, '0')}`,
          placeId: town.id,
          online: Boolean(template.online),
          title: template.title(town.name),
          description: template.description,
          lang: template.lang,
          languages: template.languages,
          topics: template.topics,
          targetGroups: template.targetGroups,
          street: `${STREETS[n % STREETS.length]} ${1 + (n % 40)}`,
          postcode: null,
          city: town.name,
          times: template.times,
          startsAt: template.dated ? start : null,
          endsAt: template.dated ? end : null,
          costCents: template.costCents,
          contactEmail: `kontakt${n}@angebote.example`,
          contactPhone: `0${600 + (n % 300)} ${100000 + n * 37}`,
          confirmedAt,
          demo: true,
        },
      })
    }
  }
  return out
}

/** Writes the demo offers and their providers (directory organisations) in one transaction. */
async function seedOffers(
  db: Db,
  actor: Actor,
): Promise<{ offers: number; organisations: number; sampleOrg: string }> {
  const planned = await demoOfferInputs(db)
  return inTransaction(db, async (tx) => {
    const orgs = new Map<string, string>()
    for (const p of planned) {
      const key = `${p.provider}|${p.placeId}`
      if (!orgs.has(key))
        orgs.set(
          key,
          await createOrganisation(
            tx,
            actor,
            { kind: p.kind, name: p.provider, placeId: p.placeId, nonProfit: true },
            { via: 'offers.demo' },
          ),
        )
    }
    const rows = planned.map((p) => ({
      ...offerValues({ ...p.input, organisationId: orgs.get(`${p.provider}|${p.placeId}`)! }),
      confirmedAt: p.input.confirmedAt ?? new Date(),
    }))
    for (let i = 0; i < rows.length; i += 100) await tx.insert(offers).values(rows.slice(i, i + 100))
    await writeAudit(tx, actor, {
      action: 'offers.demo.seed',
      entityType: 'offer',
      entityId: 'demo',
      summary: { offers: rows.length, organisations: orgs.size },
    })
    return { offers: rows.length, organisations: orgs.size, sampleOrg: [...orgs.values()][0]! }
  })
}

export const DEMO_PROVIDER = { email: 'anbieter@teilhabe.example', name: 'Demo-Anbieter Angebote' }
export const DEMO_OFFERS_EDITOR = { email: 'angebote@teilhabe.example', name: 'Demo-Redaktion Angebote' }

export async function seedOffersDemo(deps: AppDeps, log: (line: string) => void): Promise<void> {
  const db = deps.db
  if (!(await placeByKey(db, '06611000'))) await importPlacesFromFiles(db, CLI_ACTOR)
  const [existing] = await db.select({ id: offers.id }).from(offers).where(eq(offers.demo, true)).limit(1)
  if (existing) return
  const r = await seedOffers(db, CLI_ACTOR)
  log(`Angebotsfinder: ${r.offers} Demo-Angebote von ${r.organisations} Trägern angelegt.`)
  await seedForeignResidentsDemo(db)
  // The demo councils as offers at once (the hourly job keeps them current).
  const councils = await syncCouncilOffers(db, CLI_ACTOR, { publicUrl: deps.config.publicUrl, demo: true })
  log(`Angebotsfinder: ${councils.created} Beiräte als Angebote.`)
  for (const [demo, role, label] of [
    [DEMO_PROVIDER, 'applicant', 'offers provider'],
    [DEMO_OFFERS_EDITOR, 'offers_editor', 'offers editor'],
  ] as const) {
    const password = generatePassword()
    const result = await createUser(
      db,
      CLI_ACTOR,
      { email: demo.email, displayName: demo.name, password, roles: [role] },
      deps.permissions.roles,
    )
    if (!result.ok) continue
    if (role === 'applicant') await linkOrganisationAccount(db, CLI_ACTOR, result.id, r.sampleOrg)
    log(
      `Demo ${role}: ${demo.email}  password: ${password}  (shown once; sign in at ${deps.config.publicUrl}/anmelden)`,
    )
  }
}

/**
 * Demo estimates of foreign residents per district, marked demo (the coverage page and the CSV say
 * "Demo-Schätzung"): the four cities the reference note names with their 2021 counts (Hessisches
 * Statistisches Landesamt, AZR), every other district at 15 % of its Zensus 2022 population.
 * Real figures come only from the staff import of the statistical office's table.
 */
const DEMO_FOREIGN: Readonly<Record<string, number>> = {
  '06412': 235_000,
  '06414': 68_000,
  '06413': 58_000,
  '06411': 35_000,
}

async function seedForeignResidentsDemo(db: Db): Promise<void> {
  const districts = (await placesValidOn(db, isoDay(new Date()))).filter((p) => p.kind === 'district')
  const lines = ['district_key,count,reference_date,source']
  for (const d of districts) {
    const known = DEMO_FOREIGN[d.officialKey]
    const count = known ?? (d.population ? Math.round((d.population * 0.15) / 100) * 100 : null)
    if (count === null) continue
    const source = known
      ? 'Demo: Zahl aus einer Pressemitteilung des Hessischen Statistischen Landesamts (AZR)'
      : 'Demo: 15 % der Einwohnerzahl (Zensus 2022)'
    lines.push(`${d.officialKey},${count},${known ? '2021-12-31' : '2022-05-15'},"${source}"`)
  }
  await importForeignResidents(db, CLI_ACTOR, lines.join('\n'), { demo: true })
}
