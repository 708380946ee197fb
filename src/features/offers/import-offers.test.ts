import assert from 'node:assert/strict'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { eq, sql } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { CLI_ACTOR } from '../../platform/audit'
import { auditLog } from '../../platform/audit/tables'
import { createOrganisation, importPlacesFromFiles } from '../directory/public'
import { offersFeature } from './feature'
import { euroToCents, importOffers, OfferImportError } from './import-offers'
import { offers } from './tables'

const HEADER =
  'external_id,provider,place_key,online,title,description,lang,languages,topics,target_groups,street,postcode,city,times,starts_at,ends_at,cost_eur,wheelchair,contact_email,contact_phone,website,confirmed_on'

const GOOD = [
  'vhs-1,Volkshochschule Kassel,06611000,nein,Deutschkurs A1,"Kurs mit ""Kinderbetreuung"", vormittags",de,de,language_course,new_arrivals;refugees,Wilhelmshöher Allee 19,34117,Kassel,Mo–Fr 8:30 Uhr,2027-03-01T08:30,2027-06-30T12:30,"0",ja,kurs@vhs.example,,,2026-11-02',
  'vhs-2,Volkshochschule Kassel,,ja,Онлайн-консультація,Консультації українською,uk,uk|ru,counselling,,,,,,,,12.50,,,0561 1234,,',
]

const BAD = [
  // line 4: unknown provider, unknown topic, bad e-mail
  'x-1,Unbekannter Träger,06611000,nein,Kurs,,de,de,cooking,,,,,,,,0,,kein-mail,,,',
  // line 5: no place and not online; bad postcode; cost not a number
  'x-2,Volkshochschule Kassel,,nein,Beratung,,de,de,counselling,,,3411,,,,,zwölf,,a@b.example,,,',
  // line 6: external id twice (vhs-1 on line 2), end before start, unknown place key
  'vhs-1,Volkshochschule Kassel,06999999,nein,Doppelt,,de,de,counselling,,,,,,2027-03-02,2027-03-01,,,a@b.example,,,',
  // line 7: unknown language, impossible date, no contact at all
  'x-3,Volkshochschule Kassel,06611000,nein,Kurs,,de,de;xx,language_course,,,,,,2027-02-30,,,,,,,',
]

