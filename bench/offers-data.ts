/**
 * The offers benchmark's data set: a fresh database (in-memory PGlite in a temporary directory, or a
 * new PostgreSQL database teilhabe_bench_<random> beside `pgBase`, dropped by `close`) with Hessen's
 * places, 200 provider organisations and `count` offers spread over every municipality (10 % online
 * only, 8 % not confirmed for 16 months and so hidden), each with 1–3 languages, 1–2 topics and 0–2
 * target groups. Deterministic: every run searches the same data.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { FEATURES } from '../src/app'
import { createOrganisation, importPlacesFromFiles } from '../src/features/directory/public'
import { places } from '../src/features/directory/tables'
import { offers } from '../src/features/offers/tables'
import { OFFER_LANGUAGES, TARGET_GROUPS, TOPICS } from '../src/features/offers/vocabulary'
import { CLI_ACTOR } from '../src/platform/audit'
import { loadConfig } from '../src/platform/config'
import { openDatabase } from '../src/platform/db'
import type { AppDeps } from '../src/platform/feature'
import { createDeps } from '../src/platform/runtime'

/** The searches measured: place words as people type them, with filters combined. */
export const SEARCHES: Record<string, string> = {
  'Fulda + Türkisch + Beratung': 'ort=Fulda&sprache=tr&thema=counselling',
  'Kasel (typo) + Arabisch + Sprachkurs + Frauen': 'ort=Kasel&sprache=ar&thema=language_course&fuer=women',
  'Darmstadt + Beratung + Geflüchtete + online': 'ort=Darmstadt&thema=counselling&fuer=refugees&online=on',
  'Frankfurt + Deutsch, Seite 2': 'ort=Frankfurt%20am%20Main&sprache=de&seite=2',
  'ohne Ort + Ukrainisch + Jugendarbeit': 'sprache=uk&thema=youth_work',
}

function pick<T>(list: readonly T[], n: number, rnd: () => number): T[] {
  const out = new Set<T>()
  while (out.size < n) out.add(list[Math.floor(rnd() * list.length)] as T)
  return [...out]
}

/** A small deterministic generator (mulberry32), so every run searches the same data. */
function random(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

async function admin(url: string, query: string) {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(query)
  } finally {
    await c.end()
  }
}

export interface BenchData {
  readonly deps: AppDeps
  readonly close: () => Promise<void>
}

export async function offersBenchData(count: number, pgBase: string | undefined): Promise<BenchData> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'teilhabe-bench-'))
  const dbName = pgBase ? `teilhabe_bench_${randomBytes(4).toString('hex')}` : null
  if (pgBase && dbName) await admin(pgBase, `create database ${dbName}`)
  const config = loadConfig({
    NODE_ENV: 'production',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JOBS_ENABLED: 'false',
    PUBLIC_URL: 'https://teilhabe.example',
    RATE_LIMIT_PER_MINUTE: '100000',
    ...(pgBase && dbName ? { DATABASE_URL: withDatabase(pgBase, dbName) } : {}),
  })
  const database = await openDatabase({ url: config.databaseUrl })
  await database.migrate()
  const deps = await createDeps(config, database, FEATURES, { info() {}, error() {} })
  const db = deps.db
  await importPlacesFromFiles(db, CLI_ACTOR)
  const rnd = random(16)
  const orgs: string[] = []
  for (let i = 0; i < 200; i++)
    orgs.push(await createOrganisation(db, CLI_ACTOR, { kind: 'association', name: `Träger ${i + 1} e. V.` }))
  const municipalities = (await db.select().from(places)).filter(
    (p) => p.kind === 'municipality' && !p.validUntil,
  )
  const now = Date.now()
  const rows = Array.from({ length: count }, (_, i) => {
    const online = rnd() < 0.1
    const place = online ? null : (municipalities[Math.floor(rnd() * municipalities.length)] ?? null)
    const stale = rnd() < 0.08
    return {
      organisationId: orgs[i % orgs.length] as string,
      placeId: place?.id ?? null,
      online,
      title: `Angebot ${i + 1}: ${pick(TOPICS, 1, rnd)[0]}`,
      description: 'Ein Angebot für die Messung der Suche.',
      lang: 'de',
      languages: ['de', ...pick(OFFER_LANGUAGES, 1 + Math.floor(rnd() * 2), rnd)].filter(
        (l, j, all) => all.indexOf(l) === j,
      ),
      topics: pick(TOPICS, 1 + Math.floor(rnd() * 2), rnd),
      targetGroups: pick(TARGET_GROUPS, Math.floor(rnd() * 3), rnd),
      city: place?.name ?? null,
      confirmedAt: new Date(now - (stale ? 16 * 31 : Math.floor(rnd() * 300)) * 86_400_000),
    }
  })
  for (let i = 0; i < rows.length; i += 500) await db.insert(offers).values(rows.slice(i, i + 500))
  if (pgBase) await database.db.execute('analyze')
  return {
    deps,
    async close() {
      await database.close()
      if (pgBase && dbName) await admin(pgBase, `drop database if exists ${dbName} with (force)`)
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
