import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { dbKinds, openTestDatabase, type TestDatabase } from '../../../../test/helpers/db'
import { CLI_ACTOR } from '../../../platform/audit'
import { users } from '../../../platform/auth/tables'
import type { Db } from '../../../platform/db'
import type { FileRequester, StoredFile } from '../../../platform/files'
import { storedFiles } from '../../../platform/files/tables'
import { createPerson } from '../../directory/create-person'
import { createCouncil } from '../bodies-and-members/manage-councils'
import {
  agendaItems,
  councilFiles,
  councilMemberships,
  councilStaff,
  councils,
  meetings,
  papers,
} from '../tables'
import { canDownloadMinutesFile, canDownloadPaperFile } from './files-access'

/**
 * The download rules of council files on their own (files.test.ts goes through them from the
 * download route): paper files follow the paper's visibility, minutes files their publication, and
 * the staff managing the council always get theirs, removed ones included.
 */
for (const kind of dbKinds()) {
  describe(`who may download a council file (${kind})`, () => {
    let tdb: TestDatabase
    let db: Db
    let n = 0
    const who = {} as Record<
      | 'visitor'
      | 'office'
      | 'secretary'
      | 'foreignSecretary'
      | 'unlinkedSecretary'
      | 'delegate'
      | 'lateDelegate',
      FileRequester
    >
    let council: string
    let other: string

    async function user(link?: { councilId?: string; personId?: string }) {
      const [u] = await db
        .insert(users)
        .values({ email: `datei${++n}@example.org`, displayName: `Nutzer ${n}`, passwordHash: 'x' })
        .returning()
      if (link) await db.insert(councilStaff).values({ userId: u!.id, ...link })
      return { id: u!.id, email: u!.email, displayName: u!.displayName, roles: [] }
    }
    const holding =
      (...permissions: string[]) =>
      (p: string) =>
        permissions.includes(p)
    async function delegate(startsOn: string) {
      const personId = await createPerson(db, CLI_ACTOR, { givenName: 'Dele', familyName: `Gierte ${++n}` })
      await db.insert(councilMemberships).values({ councilId: council, personId, role: 'member', startsOn })
      return user({ personId })
    }

    before(async () => {
      tdb = await openTestDatabase(kind)
      db = tdb.database.db
      council = await createCouncil(db, CLI_ACTOR, { kind: 'auslaenderbeirat', name: 'Beirat Dateirechte' })
      other = await createCouncil(db, CLI_ACTOR, { kind: 'auslaenderbeirat', name: 'Beirat Anderswo' })
      const read = 'meetings.readNonPublic'
      who.visitor = { user: null, can: holding('councils.manage', 'councils.manageOwn', read) }
      who.office = { user: await user(), can: holding('councils.manage', read) }
      who.secretary = { user: await user({ councilId: council }), can: holding('councils.manageOwn', read) }
      who.foreignSecretary = {
        user: await user({ councilId: other }),
        can: holding('councils.manageOwn', read),
      }
      who.unlinkedSecretary = { user: await user(), can: holding('councils.manageOwn', read) }
      // Papers are dated 2030-05-01: one delegate is a member then, the other only from the day after.
      who.delegate = { user: await delegate('2030-01-01'), can: holding(read) }
      who.lateDelegate = { user: await delegate('2030-05-02'), can: holding(read) }
    })
    after(() => tdb.drop())

    async function stored(): Promise<StoredFile> {
      const [f] = await db
        .insert(storedFiles)
        .values({
          sha256: 'a'.repeat(64),
          owner: 'councils.file',
          size: 1,
          mediaType: 'application/pdf',
          extension: 'pdf',
          originalName: `datei${++n}.pdf`,
        })
        .returning()
      return f!
    }
    /** A file of a new paper of `councilId` (on a non-public agenda item when `secret`). */
    async function paperFile(opts: { secret?: boolean; councilId?: string } = {}) {
      const councilId = opts.councilId ?? council
      const [p] = await db
        .insert(papers)
        .values({
          councilId,
          kind: 'motion',
          reference: `DR/${++n}`,
          title: `Vorlage ${n}`,
          date: '2030-05-01',
        })
        .returning()
      if (opts.secret) {
        const [m] = await db
          .insert(meetings)
          .values({ councilId, title: 'Sitzung', startsAt: new Date('2030-05-10T16:00:00Z') })
          .returning()
        await db
          .insert(agendaItems)
          .values({ meetingId: m!.id, position: 1, title: 'TOP', paperId: p!.id, public: false })
      }
      const file = await stored()
      const [link] = await db
        .insert(councilFiles)
        .values({
          fileId: file.id,
          councilId,
          paperId: p!.id,
          role: 'attachment',
          name: 'Anlage',
          sha512: 'x',
        })
        .returning()
      return { file, paperId: p!.id, linkId: link!.id, councilId }
    }
    async function minutesFile(minutesState: 'draft' | 'approved' | 'published', councilId = council) {
      const [m] = await db
        .insert(meetings)
        .values({ councilId, title: 'Sitzung', startsAt: new Date('2030-04-10T16:00:00Z'), minutesState })
        .returning()
      const file = await stored()
      const [link] = await db
        .insert(councilFiles)
        .values({
          fileId: file.id,
          councilId,
          meetingId: m!.id,
          role: 'main',
          name: 'Niederschrift',
          sha512: 'x',
        })
        .returning()
      return { file, meetingId: m!.id, linkId: link!.id, councilId }
    }
    /** The names of everyone the rule lets download `file`. */
    async function allowed(rule: typeof canDownloadPaperFile, file: StoredFile) {
      const yes: string[] = []
      for (const [name, requester] of Object.entries(who)) if (await rule(requester, file, db)) yes.push(name)
      return yes
    }
    const removeLink = (id: string) =>
      db.update(councilFiles).set({ deletedAt: new Date() }).where(eq(councilFiles.id, id))
    const STAFF = ['office', 'secretary']

    it('gives a file of a public paper to everyone', async () => {
      const f = await paperFile()
      assert.deepEqual(await allowed(canDownloadPaperFile, f.file), Object.keys(who))
    })

    it('gives a file of a non-public paper to the staff and delegates who are members on the paper’s date', async () => {
      const f = await paperFile({ secret: true })
      assert.deepEqual(await allowed(canDownloadPaperFile, f.file), [...STAFF, 'delegate'])
    })

    it('gives a removed file, or one of a removed paper or body, to the staff managing the council only', async () => {
      const removed = await paperFile()
      await removeLink(removed.linkId)
      assert.deepEqual(await allowed(canDownloadPaperFile, removed.file), STAFF, 'file removed')
      const ofDeletedPaper = await paperFile()
      await db.update(papers).set({ deletedAt: new Date() }).where(eq(papers.id, ofDeletedPaper.paperId))
      assert.deepEqual(await allowed(canDownloadPaperFile, ofDeletedPaper.file), STAFF, 'paper deleted')
      const body = await createCouncil(db, CLI_ACTOR, { kind: 'auslaenderbeirat', name: 'Beirat aufgelöst' })
      const ofDeletedBody = await paperFile({ councilId: body })
      await db.update(councils).set({ deletedAt: new Date() }).where(eq(councils.id, body))
      assert.deepEqual(await allowed(canDownloadPaperFile, ofDeletedBody.file), ['office'], 'body deleted')
    })

    it('gives a removed file to no one linked to the body who may not manage it', async () => {
      const removed = await paperFile()
      await removeLink(removed.linkId)
      const linked = { user: await user({ councilId: council }), can: holding('meetings.readNonPublic') }
      assert.equal(await canDownloadPaperFile(linked, removed.file, db), false)
    })

    it('gives the other body’s secretary a removed file of that body, not ours', async () => {
      const theirs = await paperFile({ councilId: other })
      await removeLink(theirs.linkId)
      assert.deepEqual(await allowed(canDownloadPaperFile, theirs.file), ['office', 'foreignSecretary'])
    })

    it('gives minutes files to the staff until the minutes are published, then to everyone', async () => {
      for (const state of ['draft', 'approved'] as const) {
        const f = await minutesFile(state)
        assert.deepEqual(await allowed(canDownloadMinutesFile, f.file), STAFF, state)
      }
      const published = await minutesFile('published')
      assert.deepEqual(await allowed(canDownloadMinutesFile, published.file), Object.keys(who))
      await removeLink(published.linkId)
      assert.deepEqual(await allowed(canDownloadMinutesFile, published.file), STAFF, 'removed')
      const ofDeletedMeeting = await minutesFile('published')
      await db
        .update(meetings)
        .set({ deletedAt: new Date() })
        .where(eq(meetings.id, ofDeletedMeeting.meetingId))
      assert.deepEqual(await allowed(canDownloadMinutesFile, ofDeletedMeeting.file), STAFF, 'meeting deleted')
      const body = await createCouncil(db, CLI_ACTOR, {
        kind: 'auslaenderbeirat',
        name: 'Beirat geschlossen',
      })
      const ofDeletedBody = await minutesFile('published', body)
      await db.update(councils).set({ deletedAt: new Date() }).where(eq(councils.id, body))
      assert.deepEqual(await allowed(canDownloadMinutesFile, ofDeletedBody.file), ['office'], 'body deleted')
    })

    it('gives nobody a stored file that is no council file, nor a minutes file as a paper file', async () => {
      const loose = await stored()
      assert.deepEqual(await allowed(canDownloadPaperFile, loose), [])
      assert.deepEqual(await allowed(canDownloadMinutesFile, loose), [])
      const minutes = await minutesFile('published')
      assert.deepEqual(await allowed(canDownloadPaperFile, minutes.file), [])
      const paper = await paperFile()
      assert.deepEqual(await allowed(canDownloadMinutesFile, paper.file), [])
    })
  })
}