for (const kind of dbKinds()) {
  describe(`offers CSV import (${kind})`, () => {
    let t: TestApp
    let dir: string
    const count = async () => (await t.deps.db.select({ n: sql<number>`count(*)::int` }).from(offers))[0]!.n
    before(async () => {
      t = await createTestApp(kind)
      await importPlacesFromFiles(t.deps.db, CLI_ACTOR)
      await createOrganisation(t.deps.db, CLI_ACTOR, { kind: 'municipality', name: 'Volkshochschule Kassel' })
      dir = await mkdtemp(path.join(tmpdir(), 'offers-import-'))
    })
    after(() => t.close())

    it('a dry run lists every refused row with its line and every reason, and writes nothing', async () => {
      const report = await importOffers(t.deps.db, CLI_ACTOR, [HEADER, ...GOOD, ...BAD].join('\n'), {
        dryRun: true,
      })
      assert.equal(report.dryRun, true)
      assert.equal(report.added, 2)
      assert.equal(report.updated, 0)
      assert.deepEqual(
        report.refused.map((r) => [r.line, r.externalId]),
        [
          [4, 'x-1'],
          [5, 'x-2'],
          [6, 'vhs-1'],
          [7, 'x-3'],
        ],
      )
      const [x1, x2, dup, x3] = report.refused.map((r) => r.reasons.join(' | '))
      assert.match(x1!, /no organisation in the directory is called "Unbekannter Träger"/)
      assert.match(x1!, /unknown topic: "cooking"/)
      assert.match(x1!, /contact_email is not an e-mail address/)
      assert.match(x2!, /neither place_key nor online=ja/)
      assert.match(x2!, /postcode must have 5 digits/)
      assert.match(x2!, /cost_eur "zwölf" is not an amount/)
      assert.match(dup!, /external_id "vhs-1" is also on line 2/)
      assert.match(dup!, /place_key "06999999" is not the key of a municipality or district/)
      assert.match(dup!, /ends_at is before starts_at/)
      assert.match(x3!, /unknown language code: "xx"/)
      assert.match(x3!, /starts_at is not a date/)
      assert.match(x3!, /no way to get in touch/)
      assert.equal(await count(), 0)
    })

    it('imports the good rows, refuses the bad ones, and a re-import updates by external id', async () => {
      const first = await importOffers(t.deps.db, CLI_ACTOR, [HEADER, ...GOOD, ...BAD].join('\n'))
      assert.deepEqual([first.added, first.updated, first.refused.length], [2, 0, 4])
      assert.equal(await count(), 2)
      const [vhs1] = await t.deps.db.select().from(offers).where(eq(offers.externalId, 'vhs-1'))
      assert.equal(vhs1?.description, 'Kurs mit "Kinderbetreuung", vormittags')
      assert.deepEqual(vhs1?.targetGroups, ['new_arrivals', 'refugees'])
      assert.equal(vhs1?.costCents, 0)
      assert.equal(vhs1?.wheelchairAccessible, true)
      // Local time in Germany: 8:30 in March is 7:30 UTC.
      assert.equal(vhs1?.startsAt?.toISOString(), '2027-03-01T07:30:00.000Z')
      assert.equal(vhs1?.confirmedAt.toISOString(), '2026-11-01T23:00:00.000Z')
      const [vhs2] = await t.deps.db.select().from(offers).where(eq(offers.externalId, 'vhs-2'))
      assert.deepEqual([vhs2?.online, vhs2?.placeId, vhs2?.lang, vhs2?.costCents], [true, null, 'uk', 1250])
      assert.deepEqual(vhs2?.languages, ['uk', 'ru'])

      const changed = GOOD[0]!.replace('Deutschkurs A1', 'Deutschkurs A1 (neu)')
      const again = await importOffers(t.deps.db, CLI_ACTOR, [HEADER, changed, GOOD[1]!].join('\n'))
      assert.deepEqual([again.added, again.updated, again.refused.length], [0, 2, 0])
      assert.equal(await count(), 2)
      const [updated] = await t.deps.db.select().from(offers).where(eq(offers.externalId, 'vhs-1'))
      assert.equal(updated?.id, vhs1?.id)
      assert.equal(updated?.title, 'Deutschkurs A1 (neu)')
      const audit = await t.deps.db.select().from(auditLog).where(eq(auditLog.action, 'offers.import'))
      assert.deepEqual(
        audit.map((a) => a.summary),
        [
          { added: 2, updated: 0, refused: 4 },
          { added: 0, updated: 2, refused: 0 },
        ],
      )
    })

    it('refuses a file without the required columns or with unknown ones', async () => {
      await assert.rejects(
        importOffers(t.deps.db, CLI_ACTOR, 'external_id,title\nx,y'),
        (err: unknown) =>
          err instanceof OfferImportError && /Missing columns: provider, languages, topics/.test(err.message),
      )
      await assert.rejects(
        importOffers(t.deps.db, CLI_ACTOR, `${HEADER},farbe\n`),
        (err: unknown) => err instanceof OfferImportError && /Unknown column: farbe/.test(err.message),
      )
      await assert.rejects(
        importOffers(t.deps.db, CLI_ACTOR, `${HEADER}\n"unclosed,`),
        (err: unknown) => err instanceof OfferImportError && /not valid CSV/.test(err.message),
      )
    })

    it('reads euro amounts with comma or point', () => {
      assert.equal(euroToCents('12,50'), 1250)
      assert.equal(euroToCents('3.5 €'), 350)
      assert.equal(euroToCents('0'), 0)
      assert.equal(euroToCents(''), null)
      assert.equal(euroToCents('-1'), 'bad')
      assert.equal(euroToCents('1,234'), 'bad')
    })

    it('npm run cli -- import-offers: --dry-run prints the refused rows and exits 2; a missing file exits 1', async () => {
      const file = path.join(dir, 'angebote.csv')
      await writeFile(file, [HEADER, GOOD[0]!.replace('vhs-1', 'cli-1'), BAD[0]!].join('\n'))
      const out: string[] = []
      const err: string[] = []
      const io = { out: (l: string) => out.push(l), err: (l: string) => err.push(l) }
      const cmd = offersFeature.cli!['import-offers']!
      const before = await count()
      const code = await cmd.run(
        t.deps,
        { flags: { file: [file], 'dry-run': ['true'] }, positionals: [] },
        io,
      )
      assert.equal(code, 2)
      assert.match(out[0]!, /^line 3 \(x-1\): no organisation/)
      assert.equal(out.at(-1), 'Dry run: 1 would add, 0 would update, 1 refused (nothing written).')
      assert.equal(await count(), before)
      const real = await cmd.run(t.deps, { flags: { file: [file] }, positionals: [] }, io)
      assert.equal(real, 2)
      assert.equal(out.at(-1), '1 added, 0 updated, 1 refused.')
      assert.equal(await count(), before + 1)
      const missing = await cmd.run(
        t.deps,
        { flags: { file: [path.join(dir, 'nope.csv')] }, positionals: [] },
        io,
      )
      assert.equal(missing, 1)
      assert.match(err.at(-1)!, /Cannot read .*nope\.csv: ENOENT/)
    })
  })
}
