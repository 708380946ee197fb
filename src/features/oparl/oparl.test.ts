import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { CLI_ACTOR } from '../../platform/audit'
import { councilsFeature } from '../councils/feature'
import {
  addAgendaItem,
  addMotionToAgenda,
  approveMinutes,
  createMeeting,
  createPaper,
  eligibleMembers,
  publishMinutes,
  recordVote,
  saveMinutes,
  setAttendance,
} from '../councils/manage-meetings'
import { councilMemberships, councils, meetings } from '../councils/tables'

const SCHEMA_DIR = path.resolve(import.meta.dirname, '../../../test/fixtures/oparl-schema')
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

/** The official draft-07 schemas, each registered under the name its $refs use. */
function oparlValidators(): Record<string, ValidateFunction> {
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addFormat('url', (s: string) => /^https?:\/\/\S+$/.test(s))
  const types = readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.replace(/\.json$/, ''))
  for (const type of types) {
    const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, `${type}.json`), 'utf8'))
    ajv.addSchema({ ...schema, $id: `https://schema.oparl.org/1.1/${type}.json` })
    if (type === 'Organization')
      ajv.addSchema({ ...schema, $id: 'https://schema.oparl.org/1.1/Organization' })
  }
  return Object.fromEntries(
    types.map((type) => [
      `https://schema.oparl.org/1.1/${type}`,
      ajv.getSchema(`https://schema.oparl.org/1.1/${type}.json`)!,
    ]),
  )
}

const DAY = 24 * 60 * 60 * 1000

