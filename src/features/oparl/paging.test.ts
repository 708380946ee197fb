/**
 * OParl lists are paged in the database (issue 11, finding 2): following `links.next` gives every
 * object exactly once, also while objects are added between pages, and a page request reads its page
 * (a keyset query with limit n + 1 and a count on the read model), not the body's data set.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createTestApp, type TestApp } from '../../../test/helpers/app'
import { dbKinds } from '../../../test/helpers/db'
import { CLI_ACTOR } from '../../platform/audit'
import { createCouncil } from '../councils/bodies-and-members/manage-councils'
import { createMeeting } from '../councils/meetings/manage-meetings'
import { encodeCursor } from './oparl-index'

interface ListPage {
  data: { id: string; modified: string; name: string }[]
  pagination: { totalElements: number; elementsPerPage: number }
  links: { first: string; self: string; next?: string }
}

/** Source tables of the OParl objects: a page request that is up to date must not read any. */
const SOURCE_TABLES =
  /"(councils|council_terms|council_memberships|meetings|agenda_items|papers|people|votes|meeting_attendance|council_files)"/

for (const kind of dbKinds()) {
  describe(`OParl paging in the database (${kind})`, () => {
    let t: TestApp
    let councilId: string
    let base: string
    let made = 0

    const get = async (url: string) => {
      const res = await t.app.inject({ method: 'GET', url: url.replace(t.config.publicUrl, '') })
      assert.equal(res.statusCode, 200, `${url}: ${res.body}`)
      return res.json() as ListPage
    }
    const addMeetings = async (n: number) => {
      for (let i = 0; i < n; i++) {
        made++
        const r = await createMeeting(t.deps.db, CLI_ACTOR, {
          councilId,
          title: `Sitzung ${made}`,
          startsAt: new Date(Date.UTC(2026, 0, 1 + made, 17)),
        })
        assert.ok(r.ok)
      }
    }

    before(async () => {
      t = await createTestApp(kind)
      base = `${t.config.publicUrl}/oparl/v1`
      councilId = await createCouncil(t.deps.db, CLI_ACTOR, {
        kind: 'auslaenderbeirat',
        name: 'Ausländerbeirat Seitenweise',
      })
      await addMeetings(30)
    })
    after(async () => {
      await t?.close()
    })

    it('gives every object exactly once by links.next, also while objects are added between pages', async () => {
      const seen: string[] = []
      let url: string | undefined = `${base}/body/${councilId}/meetings?limit=7`
      let pages = 0
      let firstTotal = 0
      let previous: string | undefined
      while (url) {
        const page = await get(url)
        if (pages === 0) firstTotal = page.pagination.totalElements
        pages++
        assert.equal(page.pagination.elementsPerPage, 7)
        assert.ok(page.data.length <= 7)
        for (const o of page.data) {
          // Sorted by modification time (then id): where the last page ended is where the next begins.
          if (previous) assert.ok(previous <= o.modified, `${previous} before ${o.modified}`)
          previous = o.modified
          seen.push(o.id)
        }
        url = page.links.next
        if (url) assert.match(url, /[?&]limit=7(&|$)/)
        assert.match(page.links.first, /meetings\?limit=7$/)
        // Two new meetings after the first and the third page.
        if (pages === 1 || pages === 3) await addMeetings(2)
        assert.ok(pages < 20, 'paging does not end')
      }
      assert.equal(firstTotal, 30)
      assert.equal(new Set(seen).size, seen.length, 'no object twice')
      assert.equal(seen.length, 34, 'the 30 meetings and the 4 added while paging, each once')
      const names = new Set((await get(`${base}/body/${councilId}/meetings`)).data.map((m) => m.name))
      for (let i = 1; i <= 34; i++) assert.ok(names.has(`Sitzung ${i}`), `Sitzung ${i}`)
    })

    it('reads one page from the read model, not the body’s data, once it is up to date', async () => {
      const url = `/oparl/v1/body/${councilId}/meetings?limit=5`
      await get(`/oparl/v1/body/${councilId}/meetings?limit=4`) // brings the read model up to date
      const queries: { query: string; params: unknown[] }[] = []
      // The rate limit's own counter (platform/http, shared by the nodes) is not OParl's reading.
      const ours = (query: string) => !/rate_limit_hits/.test(query)
      t.testDb.observeQueries((query, params) => ours(query) && queries.push({ query, params }))
      const page = await get(url)
      t.testDb.observeQueries(undefined)
      assert.equal(page.data.length, 5)
      assert.ok(page.pagination.totalElements >= 30)
      // The data version (http-cache.ts), the body's build state, and the page with its count in one.
      assert.ok(queries.length <= 3, queries.map((q) => q.query).join('\n'))
      for (const { query } of queries) assert.doesNotMatch(query, SOURCE_TABLES)
      const pageQuery = queries.find((q) => /"oparl_entries"/.test(q.query) && /\blimit\b/i.test(q.query))
      assert.ok(pageQuery, 'the page is one keyset query with a limit')
      assert.equal(pageQuery.params.at(-1), 6, 'limit n + 1 rows')
      // The same page again while nothing changed: the kept answer, after one query for the version.
      const again: string[] = []
      t.testDb.observeQueries((query) => ours(query) && again.push(query))
      assert.deepEqual(await get(url), page)
      t.testDb.observeQueries(undefined)
      assert.equal(again.length, 1, again.join('\n'))
      assert.match(again[0]!, /"oparl_version"/)
      const next = await get(page.links.next!)
      assert.equal(next.data.length, 5)
      assert.ok(!next.data.some((o) => page.data.some((p) => p.id === o.id)))

      // A change is seen at once: the read model of the body is built again from the source tables.
      await addMeetings(1)
      const rebuilt: string[] = []
      t.testDb.observeQueries((query) => rebuilt.push(query))
      const all = await get(`/oparl/v1/body/${councilId}/meetings`)
      t.testDb.observeQueries(undefined)
      assert.ok(
        rebuilt.some((q) => SOURCE_TABLES.test(q)),
        'built again after the change',
      )
      assert.ok(all.data.some((m) => m.name === `Sitzung ${made}`))
    })

    it('counts every matching object also on a page past the end', async () => {
      const far = encodeCursor({ modified: new Date(Date.UTC(9000, 0, 1)), id: 'z' })
      const page = await get(`/oparl/v1/body/${councilId}/meetings?after=${far}`)
      assert.deepEqual(page.data, [])
      assert.equal(
        page.pagination.totalElements,
        (await get(`/oparl/v1/body/${councilId}/meetings`)).pagination.totalElements,
      )
      assert.ok(page.pagination.totalElements >= 30)
    })

    it('finds an object of an up-to-date body by its URL in one query, and the long way after a change', async () => {
      const list = await get(`/oparl/v1/body/${councilId}/meetings?limit=3`)
      const meeting = list.data[2]!
      const queries: string[] = []
      t.testDb.observeQueries((query) => !/rate_limit_hits/.test(query) && queries.push(query))
      const found = await get(meeting.id)
      t.testDb.observeQueries(undefined)
      assert.equal(found.data, undefined)
      assert.equal((found as unknown as { id: string }).id, meeting.id)
      // The data version (http-cache.ts) and the object from oparl_entries.
      assert.equal(queries.length, 2, queries.join('\n'))
      for (const query of queries) assert.doesNotMatch(query, SOURCE_TABLES)
      // After a change the body's entries are stale: the object is looked up the long way, rebuilt.
      await addMeetings(1)
      const later: string[] = []
      t.testDb.observeQueries((query) => later.push(query))
      const again = (await get(list.data[1]!.id)) as unknown as { id: string; name: string }
      t.testDb.observeQueries(undefined)
      assert.equal(again.id, list.data[1]!.id)
      assert.equal(again.name, list.data[1]!.name)
      assert.ok(
        later.some((q) => SOURCE_TABLES.test(q)),
        'built again after the change',
      )
      const unknown = await t.app.inject('/oparl/v1/meeting/00000000-0000-4000-8000-000000000001')
      assert.equal(unknown.statusCode, 404)
    })

    it('refuses a cursor it did not hand out, as an OParl error', async () => {
      const cursor = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
      for (const after of [
        'bm9wZQ',
        'W10',
        'x!',
        // times the database cannot hold, and ids of the wrong type
        cursor([8.64e15, 'x']),
        cursor([-8.64e15, 'x']),
        cursor([0, 42]),
        cursor([1e300, 'x']),
      ]) {
        const res = await t.app.inject(`/oparl/v1/body/${councilId}/meetings?after=${after}`)
        assert.equal(res.statusCode, 400, after)
        assert.equal(res.json().type, 'https://schema.oparl.org/1.1/Error')
      }
    })
  })
}
