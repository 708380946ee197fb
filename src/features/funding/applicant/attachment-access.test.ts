import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eq } from 'drizzle-orm'
import { createTestApp, type TestApp } from '../../../../test/helpers/app'
import { dbKinds } from '../../../../test/helpers/db'
import {
  registerMso,
  seedProgramme,
  submittedMsoApplication,
  TINY_PDF,
} from '../../../../test/helpers/funding'
import { inTransaction } from '../../../platform/db'
import type { FileRequester, StoredFile } from '../../../platform/files'
import { fundingAttachments } from '../tables'
import { canDownloadAttachment } from './attachment-access'

/**
 * The download rule of application attachments on its own (the route in files.test.ts and the
 * journey in routes.test.ts go through it too): whoever may read the application, and for a stored
 * file no application refers to, reviewers only.
 */
for (const kind of dbKinds()) {
  describe(`who may download an application's attachment (${kind})`, () => {
    let t: TestApp
    let attachment: StoredFile
    let orphan: StoredFile
    let applicantId: string
    let strangerId: string
    let officerId: string

    /** A signed-in requester holding exactly these permissions. */
    const requester = (id: string, permissions: string[]): FileRequester => ({
      user: { id, email: `${id}@example.org`, displayName: 'Person', roles: [] },
      can: (p) => permissions.includes(p),
    })
    const may = (who: FileRequester, file: StoredFile) => canDownloadAttachment(who, file, t.deps.db)

    before(async () => {
      t = await createTestApp(kind)
      await seedProgramme(t.deps)
      const mso = await registerMso(t.deps)
      applicantId = mso.userId
      const appId = await submittedMsoApplication(t.deps, mso.orgId, mso.actor)
      strangerId = (
        await registerMso(t.deps, { email: 'fremd@example.org', organisationName: 'Fremd e. V.' })
      ).userId
      officerId = await t.createUser('officer@rp.example', ['funding_officer'])
      const [link] = await t.deps.db
        .select()
        .from(fundingAttachments)
        .where(eq(fundingAttachments.applicationId, appId))
        .limit(1)
      attachment = (await t.deps.files.meta(t.deps.db, link!.fileId))!
      const stored = await inTransaction(t.deps.db, (tx) =>
        t.deps.files.store(
          tx,
          { bytes: TINY_PDF, originalName: 'los.pdf', createdBy: null, owner: attachment.owner },
          ['application/pdf'],
        ),
      )
      assert.ok(stored.ok)
      orphan = (await t.deps.files.meta(t.deps.db, stored.id))!
    })
    after(() => t.close())

    it('lets the applicant’s organisation and reviewers download, no other applicant', async () => {
      assert.equal(await may(requester(applicantId, ['funding.apply']), attachment), true, 'applicant')
      assert.equal(await may(requester(applicantId, []), attachment), true, 'its organisation reads it')
      assert.equal(await may(requester(officerId, ['funding.review']), attachment), true, 'reviewer')
      assert.equal(await may(requester(strangerId, ['funding.apply']), attachment), false, 'other applicant')
      assert.equal(await may(requester(officerId, ['funding.approve']), attachment), false, 'no review right')
    })

    it('refuses a visitor, whatever the permission check says', async () => {
      assert.equal(await may({ user: null, can: () => true }, attachment), false)
      assert.equal(await may({ user: null, can: () => true }, orphan), false)
    })

    it('gives a file no application refers to reviewers only', async () => {
      assert.equal(await may(requester(officerId, ['funding.review']), orphan), true, 'reviewer')
      assert.equal(await may(requester(applicantId, ['funding.apply']), orphan), false, 'applicant')
      assert.equal(await may(requester(officerId, ['funding.approve']), orphan), false, 'no review right')
    })
  })
}
