import { asc, eq } from 'drizzle-orm'
import { defineAccess } from '../../platform/access-rules'
import { CLI_ACTOR } from '../../platform/audit'
import { addAttachment } from './manage-attachments'
import { createContact } from './manage-contacts'
import { createRelease } from './save-release'
import { pressAttachments, pressReleases, pressRevisions, pressTopics } from './tables'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')

const editors = ['press', 'admin']

/**
 * Press releases (authorisation matrix): the public pages for anyone, the desk for the press office.
 * Record level: a draft's attachment is served to the press office only (404 for everyone else).
 */
export const access = defineAccess({
  async fixtures({ deps }) {
    const [published] = await deps.db
      .select({ id: pressReleases.id, slug: pressReleases.slug })
      .from(pressReleases)
      .where(eq(pressReleases.status, 'published'))
      .limit(1)
    const [topic] = await deps.db.select({ slug: pressTopics.slug }).from(pressTopics).limit(1)
    if (!published || !topic) throw new Error('the demo data has no published release')
    // The demo release names the operator's press office, so the matrix brings its own contact.
    const contact = {
      id: await createContact(deps.db, CLI_ACTOR, { name: 'Matrix-Kontakt', organisation: 'Pressestelle' }),
    }
    const draft = await createRelease(deps.db, CLI_ACTOR, { title: 'Matrix draft', body: 'Not yet public.' })
    if (!draft.ok) throw new Error('could not create the matrix draft')
    const attachment = await addAttachment(deps.db, deps.files, CLI_ACTOR, draft.value.id, {
      title: 'Entwurf',
      fileName: 'entwurf.pdf',
      bytes: PDF,
      truncated: false,
    })
    if (!attachment.ok) throw new Error(`could not attach: ${attachment.problems[0]?.key}`)
    const [revision] = await deps.db
      .select({ id: pressRevisions.id })
      .from(pressRevisions)
      .where(eq(pressRevisions.releaseId, published.id))
      .orderBy(asc(pressRevisions.createdAt))
      .limit(1)
    const [att] = await deps.db
      .select({ id: pressAttachments.id, fileId: pressAttachments.fileId })
      .from(pressAttachments)
      .where(eq(pressAttachments.releaseId, draft.value.id))
    return {
      releaseId: published.id,
      slug: published.slug,
      topic: topic.slug,
      contactId: contact.id,
      revisionId: revision?.id ?? '',
      draftId: draft.value.id,
      draftSlug: draft.value.slug,
      attachmentId: att?.id ?? '',
      draftFileId: att?.fileId ?? '',
    }
  },
  routes: {
    'GET /presse': { allow: 'anyone' },
    'GET /presse/suche': { allow: 'anyone', query: 'q=Integration' },
    'GET /presse/feed.atom': { allow: 'anyone' },
    'GET /presse/themen/:topic/feed.atom': { allow: 'anyone', params: (f) => ({ topic: f.topic }) },
    'GET /presse/sitemap.xml': { allow: 'anyone' },
    'GET /presse/:slug': { allow: 'anyone', params: (f) => ({ slug: f.slug }) },
    'GET /presse/:slug/dateien/:fileId/:name': {
      allow: editors,
      params: (f) => ({ slug: f.draftSlug, fileId: f.draftFileId, name: 'entwurf.pdf' }),
      // A draft's file is not revealed to anyone outside the press office, not even by a redirect.
      refused: 404,
    },
    'GET /presse/redaktion': { allow: editors },
    'GET /presse/redaktion/neu': { allow: editors },
    'POST /presse/redaktion/neu': { allow: editors },
    'GET /presse/redaktion/themen': { allow: editors },
    'POST /presse/redaktion/themen': { allow: editors },
    'GET /presse/redaktion/kontakte': { allow: editors },
    'GET /presse/redaktion/kontakte/neu': { allow: editors },
    'POST /presse/redaktion/kontakte/neu': { allow: editors },
    'GET /presse/redaktion/kontakte/:id': { allow: editors, params: (f) => ({ id: f.contactId }) },
    'POST /presse/redaktion/kontakte/:id': { allow: editors, params: (f) => ({ id: f.contactId }) },
    'GET /presse/redaktion/:id': { allow: editors, params: (f) => ({ id: f.releaseId }) },
    'POST /presse/redaktion/:id': { allow: editors, params: (f) => ({ id: f.releaseId }) },
    'POST /presse/redaktion/:id/status': { allow: editors, params: (f) => ({ id: f.releaseId }) },
    'POST /presse/redaktion/:id/anhaenge': { allow: editors, params: (f) => ({ id: f.draftId }) },
    'POST /presse/redaktion/:id/anhaenge/:attachmentId/entfernen': {
      allow: editors,
      params: (f) => ({ id: f.draftId, attachmentId: f.attachmentId }),
    },
    'GET /presse/redaktion/:id/downloads': { allow: editors, params: (f) => ({ id: f.draftId }) },
    'GET /presse/redaktion/:id/veroeffentlichung': { allow: editors, params: (f) => ({ id: f.draftId }) },
    'GET /presse/redaktion/:id/vorschau': { allow: editors, params: (f) => ({ id: f.draftId }) },
    'GET /presse/redaktion/:id/veroeffentlichen': { allow: editors, params: (f) => ({ id: f.draftId }) },
    'GET /presse/redaktion/:id/versionen': { allow: editors, params: (f) => ({ id: f.releaseId }) },
    'GET /presse/redaktion/:id/versionen/:revisionId': {
      allow: editors,
      params: (f) => ({ id: f.releaseId, revisionId: f.revisionId }),
    },
    'POST /presse/redaktion/:id/versionen/:revisionId/wiederherstellen': {
      allow: editors,
      params: (f) => ({ id: f.releaseId, revisionId: f.revisionId }),
    },
  },
})