for (const kind of dbKinds()) {
  describe(`OParl API (${kind})`, () => {
    let t: TestApp
    let base: string
    const validators = oparlValidators()
    let meetingId: string
    let deletedMembership: string

    const get = async (url: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: url.startsWith('http') ? url.slice(base.length) || '/' : url,
      })
      return res
    }

    before(async () => {
      t = await createTestApp(kind)
      base = t.config.publicUrl
      const db = t.deps.db
      await councilsFeature.seedDemo!(t.deps, () => {})
      const [plenary] = await db.select().from(councils).where(eq(councils.kind, 'agah'))
      const m = await createMeeting(db, CLI_ACTOR, {
        councilId: plenary!.id,
        title: 'OParl-Testsitzung',
        startsAt: new Date(Date.now() + 3 * DAY),
        locationName: 'Bürgerhaus',
        locationAddress: 'Marktplatz 1, 64747 Breuberg',
      })
      const later = await createMeeting(db, CLI_ACTOR, {
        councilId: plenary!.id,
        title: 'Folgesitzung',
        startsAt: new Date(Date.now() + 40 * DAY),
      })
      assert.ok(m.ok && later.ok)
      meetingId = m.id
      const item = await addMotionToAgenda(db, CLI_ACTOR, {
        meetingId: m.id,
        title: 'Antrag OParl',
        public: true,
        majorityRule: 'simple',
      })
      const secretPaper = await createPaper(db, CLI_ACTOR, {
        councilId: plenary!.id,
        kind: 'report',
        title: 'Vertrauliche Personalsache',
        date: '2026-11-01',
      })
      assert.ok(item.ok && secretPaper.ok)
      await addAgendaItem(db, CLI_ACTOR, {
        meetingId: m.id,
        title: 'Vertrauliche Personalsache',
        public: false,
        paperId: secretPaper.id,
      })
      const [row] = await db.select().from(meetings).where(eq(meetings.id, m.id))
      const members = await eligibleMembers(db, row!)
      assert.ok(
        (
          await setAttendance(
            db,
            CLI_ACTOR,
            m.id,
            members.slice(0, 10).map((x) => x.personId),
          )
        ).ok,
      )
      assert.ok((await recordVote(db, CLI_ACTOR, { agendaItemId: item.id, yes: 8, no: 1, abstain: 1 })).ok)
      assert.ok(
        (await saveMinutes(db, CLI_ACTOR, m.id, { [item.id]: 'Angenommen nach kurzer Aussprache.' })).ok,
      )
      assert.ok((await approveMinutes(db, CLI_ACTOR, m.id, later.id)).ok)
      assert.ok((await publishMinutes(db, CLI_ACTOR, m.id)).ok)
      const [ms] = await db.select().from(councilMemberships).limit(1)
      deletedMembership = ms!.id
      await db
        .update(councilMemberships)
        .set({ deletedAt: new Date() })
        .where(eq(councilMemberships.id, ms!.id))
    })
    after(() => t.close())

    it('crawls the whole API from the System object: no broken link, every object valid', async () => {
      const seen = new Set<string>()
      const queue = [`${base}/oparl/v1`]
      const texts: string[] = []
      let objects = 0
      const validate = (obj: Record<string, unknown>, where: string) => {
        const v = validators[String(obj.type)]
        assert.ok(v, `known type ${obj.type} at ${where}`)
        assert.ok(v(obj), `${where} ${obj.type}: ${JSON.stringify(v.errors)}`)
        assert.equal(typeof obj.created, 'string', `created on ${obj.id}`)
        assert.equal(typeof obj.modified, 'string', `modified on ${obj.id}`)
        objects++
      }
      const collect = (value: unknown) => {
        if (typeof value === 'string') {
          if (value.startsWith(base) && !seen.has(value)) {
            seen.add(value)
            queue.push(value)
          }
        } else if (Array.isArray(value)) value.forEach(collect)
        else if (value && typeof value === 'object') Object.values(value).forEach(collect)
      }
      seen.add(queue[0]!)
      while (queue.length) {
        const url = queue.shift()!
        if (typeof url !== 'string') throw new Error(`bad url ${JSON.stringify(url)} base ${base}`)
        const res = await get(url)
        assert.equal(res.statusCode, 200, `GET ${url}`)
        if (!url.startsWith(`${base}/oparl/`)) continue
        assert.equal(res.headers['access-control-allow-origin'], '*')
        assert.match(String(res.headers['content-type']), /application\/json/)
        texts.push(res.body)
        const json = JSON.parse(res.body) as Record<string, unknown>
        if (Array.isArray(json.data)) {
          assert.ok(json.pagination && json.links, `list shape at ${url}`)
          for (const o of json.data as Record<string, unknown>[]) validate(o, url)
        } else {
          validate(json, url)
          // An object's URL serves exactly that object.
          assert.equal(json.id, url, 'id is the URL it is served at')
        }
        collect(json)
      }
      assert.ok(objects > 100, `crawled ${objects} objects`)
      const all = texts.join('\n')
      for (const type of [
        'System',
        'Body',
        'Organization',
        'Person',
        'Membership',
        'Meeting',
        'AgendaItem',
        'Paper',
        'Consultation',
        'File',
        'Location',
        'LegislativeTerm',
      ])
        assert.ok(all.includes(`"https://schema.oparl.org/1.1/${type}"`), `serves ${type}`)
      assert.doesNotMatch(all, /Vertrauliche Personalsache/, 'non-public items never appear')
      assert.match(all, /"teilhabe:vote":\{"yes":8,"no":1,"abstain":1/)
      assert.match(all, /Angenommen nach kurzer Aussprache/)
    })

    it('filters by creation and modification, lists deleted objects only with modified_since', async () => {
      const list = `/oparl/v1/body/hessen/membership`
      const plain = JSON.parse((await get(list)).body)
      assert.ok(!plain.data.some((o: { deleted?: boolean }) => o.deleted))
      const since = encodeURIComponent(new Date(Date.now() - 60 * 60 * 1000).toISOString())
      const changed = JSON.parse((await get(`${list}?modified_since=${since}&limit=1000`)).body)
      const gone = changed.data.find((o: { id: string }) => o.id.endsWith(deletedMembership))
      assert.equal(gone?.deleted, true)
      assert.ok(validators['https://schema.oparl.org/1.1/Membership']!(gone))
      const none = JSON.parse((await get(`${list}?created_until=2000-01-01T00:00:00%2B01:00`)).body)
      assert.equal(none.pagination.totalElements, 0)
      const paged = JSON.parse((await get(`${list}?limit=5&page=2&created_since=2000-01-01T00:00:00Z`)).body)
      assert.equal(paged.data.length, 5)
      assert.equal(paged.pagination.currentPage, 2)
      assert.match(paged.links.next, /created_since=2000-01-01T00%3A00%3A00Z/)
      assert.match(paged.links.next, /page=3/)
      assert.match(paged.links.prev, /limit=5/)
    })

    it('answers bad filters, unknown ids and unknown paths with the OParl error object', async () => {
      for (const url of [
        '/oparl/v1/body/hessen/paper?created_since=gestern',
        '/oparl/v1/body/hessen/paper?modified_since=2026-01-01',
        '/oparl/v1/body/hessen/paper?page=0',
        '/oparl/v1/body/hessen/paper?limit=abc',
      ]) {
        const res = await get(url)
        assert.equal(res.statusCode, 400, url)
        const err = JSON.parse(res.body)
        assert.equal(err.type, 'https://schema.oparl.org/1.1/Error')
        assert.ok(err.message && err.debug)
        assert.equal(res.headers['access-control-allow-origin'], '*')
      }
      for (const url of [
        '/oparl/v1/meeting/00000000-0000-0000-0000-000000000000',
        '/oparl/v1/meeting/kaputt',
        '/oparl/v1/unbekannt',
        '/oparl/v1/organization/kaputt/meeting',
      ]) {
        const res = await get(url)
        assert.equal(res.statusCode, 404, url)
        assert.equal(JSON.parse(res.body).type, 'https://schema.oparl.org/1.1/Error')
      }
      const meeting = JSON.parse((await get(`/oparl/v1/meeting/${meetingId}`)).body)
      assert.equal(meeting.agendaItem.length, 1, 'only the public item')
      assert.equal(meeting.location.description, 'Bürgerhaus, Marktplatz 1, 64747 Breuberg')
    })
  })
}
