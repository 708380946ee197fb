import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { CLI_ACTOR } from '../../platform/audit'
import { type Outcome, problemKey } from '../../platform/outcome'
import { addMembership, addTerm, createCouncil } from '../councils/bodies-and-members/manage-councils'
import { councilsFeature } from '../councils/feature'
import {
  addAgendaItem,
  approveMinutes,
  createMeeting,
  createPaper,
  publishMinutes,
  recordVote,
  saveMinutes,
  setAttendance,
} from '../councils/meetings/manage-meetings'
import { recordElection } from '../councils/meetings/record-election'
import { addMinutesFile, addPaperFile, removeCouncilFile } from '../councils/papers-and-files/manage-files'
import {
  agahStateSeats,
  agendaItems,
  attendance,
  councilFiles,
  councilMemberships,
  councils,
  meetings,
  papers,
  votes,
} from '../councils/tables'
import { createPerson } from '../directory/create-person'
import { people, places } from '../directory/tables'

// ---- the OParl 1.1 draft-07 schemas (test/fixtures/oparl-schema, copied from OParl/spec)

const SCHEMA_DIR = path.resolve(import.meta.dirname, '../../../test/fixtures/oparl-schema')
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
const ajv = new Ajv({ strict: false, allErrors: true })
addFormats(ajv)
// OParl's "url" format: an absolute http(s) URL.
ajv.addFormat('url', /^https?:\/\/[^\s/$.?#][^\s]*$/i)
for (const file of readdirSync(SCHEMA_DIR).filter((f) => f.endsWith('.json'))) {
  ajv.addSchema(
    JSON.parse(readFileSync(path.join(SCHEMA_DIR, file), 'utf8')),
    `https://schema.oparl.org/1.1/${file}`,
  )
}
const validators = new Map<string, ValidateFunction>()
function assertValid(o: Record<string, unknown>, where: string): string {
  const type = String(o.type ?? '')
  assert.ok(type.startsWith('https://schema.oparl.org/1.1/'), `${where}: type ${type}`)
  const name = type.slice('https://schema.oparl.org/1.1/'.length)
  let v = validators.get(name)
  if (!v) {
    v = ajv.getSchema(`https://schema.oparl.org/1.1/${name}.json`)
    assert.ok(v, `no schema for ${name}`)
    validators.set(name, v)
  }
  assert.ok(v(o), `${where} (${name}) invalid: ${JSON.stringify(v.errors)}\n${JSON.stringify(o)}`)
  assert.match(String(o.created), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/, `${where} created`)
  assert.match(
    String(o.modified),
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/,
    `${where} modified`,
  )
  return name
}

/** Validates an object and everything embedded in it (objects with a `type`). */
function assertValidDeep(o: unknown, where: string, seen: Set<string>): void {
  if (Array.isArray(o)) {
    for (const x of o) assertValidDeep(x, where, seen)
    return
  }
  if (!o || typeof o !== 'object') return
  const rec = o as Record<string, unknown>
  if (typeof rec.type === 'string' && typeof rec.id === 'string')
    seen.add(assertValid(rec, `${where} ${rec.id}`))
  for (const v of Object.values(rec)) assertValidDeep(v, where, seen)
}

function urlsIn(o: unknown, prefix: string, out: Set<string>): void {
  if (typeof o === 'string') {
    if (o.startsWith(prefix)) out.add(o)
  } else if (Array.isArray(o)) for (const x of o) urlsIn(x, prefix, out)
  else if (o && typeof o === 'object') for (const v of Object.values(o)) urlsIn(v, prefix, out)
}

const ALL_TYPES = [
  'AgendaItem',
  'Body',
  'Consultation',
  'File',
  'LegislativeTerm',
  'Location',
  'Meeting',
  'Membership',
  'Organization',
  'Paper',
  'Person',
  'System',
]

/**
 * Follows every URL under the API base from the System object (and every list page by page with
 * limit=1, so `next` links are followed too). Every answer must be 200 with CORS; every JSON object,
 * embedded ones included, must validate against its schema.
 */
async function crawl(t: TestApp, base: string) {
  const queue = [base]
  const urls = new Set<string>(queue)
  const types = new Set<string>()
  let lists = 0
  while (queue.length) {
    const url = queue.shift()!
    const res = await t.app.inject({ method: 'GET', url: url.replace(t.config.publicUrl, '') })
    assert.equal(res.statusCode, 200, `${url} → ${res.statusCode} ${res.body}`)
    assert.equal(res.headers['access-control-allow-origin'], '*', `${url} CORS`)
    const found = new Set<string>()
    if (String(res.headers['content-type']).startsWith('application/json')) {
      const body = res.json() as Record<string, unknown>
      if (Array.isArray(body.data)) {
        lists++
        assert.ok(body.pagination && typeof body.pagination === 'object', `${url} pagination`)
        assert.ok(body.links && typeof body.links === 'object', `${url} links`)
        for (const o of body.data) assertValidDeep(o, url, types)
        if (!url.includes('?')) found.add(`${url}?limit=1`)
      } else assertValidDeep(body, url, types)
      urlsIn(body, base, found)
    }
    for (const next of found) {
      if (!urls.has(next)) {
        urls.add(next)
        queue.push(next)
      }
    }
  }
  return { types, lists, urls }
}

const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000)

for (const kind of dbKinds()) {
  describe(`OParl API (${kind})`, () => {
    let t: TestApp
    let base: string
    const ids: Record<string, string> = {}
    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url: url.replace(t.config.publicUrl, '') })
      return res
    }
    const getJson = async (url: string) => {
      const res = await get(url)
      return { res, body: res.json() as Record<string, unknown> }
    }

    before(async () => {
      t = await createTestApp(kind)
      base = `${t.config.publicUrl}/oparl/v1`
      const db = t.deps.db
      const [place] = await db
        .insert(places)
        .values({
          kind: 'municipality',
          officialKey: '06411000',
          regionalKey: '064110000000',
          name: 'Darmstadt',
        })
        .returning()
      ids.agah = await createCouncil(db, CLI_ACTOR, {
        kind: 'agah',
        name: 'agah – Landesausländerbeirat Hessen',
        shortName: 'agah',
      })
      ids.board = await createCouncil(db, CLI_ACTOR, {
        kind: 'agah_board',
        name: 'Vorstand der agah',
        parentId: ids.agah,
      })
      ids.council = await createCouncil(db, CLI_ACTOR, {
        kind: 'auslaenderbeirat',
        name: 'Ausländerbeirat Darmstadt',
        placeId: place!.id,
        agahMember: true,
        email: 'beirat@darmstadt.example',
        website: 'https://www.darmstadt.example/beirat',
      })
      const term = await addTerm(db, CLI_ACTOR, {
        councilId: ids.council,
        startsOn: '2021-04-01',
        endsOn: '2026-03-31',
        seats: 15,
      })
      assert.ok(term.ok)
      ids.term = term.value
      ids.alice = await createPerson(db, CLI_ACTOR, {
        givenName: 'Alice',
        familyName: 'Yılmaz',
        honorificPrefix: 'Dr.',
        email: 'alice@example.org',
        phone: '+49 6151 1',
        publicContactConsent: true,
      })
      ids.bob = await createPerson(db, CLI_ACTOR, {
        givenName: 'Bob',
        familyName: 'Nowak',
        email: 'bob-private@example.org',
        phone: '+49 6151 2',
      })
      ids.carla = await createPerson(db, CLI_ACTOR, { givenName: 'Carla', familyName: 'Rossi' })
      ids.dana = await createPerson(db, CLI_ACTOR, { givenName: 'Dana', familyName: 'Popescu' })
      ids.staff = await createPerson(db, CLI_ACTOR, { givenName: 'Erik', familyName: 'Verwaltung' })
      await db.insert(agahStateSeats).values([
        { bodyName: 'Landesintegrationsbeirat', personId: ids.dana, startsOn: '2024-01-01' },
        {
          bodyName: 'Integrationskonferenz',
          seat: 'Stellvertretung',
          personId: ids.dana,
          startsOn: '2021-04-01',
          endsOn: '2023-12-31',
        },
      ])
      for (const [person, role] of [
        [ids.alice, 'chair'],
        [ids.bob, 'member'],
        [ids.carla, 'member'],
      ] as const) {
        const r = await addMembership(db, CLI_ACTOR, {
          councilId: ids.council,
          personId: person,
          role,
          startsOn: '2021-04-01',
        })
        assert.ok(r.ok)
        ids[`m_${person}`] = r.value
      }
      const delegate = await addMembership(db, CLI_ACTOR, {
        councilId: ids.agah,
        personId: ids.alice,
        role: 'delegate',
        delegatedById: ids.council,
        startsOn: '2021-06-01',
      })
      assert.ok(delegate.ok)
      ids.delegate = delegate.value

      const [meeting] = await db
        .insert(meetings)
        .values({
          councilId: ids.council,
          title: '12. Sitzung des Ausländerbeirats',
          startsAt: new Date('2026-03-10T17:00:00Z'),
          endsAt: new Date('2026-03-10T19:00:00Z'),
          locationName: 'Rathaus, Sitzungssaal',
          locationAddress: 'Luisenplatz 5, 64283 Darmstadt',
          state: 'held',
          minutesState: 'published',
        })
        .returning()
      ids.meeting = meeting!.id
      const [motion, secret, amendment] = await db
        .insert(papers)
        .values([
          {
            councilId: ids.council,
            kind: 'motion',
            reference: 'AB/2026/001',
            title: 'Antrag Sprachkurse',
            body: 'Der Beirat möge beschließen …',
            date: '2026-02-20',
            submittedByCouncilId: ids.council,
          },
          {
            councilId: ids.council,
            kind: 'report',
            reference: 'AB/2026/002',
            title: 'Vertraulicher Bericht',
            body: 'Geheim',
            date: '2026-02-21',
          },
          {
            councilId: ids.council,
            kind: 'amendment',
            reference: 'AB/2026/003',
            title: 'Änderungsantrag',
            date: '2026-02-22',
            submittedByText: 'Fraktion X',
          },
        ])
        .returning()
      ids.motion = motion!.id
      ids.secretPaper = secret!.id
      ids.amendment = amendment!.id
      await db.update(papers).set({ relatedPaperId: ids.motion }).where(eq(papers.id, ids.amendment))
      const items = await db
        .insert(agendaItems)
        .values([
          {
            meetingId: ids.meeting,
            position: 2,
            title: 'Sprachkurse',
            paperId: ids.motion,
            result: 'adopted',
            minutes: 'Einstimmig beschlossen.',
          },
          { meetingId: ids.meeting, position: 1, title: 'Eröffnung' },
          {
            meetingId: ids.meeting,
            position: 3,
            title: 'Personalangelegenheit',
            public: false,
            paperId: ids.secretPaper,
          },
          { meetingId: ids.meeting, position: 4, title: 'Verschiedenes' },
          { meetingId: ids.meeting, position: 5, title: 'Wahl der Schriftführung', result: 'elected' },
        ])
        .returning()
      ids.itemMotion = items[0]!.id
      ids.itemOpen = items[1]!.id
      ids.itemSecret = items[2]!.id
      ids.itemMisc = items[3]!.id
      await db.insert(votes).values({
        agendaItemId: ids.itemMotion,
        yes: 9,
        no: 1,
        abstain: 2,
        present: 12,
        members: 15,
        majorityRule: 'simple',
        adopted: true,
      })
      await db.insert(attendance).values([
        { meetingId: ids.meeting, personId: ids.alice },
        { meetingId: ids.meeting, personId: ids.bob },
      ])
    })
    after(() => t.close())

    it('crawls the whole API from the System object without a broken link, every object valid', async () => {
      const { types, lists, urls } = await crawl(t, base)
      assert.deepEqual([...types].sort(), ALL_TYPES)
      assert.ok(lists > 20, `crawled ${lists} list pages`)
      const all = [...urls].join('\n')
      for (const hidden of [ids.itemSecret, ids.secretPaper])
        assert.ok(!all.includes(hidden!), 'non-public never linked')
      assert.ok(all.includes('after='), 'pagination next links were followed')
    })

    it('serves the System, Body with embedded terms, and a Meeting with its public agenda in order', async () => {
      const { res, body: system } = await getJson(`${base}/`)
      assert.equal(res.statusCode, 200)
      assert.equal(system.id, base)
      assert.equal(system.oparlVersion, 'https://schema.oparl.org/1.1/')
      const { body: bodies } = await getJson(system.body as string)
      const names = (bodies.data as { name: string }[]).map((b) => b.name).sort()
      assert.deepEqual(names, ['Ausländerbeirat Darmstadt', 'agah – Landesausländerbeirat Hessen'])
      const { body } = await getJson(`${base}/body/${ids.council}`)
      assert.equal(body.ags, '06411000')
      assert.equal(body.rgs, '064110000000')
      assert.deepEqual(
        (body.legislativeTerm as { id: string; startDate: string }[]).map((x) => [x.id, x.startDate]),
        [[`${base}/legislative-term/${ids.term}`, '2021-04-01']],
      )
      const { body: agah } = await getJson(`${base}/body/${ids.agah}`)
      const { body: orgs } = await getJson(agah.organization as string)
      const board = (orgs.data as Record<string, unknown>[]).find(
        (o) => o.id === `${base}/organization/${ids.board}`,
      )
      assert.equal(board?.subOrganizationOf, `${base}/organization/${ids.agah}`)

      const { body: meeting } = await getJson(`${base}/meeting/${ids.meeting}`)
      assert.equal(meeting.web, `${t.config.publicUrl}/sitzungen/${ids.meeting}`)
      assert.equal(body.web, `${t.config.publicUrl}/beiraete/${ids.council}`)
      const agenda = meeting.agendaItem as Record<string, unknown>[]
      assert.deepEqual(
        agenda.map((a) => a.name),
        ['Eröffnung', 'Sprachkurse', 'Verschiedenes', 'Wahl der Schriftführung'],
      )
      assert.equal(agenda[3]!.result, 'gewählt')
      assert.equal(
        (meeting.location as { description: string }).description,
        'Rathaus, Sitzungssaal, Luisenplatz 5, 64283 Darmstadt',
      )
      assert.deepEqual(
        meeting.participant,
        [`${base}/person/${ids.alice}`, `${base}/person/${ids.bob}`].sort(),
      )
      const voted = agenda[1]!
      assert.equal(voted.result, 'angenommen')
      assert.equal(voted['teilhabe:minutes'], 'Einstimmig beschlossen.')
      assert.deepEqual(voted['teilhabe:vote'], {
        yes: 9,
        no: 1,
        abstain: 2,
        present: 12,
        members: 15,
        majorityRule: 'simple',
        adopted: true,
        rollCall: false,
      })
      assert.equal(voted.consultation, `${base}/consultation/${ids.itemMotion}`)
    })

    it('embeds consultations and the main file in a Paper, and serves the file inline and as download', async () => {
      const { body: paper } = await getJson(`${base}/paper/${ids.motion}`)
      assert.equal(paper.paperType, 'Antrag')
      assert.deepEqual(paper.originatorOrganization, [`${base}/organization/${ids.council}`])
      const consultations = paper.consultation as Record<string, unknown>[]
      assert.equal(consultations.length, 1)
      assert.equal(consultations[0]!.meeting, `${base}/meeting/${ids.meeting}`)
      assert.equal(consultations[0]!.authoritative, true)
      const file = paper.mainFile as Record<string, string>
      const inline = await get(file.accessUrl!)
      assert.equal(inline.statusCode, 200)
      assert.equal(inline.body, 'Der Beirat möge beschließen …')
      assert.equal(inline.headers['content-disposition'], undefined)
      const download = await get(file.downloadUrl!)
      assert.match(
        String(download.headers['content-disposition']),
        /^attachment; filename="AB-2026-001\.txt"/,
      )
      const { body: amendment } = await getJson(`${base}/paper/${ids.amendment}`)
      assert.deepEqual(amendment.relatedPaper, [`${base}/paper/${ids.motion}`])
      assert.equal(amendment['teilhabe:submittedBy'], 'Fraktion X')
      assert.equal(amendment.mainFile, undefined)
    })

    it('never shows non-public agenda items or their papers', async () => {
      for (const url of [
        `${base}/agenda-item/${ids.itemSecret}`,
        `${base}/paper/${ids.secretPaper}`,
        `${base}/file/${ids.secretPaper}`,
        `${base}/file/${ids.secretPaper}/content`,
        `${base}/consultation/${ids.itemSecret}`,
      ]) {
        const res = await get(url)
        assert.equal(res.statusCode, 404, url)
      }
      for (const list of ['agenda-items', 'papers', 'consultations', 'files']) {
        const res = await get(`${base}/body/${ids.council}/${list}?modified_since=2000-01-01T00:00:00Z`)
        // The list answers and lists the public objects: the secret ones are absent, not the whole page.
        assert.equal(res.statusCode, 200, list)
        assert.ok((res.json() as { data: unknown[] }).data.length > 0, `${list} lists the public objects`)
        assert.ok(!res.body.includes(ids.itemSecret!) && !res.body.includes(ids.secretPaper!), list)
        assert.ok(!res.body.includes('Personalangelegenheit') && !res.body.includes('Geheim'), list)
      }
    })

    it('shows holders of agah state seats as people of the agah, and no one else without a role', async () => {
      const { body: dana } = await getJson(`${base}/person/${ids.dana}`)
      assert.deepEqual(dana.status, [
        'Vertretung der agah: Integrationskonferenz, Stellvertretung (01.04.2021–31.12.2023)',
        'Vertretung der agah: Landesintegrationsbeirat (seit 01.01.2024)',
      ])
      const { body: agahPeople } = await getJson(`${base}/body/${ids.agah}/persons`)
      assert.ok((agahPeople.data as { id: string }[]).some((p) => p.id === `${base}/person/${ids.dana}`))
      const staff = await get(`${base}/person/${ids.staff}`)
      assert.equal(staff.statusCode, 404)
    })

    it('shows contact details only with consent', async () => {
      const { body: alice } = await getJson(`${base}/person/${ids.alice}`)
      assert.deepEqual(alice.email, ['alice@example.org'])
      assert.deepEqual(alice.phone, ['+49 6151 1'])
      assert.equal(alice.name, 'Dr. Alice Yılmaz')
      const memberships = alice.membership as Record<string, unknown>[]
      assert.equal(memberships.length, 2)
      const delegate = memberships.find((m) => m.id === `${base}/membership/${ids.delegate}`)
      assert.equal(delegate?.onBehalfOf, `${base}/organization/${ids.council}`)
      const { res, body: bob } = await getJson(`${base}/person/${ids.bob}`)
      assert.equal(res.statusCode, 200)
      assert.equal(bob.email, undefined)
      assert.equal(bob.phone, undefined)
      assert.ok(!JSON.stringify(bob).includes('bob-private'))
      const list = await get(`${base}/body/${ids.council}/persons`)
      assert.equal(list.statusCode, 200)
      assert.ok(list.body.includes(`${base}/person/${ids.bob}`), 'Bob is listed, without his private data')
      assert.ok(!list.body.includes('bob-private') && !list.body.includes('+49 6151 2'))
    })

    it('answers unknown ids and paths with a 404 error object and bad filters with 400, never 500', async () => {
      for (const url of [
        `${base}/meeting/00000000-0000-4000-8000-000000000000`,
        `${base}/meeting/not-a-uuid`,
        `${base}/body/00000000-0000-4000-8000-000000000000/meetings`,
        `${base}/body/${ids.board}`,
        `${base}/organization/${ids.meeting}/meetings`,
        `${base}/nothing-here`,
      ]) {
        const res = await get(url)
        assert.equal(res.statusCode, 404, url)
        assert.equal(res.json().type, 'https://schema.oparl.org/1.1/Error', url)
        assert.equal(res.headers['access-control-allow-origin'], '*')
      }
      for (const q of [
        'created_since=gestern',
        'modified_since=2024-13-40T00:00:00Z',
        'created_until=2024-01-01',
        'modified_until=2024-02-31T10:00:00%2B01:00x',
        'after=kein-Cursor',
        'after=%3Cx%3E',
        'limit=abc',
        'omit_internal=yes',
      ]) {
        for (const url of [`${base}/bodies?${q}`, `${base}/body/${ids.council}/meetings?${q}`]) {
          const res = await get(url)
          assert.equal(res.statusCode, 400, url)
          assert.equal(res.json().type, 'https://schema.oparl.org/1.1/Error', url)
          assert.equal(res.headers['access-control-allow-origin'], '*')
        }
      }
    })

    it('filters by created and modified, keeps the filters in every link and pages stably', async () => {
      const future = encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())
      const past = encodeURIComponent(daysAgo(1).toISOString().replace('Z', '+00:00'))
      const { body: none } = await getJson(`${base}/body/${ids.council}/meetings?created_since=${future}`)
      assert.deepEqual(none.data, [])
      const { body: some } = await getJson(
        `${base}/body/${ids.council}/memberships?created_since=${past}&created_until=${future}`,
      )
      assert.equal((some.data as unknown[]).length, 3)
      const { body: untilPast } = await getJson(
        `${base}/body/${ids.council}/memberships?modified_until=${past}`,
      )
      assert.deepEqual(untilPast.data, [])

      const collected: string[] = []
      let url: string | undefined = `${base}/body/${ids.council}/memberships?created_since=${past}&limit=2`
      let pages = 0
      while (url) {
        const { body: page } = await getJson(url)
        pages++
        collected.push(...(page.data as { id: string }[]).map((d) => d.id))
        const links = page.links as Record<string, string>
        assert.ok(links.self!.includes('created_since=') && links.self!.includes('limit=2'), links.self)
        url = links.next
        if (url) assert.ok(url.includes('created_since=') && url.includes('limit=2'), url)
        assert.equal((page.pagination as Record<string, number>).totalElements, 3)
      }
      assert.equal(pages, 2)
      assert.equal(new Set(collected).size, 3)

      const { body: omitted } = await getJson(`${base}/body/${ids.council}/meetings?omit_internal=true`)
      assert.equal((omitted.data as Record<string, unknown>[])[0]!.agendaItem, undefined)
    })

    it('lists soft-deleted and hard-deleted objects with deleted: true only under modified_since', async () => {
      const db = t.deps.db
      const before = new Date(Date.now() - 1000)
      const since = encodeURIComponent(before.toISOString())
      // soft delete (the councils feature's way): the misc agenda item
      await db
        .update(agendaItems)
        .set({ deletedAt: new Date(), updatedAt: new Date() })
        .where(eq(agendaItems.id, ids.itemMisc!))
      // hard delete: the opening item, and Carla with her membership (e.g. erasure)
      await db.delete(agendaItems).where(eq(agendaItems.id, ids.itemOpen!))
      await db.delete(councilMemberships).where(eq(councilMemberships.personId, ids.carla!))
      await db.delete(people).where(eq(people.id, ids.carla!))

      const { body: plain } = await getJson(`${base}/body/${ids.council}/agenda-items`)
      assert.deepEqual((plain.data as { name: string }[]).map((d) => d.name).sort(), [
        'Sprachkurse',
        'Wahl der Schriftführung',
      ])
      const { body: changed } = await getJson(
        `${base}/body/${ids.council}/agenda-items?modified_since=${since}`,
      )
      const deleted = (changed.data as Record<string, unknown>[]).filter((d) => d.deleted === true)
      assert.deepEqual(
        deleted.map((d) => d.id).sort(),
        [`${base}/agenda-item/${ids.itemMisc}`, `${base}/agenda-item/${ids.itemOpen}`].sort(),
      )
      for (const d of deleted) assertValid(d, 'deleted item')

      // the meeting embedding them counts as modified and no longer embeds them
      const { body: meetingsChanged } = await getJson(
        `${base}/body/${ids.council}/meetings?modified_since=${since}`,
      )
      const meeting = (meetingsChanged.data as Record<string, unknown>[]).find(
        (m) => m.id === `${base}/meeting/${ids.meeting}`,
      )
      assert.ok(meeting, 'meeting modified')
      assert.deepEqual(
        (meeting.agendaItem as { name: string }[]).map((a) => a.name),
        ['Sprachkurse', 'Wahl der Schriftführung'],
      )

      for (const [url, type] of [
        [`${base}/agenda-item/${ids.itemOpen}`, 'AgendaItem'],
        [`${base}/agenda-item/${ids.itemMisc}`, 'AgendaItem'],
        [`${base}/person/${ids.carla}`, 'Person'],
        [`${base}/membership/${ids[`m_${ids.carla}`]}`, 'Membership'],
      ] as const) {
        const { res, body } = await getJson(url)
        assert.equal(res.statusCode, 200, url)
        assert.equal(body.deleted, true, url)
        assert.equal(assertValid(body, url), type)
      }
      const { body: persons } = await getJson(`${base}/body/${ids.council}/persons?modified_since=${since}`)
      assert.ok(
        (persons.data as Record<string, unknown>[]).some(
          (p) => p.id === `${base}/person/${ids.carla}` && p.deleted === true,
        ),
      )
      const { body: personsNow } = await getJson(`${base}/body/${ids.council}/persons`)
      assert.ok(
        !(personsNow.data as Record<string, unknown>[]).some((p) => p.id === `${base}/person/${ids.carla}`),
      )

      // a soft-deleted body stays answerable, its meetings count as deleted
      await db
        .update(councils)
        .set({ deletedAt: new Date(), updatedAt: new Date() })
        .where(eq(councils.id, ids.council!))
      const { body: goneBody } = await getJson(`${base}/body/${ids.council}`)
      assert.equal(goneBody.deleted, true)
      assertValid(goneBody, 'deleted body')
      const { body: goneMeeting } = await getJson(`${base}/meeting/${ids.meeting}`)
      assert.equal(goneMeeting.deleted, true)
      const { body: bodiesNow } = await getJson(`${base}/bodies`)
      assert.equal((bodiesNow.data as unknown[]).length, 1)
      await db
        .update(councils)
        .set({ deletedAt: null, updatedAt: new Date() })
        .where(eq(councils.id, ids.council!))
    })

    it('has a public page about the API in German and English', async () => {
      for (const [url, text] of [
        ['/offene-daten', 'OParl-Schnittstelle der Beiräte und der agah'],
        ['/en/offene-daten', 'OParl interface of the councils and the agah'],
      ] as const) {
        const res = await t.app.inject({ method: 'GET', url })
        assert.equal(res.statusCode, 200)
        assert.ok(res.body.includes(text))
        assert.ok(res.body.includes(`${base}`))
      }
    })
  })
}

