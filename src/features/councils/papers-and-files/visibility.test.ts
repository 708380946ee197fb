import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { dbKinds, openTestDatabase, type TestDatabase } from '../../../../test/helpers/db'
import { CLI_ACTOR } from '../../../platform/audit'
import type { Db } from '../../../platform/db'
import { createCouncil } from '../bodies-and-members/manage-councils'
import { agendaItems, meetings, papers } from '../tables'
import { paperIsPublic } from './paper-visibility'

/**
 * The rule behind every non-public council paper, on its own: which papers are hidden from the
 * public (paperIsPublic, shared by the web pages, downloads and OParl). Who may read non-public
 * items is tested through the download rules in files-access.test.ts; the pages in files.test.ts
 * and meetings.test.ts.
 */
for (const kind of dbKinds()) {
  describe(`visibility of papers on non-public items (${kind})`, () => {
    let tdb: TestDatabase
    let db: Db
    let council: string
    let meeting: string
    let n = 0
    before(async () => {
      tdb = await openTestDatabase(kind)
      db = tdb.database.db
      council = await createCouncil(db, CLI_ACTOR, { kind: 'auslaenderbeirat', name: 'Beirat Sichtbarkeit' })
      const [m] = await db
        .insert(meetings)
        .values({ councilId: council, title: 'Sitzung', startsAt: new Date('2030-05-05T16:00:00Z') })
        .returning()
      meeting = m!.id
    })
    after(() => tdb.drop())

    /** A paper, optionally deriving from another and on an agenda item (public or not, live or removed). */
    async function paper(
      opts: { relatedPaperId?: string; item?: 'public' | 'secret' | 'removedSecret' } = {},
    ) {
      const [p] = await db
        .insert(papers)
        .values({
          councilId: council,
          kind: 'motion',
          reference: `SV/${++n}`,
          title: `Vorlage ${n}`,
          date: '2030-05-01',
          relatedPaperId: opts.relatedPaperId ?? null,
        })
        .returning()
      if (opts.item)
        await db.insert(agendaItems).values({
          meetingId: meeting,
          position: n,
          title: `TOP ${n}`,
          paperId: p!.id,
          public: opts.item === 'public',
          deletedAt: opts.item === 'removedSecret' ? new Date() : null,
        })
      return p!
    }
    const isPublic = async (p: { id: string }) => {
      const [row] = await db.select().from(papers).where(eq(papers.id, p.id))
      return paperIsPublic(db, row!)
    }

    it('hides a paper on a live non-public item, and only such a paper', async () => {
      assert.equal(await isPublic(await paper()), true, 'on no agenda')
      assert.equal(await isPublic(await paper({ item: 'public' })), true, 'on a public item')
      assert.equal(await isPublic(await paper({ item: 'secret' })), false, 'on a non-public item')
      assert.equal(
        await isPublic(await paper({ item: 'removedSecret' })),
        true,
        'the non-public item was removed',
      )
    })

    it('hides every paper deriving from a hidden one, however far down the chain', async () => {
      const secret = await paper({ item: 'secret' })
      const amendment = await paper({ relatedPaperId: secret.id, item: 'public' })
      const ofAmendment = await paper({ relatedPaperId: amendment.id })
      assert.equal(await isPublic(amendment), false, 'the amendment of a non-public motion')
      assert.equal(await isPublic(ofAmendment), false, 'two steps down')
      const open = await paper({ item: 'public' })
      assert.equal(
        await isPublic(await paper({ relatedPaperId: open.id })),
        true,
        'derived from a public one',
      )
      // A paper never makes the one it derives from hidden.
      assert.equal(await isPublic(open), true)
    })

    it('ends on a cycle of references and follows at most 50 papers', async () => {
      const a = await paper()
      const b = await paper({ relatedPaperId: a.id })
      await db.update(papers).set({ relatedPaperId: b.id }).where(eq(papers.id, a.id))
      assert.equal(await isPublic(a), true, 'a ↔ b, neither hidden')
      const secret = await paper({ item: 'secret' })
      const c = await paper({ relatedPaperId: secret.id })
      await db.update(papers).set({ relatedPaperId: c.id }).where(eq(papers.id, secret.id))
      assert.equal(await isPublic(c), false, 'a cycle through a hidden paper')
      // A chain of 51: the hidden paper at its end is the 51st and is not followed any more.
      let last = await paper({ item: 'secret' })
      const chain = [last]
      for (let i = 0; i < 50; i++) {
        last = await paper({ relatedPaperId: last.id })
        chain.push(last)
      }
      assert.equal(await isPublic(chain[1]!), false, 'the hidden paper is the 2nd in the chain')
      assert.equal(await isPublic(chain[49]!), false, 'the hidden paper is the 50th in the chain')
      assert.equal(await isPublic(chain[50]!), true, 'the hidden paper would be the 51st')
    })
  })
}
