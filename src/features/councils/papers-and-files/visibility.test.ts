import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { dbKinds, openTestDatabase, type TestDatabase } from '../../../../test/helpers/db'
import { CLI_ACTOR } from '../../../platform/audit'
import { users } from '../../../platform/auth/tables'
import type { Db } from '../../../platform/db'
import type { FileRequester } from '../../../platform/files'
import { createPerson } from '../../directory/create-person'
import { canReadNonPublic } from '../bodies-and-members/assign-council-staff'
import { createCouncil } from '../bodies-and-members/manage-councils'
import { agendaItems, councilMemberships, councilStaff, meetings, papers } from '../tables'
import { paperIsPublic } from './paper-visibility'

/**
 * The two rules behind every non-public council item, on their own: which papers are hidden from
 * the public (paperIsPublic, shared by the web pages, downloads and OParl) and who may read
 * non-public items of a body (canReadNonPublic). The pages and downloads using them are tested in
 * files.test.ts and meetings.test.ts.
 */
for (const kind of dbKinds()) {
  describe(`visibility of non-public council items (${kind})`, () => {
    let tdb: TestDatabase
    let db: Db
    let council: string
    let other: string
    let meeting: string
    let n = 0
    before(async () => {
      tdb = await openTestDatabase(kind)
      db = tdb.database.db
      council = await createCouncil(db, CLI_ACTOR, { kind: 'auslaenderbeirat', name: 'Beirat Sichtbarkeit' })
      other = await createCouncil(db, CLI_ACTOR, { kind: 'auslaenderbeirat', name: 'Beirat Anderswo' })
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

    // ---- who reads non-public items

    /** A user linked to a council (as its secretary) and/or a person (as a delegate). */
    async function staff(link: { councilId?: string; personId?: string } | null) {
      const [u] = await db
        .insert(users)
        .values({ email: `nutzer${++n}@example.org`, displayName: `Nutzer ${n}`, passwordHash: 'x' })
        .returning()
      if (link) await db.insert(councilStaff).values({ userId: u!.id, ...link })
      return u!
    }
    const as = (user: typeof users.$inferSelect | null, permissions: string[]): FileRequester => ({
      user: user && { id: user.id, email: user.email, displayName: user.displayName, roles: [] },
      can: (p) => permissions.includes(p),
    })
    const READ = 'meetings.readNonPublic'
    const day = (iso: string) => new Date(`${iso}T12:00:00Z`)
    async function member(councilId: string, startsOn: string, endsOn: string | null, deleted = false) {
      const personId = await createPerson(db, CLI_ACTOR, { givenName: 'Dele', familyName: `Gierte ${++n}` })
      await db.insert(councilMemberships).values({
        councilId,
        personId,
        role: 'member',
        startsOn,
        endsOn,
        deletedAt: deleted ? new Date() : null,
      })
      return personId
    }

    it('lets the agah office read every body’s non-public items, and nobody without the permission', async () => {
      const office = await staff(null)
      assert.equal(
        await canReadNonPublic(db, as(office, [READ, 'councils.manage']), council, day('2030-05-05')),
        true,
      )
      assert.equal(
        await canReadNonPublic(db, as(office, ['councils.manage']), council, day('2030-05-05')),
        false,
      )
      assert.equal(
        await canReadNonPublic(db, as(null, [READ, 'councils.manage']), council, day('2030-05-05')),
        false,
      )
      assert.equal(
        await canReadNonPublic(db, as(office, [READ]), council, day('2030-05-05')),
        false,
        'no link',
      )
    })

    it('lets a secretary read the own body’s non-public items, not another’s', async () => {
      const secretary = await staff({ councilId: council })
      const own = [READ, 'councils.manageOwn']
      assert.equal(await canReadNonPublic(db, as(secretary, own), council, day('2030-05-05')), true)
      assert.equal(await canReadNonPublic(db, as(secretary, own), other, day('2030-05-05')), false)
      assert.equal(
        await canReadNonPublic(db, as(secretary, [READ]), council, day('2030-05-05')),
        false,
        'linked, but without managing its own body',
      )
    })

    it('lets a delegate read them only while a member of the body on the meeting day', async () => {
      const current = await staff({ personId: await member(council, '2030-01-01', null) })
      const ended = await staff({ personId: await member(council, '2029-01-01', '2030-05-04') })
      const endsThatDay = await staff({ personId: await member(council, '2029-01-01', '2030-05-05') })
      const startsThatDay = await staff({ personId: await member(council, '2030-05-05', null) })
      const later = await staff({ personId: await member(council, '2030-05-06', null) })
      const removed = await staff({ personId: await member(council, '2030-01-01', null, true) })
      const elsewhere = await staff({ personId: await member(other, '2030-01-01', null) })
      const noPerson = await staff({})
      const on = day('2030-05-05')
      const reads = async (u: typeof users.$inferSelect) => canReadNonPublic(db, as(u, [READ]), council, on)
      assert.equal(await reads(current), true, 'a member since January')
      assert.equal(await reads(endsThatDay), true, 'the membership ends on the meeting day')
      assert.equal(await reads(startsThatDay), true, 'the membership starts on the meeting day')
      assert.equal(await reads(ended), false, 'the membership ended the day before')
      assert.equal(await reads(later), false, 'the membership starts the day after')
      assert.equal(await reads(removed), false, 'a removed membership')
      assert.equal(await reads(elsewhere), false, 'a member of another body')
      assert.equal(await reads(noPerson), false, 'a staff link without a person')
      assert.equal(await canReadNonPublic(db, as(current, []), council, on), false, 'without the permission')
    })
  })
}