for (const kind of dbKinds()) {
  describe(`OParl API over the demo data (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
      await councilsFeature.seedDemo!(t.deps, () => {})
    })
    after(() => t.close())

    it('crawls the demo data without a broken link, every object valid', async () => {
      const base = `${t.config.publicUrl}/oparl/v1`
      const { types } = await crawl(t, base)
      for (const type of ['System', 'Body', 'Organization', 'Person', 'Membership'])
        assert.ok(types.has(type), type)
    })

    it('lists the integration conference as a body with its meetings, members and the agah seat', async () => {
      const base = `${t.config.publicUrl}/oparl/v1`
      const get = async (url: string) => {
        const res = await t.app.inject({ method: 'GET', url: url.replace(t.config.publicUrl, '') })
        assert.equal(res.statusCode, 200, url)
        return res.json() as Record<string, unknown>
      }
      const bodies = (await get(`${base}/bodies`)).data as Record<string, unknown>[]
      const conference = bodies.find((b) => b.name === 'Integrationskonferenz des Landes Hessen')
      assert.ok(conference, 'the conference is a body')
      assertValidDeep(conference, 'conference body', new Set())
      assert.equal(conference.classification, 'Integrationskonferenz')
      assert.equal(conference.web, `${t.config.publicUrl}/integrationskonferenz`)
      const meetings = (await get(String(conference.meeting))).data as Record<string, unknown>[]
      assert.deepEqual(meetings.map((m) => m.name).sort(), [
        'Integrationskonferenz (Frühjahr 2026)',
        'Integrationskonferenz (Frühjahr 2027)',
        'Integrationskonferenz (Herbst 2026)',
      ])
      const spring = meetings.find((m) => m.name === 'Integrationskonferenz (Frühjahr 2026)')!
      const items = spring.agendaItem as Record<string, unknown>[]
      assert.equal(items.length, 2)
      assert.ok(items.every((i) => typeof i.result === 'string' || i.result === undefined))
      const orgs = (await get(String(conference.organization))).data as Record<string, unknown>[]
      const gremium = orgs.filter((o) => o.organizationType === 'Gremium')
      assert.equal(gremium.length, 1, 'one body organisation: the conference itself')
      const represented = orgs.filter((o) => o.organizationType === 'Institution')
      assert.equal(represented.length, 6, 'the six represented directory organisations')
      for (const o of orgs) assertValidDeep(o, String(o.id), new Set())
      const liga = represented.find((o) => o.name === 'Liga der Freien Wohlfahrtspflege in Hessen (Demo)')
      assert.ok(liga, 'the Liga is an Organization of the conference')
      assert.equal(liga.body, conference.id)
      assert.equal(liga.classification, 'Verband')
      assert.deepEqual(await get(String(liga.id)), liga, 'the represented organisation has its own URL')
      const memberships = (await get(String(gremium[0]!.id))).membership as string[]
      assert.equal(memberships.length, 7, 'six representatives and the agah seat')
      const agah = bodies.find((b) => b.name === 'Plenarversammlung der agah')!
      const agahOrgs = (await get(String(agah.organization))).data as Record<string, unknown>[]
      const agahPlenary = agahOrgs.find((o) => o.name === 'Plenarversammlung der agah')!
      const onBehalfOf: string[] = []
      for (const url of memberships) {
        const m = await get(url)
        assertValidDeep(m, url, new Set())
        assert.equal(m.organization, gremium[0]!.id, 'every member sits in the conference')
        onBehalfOf.push(String(m.onBehalfOf))
      }
      assert.deepEqual(
        onBehalfOf.sort(),
        [agahPlenary.id, ...represented.map((o) => o.id)].map(String).sort(),
        'the agah seat on behalf of the agah, every representative on behalf of their organisation',
      )
    })
  })
}

for (const kind of dbKinds()) {
  describe(`OParl API over data made by the councils use cases (${kind})`, () => {
    let t: TestApp
    before(async () => {
      t = await createTestApp(kind)
    })
    after(() => t.close())

    it('publishes votes, resolutions and minutes of public items and nothing of non-public ones', async () => {
      const db = t.deps.db
      const base = `${t.config.publicUrl}/oparl/v1`
      const ok = <T>(r: Outcome<T>): T => {
        assert.ok(r.ok, problemKey(r) ?? '')
        return r.value
      }
      const council = await createCouncil(db, CLI_ACTOR, {
        kind: 'auslaenderbeirat',
        name: 'Ausländerbeirat Kassel',
      })
      const members: string[] = []
      for (const name of ['Ana', 'Ben', 'Cem']) {
        const person = await createPerson(db, CLI_ACTOR, { givenName: name, familyName: 'Muster' })
        ok(
          await addMembership(db, CLI_ACTOR, {
            councilId: council,
            personId: person,
            role: 'member',
            startsOn: '2020-01-01',
          }),
        )
        members.push(person)
      }
      const meeting = ok(
        await createMeeting(db, CLI_ACTOR, {
          councilId: council,
          title: '3. Sitzung',
          startsAt: new Date('2026-05-04T16:00:00Z'),
        }),
      )
      const openMotion = ok(
        await createPaper(db, CLI_ACTOR, {
          councilId: council,
          kind: 'motion',
          title: 'Mehrsprachige Beratung',
          body: 'Text',
          date: '2026-04-20',
        }),
      )
      const closedMotion = ok(
        await createPaper(db, CLI_ACTOR, {
          councilId: council,
          kind: 'motion',
          title: 'Personalie X',
          body: 'Vertraulich',
          date: '2026-04-21',
        }),
      )
      const openItem = ok(
        await addAgendaItem(db, CLI_ACTOR, {
          meetingId: meeting,
          title: 'Beratung',
          public: true,
          paperId: openMotion,
        }),
      )
      const closedItem = ok(
        await addAgendaItem(db, CLI_ACTOR, {
          meetingId: meeting,
          title: 'Personalie',
          public: false,
          paperId: closedMotion,
        }),
      )
      ok(await setAttendance(db, CLI_ACTOR, meeting, members))
      const openVote = ok(
        await recordVote(db, CLI_ACTOR, {
          meetingId: meeting,
          agendaItemId: openItem,
          yes: 3,
          no: 0,
          abstain: 0,
        }),
      )
      const closedVote = ok(
        await recordVote(db, CLI_ACTOR, {
          meetingId: meeting,
          agendaItemId: closedItem,
          yes: 2,
          no: 1,
          abstain: 0,
        }),
      )
      assert.ok(openVote.resolutionId && closedVote.resolutionId)
      ok(
        await saveMinutes(db, CLI_ACTOR, meeting, {
          [openItem]: 'Einstimmig angenommen.',
          [closedItem]: 'Geheim.',
        }),
      )
      const later = ok(
        await createMeeting(db, CLI_ACTOR, {
          councilId: council,
          title: '4. Sitzung',
          startsAt: new Date('2026-06-01T16:00:00Z'),
        }),
      )
      ok(await approveMinutes(db, CLI_ACTOR, meeting, later))
      ok(await publishMinutes(db, CLI_ACTOR, meeting))

      const json = async (url: string) => {
        const res = await t.app.inject({ method: 'GET', url: url.replace(t.config.publicUrl, '') })
        return { status: res.statusCode, body: res.json() as Record<string, unknown> }
      }
      const { body: m } = await json(`${base}/meeting/${meeting}`)
      const agenda = m.agendaItem as Record<string, unknown>[]
      assert.deepEqual(
        agenda.map((a) => a.name),
        ['Beratung'],
      )
      assert.equal(agenda[0]!['teilhabe:minutes'], 'Einstimmig angenommen.')
      assert.equal((agenda[0]!['teilhabe:vote'] as { yes: number; members: number }).members, 3)
      assert.deepEqual(m.participant, members.map((p) => `${base}/person/${p}`).sort())

      const { body: resolution } = await json(`${base}/paper/${openVote.resolutionId}`)
      assert.equal(resolution.paperType, 'Beschluss')
      assert.equal(resolution['teilhabe:resolutionNumber'], 1)
      assert.deepEqual(resolution.relatedPaper, [`${base}/paper/${openMotion}`])

      for (const hidden of [closedItem, closedMotion, closedVote.resolutionId]) {
        for (const kind of ['agenda-item', 'paper', 'consultation', 'file']) {
          assert.equal((await json(`${base}/${kind}/${hidden}`)).status, 404, `${kind}/${hidden}`)
        }
      }
      const { urls } = await crawl(t, base)
      const all = [...urls].join('\n')
      for (const hidden of [closedItem, closedMotion, closedVote.resolutionId!])
        assert.ok(!all.includes(hidden), `never linked: ${hidden}`)
      for (const list of ['papers', 'agenda-items', 'consultations', 'files']) {
        const res = await t.app.inject({
          method: 'GET',
          url: `/oparl/v1/body/${council}/${list}?modified_since=2000-01-01T00:00:00Z`,
        })
        assert.equal(res.statusCode, 200, list)
        assert.ok((res.json() as { data: unknown[] }).data.length > 0, `${list} lists the public objects`)
        assert.ok(
          !res.body.includes('Personalie') &&
            !res.body.includes('Vertraulich') &&
            !res.body.includes('Geheim'),
          list,
        )
      }
    })
  })
}

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
)
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

for (const kind of dbKinds()) {
  describe(`OParl files of papers and minutes (${kind})`, () => {
    let t: TestApp
    let base: string
    const ids = {} as Record<
      | 'council'
      | 'meeting'
      | 'draftMeeting'
      | 'paper'
      | 'secretPaper'
      | 'loosePaper'
      | 'electionItem'
      | 'paperMain'
      | 'paperPng'
      | 'secretFile'
      | 'minutesMain'
      | 'minutesExtra'
      | 'draftFile'
      | 'ana'
      | 'ben',
      string
    >
    const json = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url: url.replace(t.config.publicUrl, '') })
      return {
        res,
        body: (res.headers['content-type']?.toString().startsWith('application/json')
          ? res.json()
          : {}) as Record<string, unknown>,
      }
    }
    const ok = <T>(r: Outcome<T>): T => {
      assert.ok(r.ok, problemKey(r) ?? '')
      return r.value
    }
    const pdf = (name: string, role: 'main' | 'attachment' = 'attachment') => ({
      role,
      name,
      fileName: `${name}.pdf`,
      bytes: PDF,
      truncated: false,
    })

    before(async () => {
      t = await createTestApp(kind)
      base = `${t.config.publicUrl}/oparl/v1`
      const db = t.deps.db
      const files = t.deps.files
      ids.council = await createCouncil(db, CLI_ACTOR, {
        kind: 'auslaenderbeirat',
        name: 'Ausländerbeirat Gießen',
      })
      const members: string[] = []
      for (const name of ['Ana', 'Ben', 'Cem']) {
        const person = await createPerson(db, CLI_ACTOR, { givenName: name, familyName: 'Datei' })
        ok(
          await addMembership(db, CLI_ACTOR, {
            councilId: ids.council,
            personId: person,
            role: 'member',
            startsOn: '2020-01-01',
          }),
        )
        members.push(person)
      }
      ids.ana = members[0]!
      ids.ben = members[1]!
      ids.meeting = ok(
        await createMeeting(db, CLI_ACTOR, {
          councilId: ids.council,
          title: '5. Sitzung',
          startsAt: new Date('2026-05-04T16:00:00Z'),
        }),
      )
      ids.draftMeeting = ok(
        await createMeeting(db, CLI_ACTOR, {
          councilId: ids.council,
          title: '6. Sitzung',
          startsAt: new Date('2026-06-01T16:00:00Z'),
        }),
      )
      ids.paper = ok(
        await createPaper(db, CLI_ACTOR, {
          councilId: ids.council,
          kind: 'motion',
          title: 'Antrag mit Dateien',
          body: 'Antragstext',
          date: '2026-04-20',
        }),
      )
      ids.secretPaper = ok(
        await createPaper(db, CLI_ACTOR, {
          councilId: ids.council,
          kind: 'report',
          title: 'Verschlusssache',
          date: '2026-04-21',
        }),
      )
      ids.loosePaper = ok(
        await createPaper(db, CLI_ACTOR, {
          councilId: ids.council,
          kind: 'report',
          title: 'Bericht ohne Sitzung',
          date: '2026-04-22',
        }),
      )
      ok(
        await addAgendaItem(db, CLI_ACTOR, {
          meetingId: ids.meeting,
          title: 'Antrag',
          public: true,
          paperId: ids.paper,
        }),
      )
      ok(
        await addAgendaItem(db, CLI_ACTOR, {
          meetingId: ids.meeting,
          title: 'Vertraulich',
          public: false,
          paperId: ids.secretPaper,
        }),
      )
      ids.electionItem = ok(
        await addAgendaItem(db, CLI_ACTOR, {
          meetingId: ids.meeting,
          title: 'Wahl des Vorsitzes',
          public: true,
        }),
      )

      ids.paperMain = ok(
        await addPaperFile(db, files, CLI_ACTOR, ids.paper, pdf('Antrag (unterschrieben)', 'main')),
      )
      ids.paperPng = ok(
        await addPaperFile(db, files, CLI_ACTOR, ids.paper, {
          role: 'attachment',
          name: 'Karte',
          fileName: 'karte.png',
          bytes: PNG,
          truncated: false,
        }),
      )
      ids.secretFile = ok(
        await addPaperFile(db, files, CLI_ACTOR, ids.secretPaper, pdf('Verschlusssache Anlage')),
      )
      ids.minutesMain = ok(
        await addMinutesFile(db, files, CLI_ACTOR, ids.meeting, pdf('Niederschrift 5. Sitzung', 'main')),
      )
      ids.minutesExtra = ok(await addMinutesFile(db, files, CLI_ACTOR, ids.meeting, pdf('Anwesenheitsliste')))
      const removedEarly = ok(
        await addMinutesFile(db, files, CLI_ACTOR, ids.meeting, pdf('Entwurf verworfen')),
      )
      ok(await removeCouncilFile(db, CLI_ACTOR, { meetingId: ids.meeting }, removedEarly))
      ids.draftFile = ok(
        await addMinutesFile(db, files, CLI_ACTOR, ids.draftMeeting, pdf('Entwurf 6. Sitzung', 'main')),
      )

      ok(await setAttendance(db, CLI_ACTOR, ids.meeting, members))
      ok(
        await recordElection(db, CLI_ACTOR, {
          meetingId: ids.meeting,
          agendaItemId: ids.electionItem,
          role: 'chair',
          seats: 1,
          candidates: { [ids.ana]: 2, [ids.ben]: 1 },
        }),
      )
      ok(await saveMinutes(db, CLI_ACTOR, ids.meeting, { [ids.electionItem]: 'Ana Datei ist gewählt.' }))
      ok(await saveMinutes(db, CLI_ACTOR, ids.draftMeeting, {}))
      ok(await approveMinutes(db, CLI_ACTOR, ids.meeting, ids.draftMeeting))
      ok(await publishMinutes(db, CLI_ACTOR, ids.meeting))
    })
    after(() => t.close())

    it('embeds uploaded files in Paper (mainFile, auxiliaryFile) and published minutes in Meeting', async () => {
      const { body: paper } = await json(`${base}/paper/${ids.paper}`)
      const main = paper.mainFile as Record<string, unknown>
      assert.equal(main.id, `${base}/file/${ids.paperMain}`)
      assert.equal(main.name, 'Antrag (unterschrieben)')
      assert.equal(main.fileName, 'Antrag (unterschrieben).pdf')
      assert.equal(main.mimeType, 'application/pdf')
      assert.equal(main.size, PDF.length)
      assert.equal(main.sha512Checksum, createHash('sha512').update(PDF).digest('hex'))
      assert.match(String(main.date), /^\d{4}-\d{2}-\d{2}$/)
      assert.deepEqual(main.paper, [`${base}/paper/${ids.paper}`])
      assertValid(main, 'main file')
      // the typed text stays available as an attachment
      const aux = paper.auxiliaryFile as Record<string, unknown>[]
      assert.deepEqual(
        aux.map((f) => [f.id, f.mimeType]),
        [
          [`${base}/file/${ids.paperPng}`, 'image/png'],
          [`${base}/file/${ids.paper}`, 'text/plain'],
        ],
      )

      const inline = await json(String(main.accessUrl))
      assert.equal(inline.res.statusCode, 200)
      assert.equal(inline.res.headers['content-type'], 'application/pdf')
      assert.equal(inline.res.headers['access-control-allow-origin'], '*')
      assert.match(String(inline.res.headers['content-disposition']), /^inline; /)
      assert.equal(inline.res.rawPayload.compare(PDF), 0)
      const download = await json(String(main.downloadUrl))
      assert.match(
        String(download.res.headers['content-disposition']),
        /^attachment; filename="Antrag \(unterschrieben\)\.pdf"/,
      )

      const { body: meeting } = await json(`${base}/meeting/${ids.meeting}`)
      const protocol = meeting.resultsProtocol as Record<string, unknown>
      assert.equal(protocol.id, `${base}/file/${ids.minutesMain}`)
      assert.deepEqual(protocol.meeting, [`${base}/meeting/${ids.meeting}`])
      assert.deepEqual(
        (meeting.auxiliaryFile as { id: string }[]).map((f) => f.id),
        [`${base}/file/${ids.minutesExtra}`],
      )
      assert.equal(meeting.verbatimProtocol, undefined)
      const { body: draft } = await json(`${base}/meeting/${ids.draftMeeting}`)
      assert.equal(draft.resultsProtocol, undefined)
      assert.equal(draft.auxiliaryFile, undefined)
    })

    it('never shows files of non-public papers or of unpublished minutes, not even under modified_since', async () => {
      for (const id of [ids.secretFile, ids.draftFile, ids.secretPaper]) {
        for (const path of ['', '/content', '/download']) {
          const { res } = await json(`${base}/file/${id}${path}`)
          assert.equal(res.statusCode, 404, `${id}${path}`)
        }
      }
      const { res: filesRes, body } = await json(
        `${base}/body/${ids.council}/files?modified_since=2000-01-01T00:00:00Z`,
      )
      assert.equal(filesRes.statusCode, 200)
      const listed = (body.data as { id: string }[]).map((f) => f.id)
      for (const id of [ids.secretFile, ids.draftFile]) assert.ok(!listed.includes(`${base}/file/${id}`), id)
      const text = JSON.stringify(body)
      for (const word of ['Verschlusssache', 'Entwurf']) assert.ok(!text.includes(word), word)
      assert.ok(listed.includes(`${base}/file/${ids.minutesMain}`))

      const { urls, types } = await crawl(t, base)
      assert.ok(types.has('File') && types.has('Meeting') && types.has('Paper'))
      const all = [...urls].join('\n')
      for (const id of [ids.secretFile, ids.draftFile, ids.secretPaper])
        assert.ok(!all.includes(id), `never linked: ${id}`)
      assert.ok(all.includes(`${base}/file/${ids.minutesMain}/content`), 'file contents were crawled')
    })

    it('lists removed and hard-deleted files as deleted only under modified_since', async () => {
      const db = t.deps.db
      const since = encodeURIComponent(new Date(Date.now() - 1000).toISOString())
      const removed = ok(
        await addPaperFile(db, t.deps.files, CLI_ACTOR, ids.loosePaper, pdf('Falsche Fassung')),
      )
      const erased = ok(await addPaperFile(db, t.deps.files, CLI_ACTOR, ids.loosePaper, pdf('Gelöscht')))
      ok(await removeCouncilFile(db, CLI_ACTOR, { paperId: ids.loosePaper }, removed))
      await db.delete(councilFiles).where(eq(councilFiles.id, erased))
      await db.delete(councilFiles).where(eq(councilFiles.id, ids.draftFile))

      const { body: plain } = await json(`${base}/body/${ids.council}/files`)
      const plainIds = (plain.data as { id: string }[]).map((f) => f.id)
      for (const id of [removed, erased]) assert.ok(!plainIds.includes(`${base}/file/${id}`))
      const { body: changed } = await json(`${base}/body/${ids.council}/files?modified_since=${since}`)
      const deleted = (changed.data as Record<string, unknown>[]).filter((f) => f.deleted === true)
      assert.deepEqual(
        deleted.map((f) => f.id).sort(),
        [`${base}/file/${removed}`, `${base}/file/${erased}`].sort(),
        'the draft minutes file stays invisible even as a tombstone',
      )
      for (const f of deleted) assertValid(f, 'deleted file')
      for (const id of [removed, erased]) {
        const { res, body } = await json(`${base}/file/${id}`)
        assert.equal(res.statusCode, 200)
        assert.equal(body.deleted, true)
        assert.equal((await json(`${base}/file/${id}/content`)).res.statusCode, 410)
      }
      assert.equal((await json(`${base}/file/${ids.draftFile}`)).res.statusCode, 404)
      // the paper changed with its files
      const { body: papers } = await json(`${base}/body/${ids.council}/papers?modified_since=${since}`)
      assert.ok((papers.data as { id: string }[]).some((p) => p.id === `${base}/paper/${ids.loosePaper}`))
    })

    it('exports election results as teilhabe:election on the agenda item', async () => {
      const { body: item } = await json(`${base}/agenda-item/${ids.electionItem}`)
      assert.equal(item.result, 'gewählt')
      assert.deepEqual(item['teilhabe:election'], {
        role: 'Vorsitz',
        candidates: [
          { name: 'Ana Datei', person: `${base}/person/${ids.ana}`, votes: 2, elected: true },
          { name: 'Ben Datei', person: `${base}/person/${ids.ben}`, votes: 1, elected: false },
        ],
      })
    })
  })
}
