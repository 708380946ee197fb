import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { App, AppDeps } from '../../platform/feature'
import { type FieldMessages, parseForm, problemErrors } from '../../platform/http/forms'
import { requirePermission } from '../../platform/http/plugin'
import type { MessageKey } from '../../platform/i18n'
import { IdParams, Uuid } from '../../platform/ids'
import { isNotFound } from '../../platform/outcome'
import { emptyForm, type FormState } from '../../platform/ui/form'
import { changeReleaseStatus } from './change-release-status'
import { addAttachment, removeAttachment } from './manage-attachments'
import { createContact, updateContact } from './manage-contacts'
import { createTopic } from './manage-topics'
import {
  contactById,
  findById,
  listAllReleases,
  listContacts,
  listRevisions,
  listTopics,
  type ReleaseDetail,
  revisionById,
} from './queries'
import {
  createRelease,
  type ReleaseInput,
  restoreRevision,
  staleVersion,
  updateRelease,
} from './save-release'
import {
  AttachmentForm,
  ContactForm,
  parseBerlinDateTime,
  ReleaseForm,
  StatusForm,
  TopicForm,
} from './schema'
import { ContactFormPage, ContactsPage, DeskIndexPage, TopicsPage } from './views/desk'
import {
  ConfirmPublishPage,
  type EditForms,
  EditReleasePage,
  type EditSection,
  editSectionHref,
  NewReleasePage,
  RevisionPage,
  RevisionsPage,
} from './views/editor'
import { ReleasePage } from './views/release-page'

const DESK = '/presse/redaktion'

const AttachmentParams = Type.Object({ id: Uuid(), attachmentId: Uuid() })
const RevisionParams = Type.Object({ id: Uuid(), revisionId: Uuid() })

const RELEASE_MESSAGES: FieldMessages = {
  title: { required: 'press.error.titleRequired', minLength: 'press.error.titleRequired' },
  body: { required: 'press.error.bodyRequired', minLength: 'press.error.bodyRequired' },
}

function toInput(v: {
  title: string
  subtitle?: string | undefined
  slug?: string | undefined
  teaser?: string | undefined
  dateline?: string | undefined
  body: string
  contactId?: string | undefined
  topicIds?: string | string[] | undefined
}): ReleaseInput {
  return {
    ...v,
    topicIds: v.topicIds === undefined ? [] : Array.isArray(v.topicIds) ? v.topicIds : [v.topicIds],
  }
}

function valuesOf(detail: ReleaseDetail): Record<string, unknown> {
  const r = detail.release
  return {
    title: r.title,
    subtitle: r.subtitle ?? '',
    slug: r.slug,
    teaser: r.teaser,
    dateline: r.dateline ?? '',
    body: r.body,
    contactId: r.contactId ?? '',
    topicIds: detail.topics.map((x) => x.id),
    version: r.version,
  }
}

export function staffRoutes(app: App, deps: AppDeps): void {
  const { db } = deps
  const edit = { preHandler: requirePermission('press.edit') }
  const publish = { preHandler: requirePermission('press.publish') }
  const maxMb = Math.round(deps.config.uploadMaxBytes / (1024 * 1024))

  async function renderEdit(
    request: FastifyRequest,
    reply: FastifyReply,
    detail: ReleaseDetail,
    forms: Partial<EditForms>,
    status = 200,
  ) {
    // A refused form comes back on the sub-page it belongs to.
    const section: EditSection = forms.upload ? 'downloads' : forms.status ? 'publication' : 'content'
    const [topics, contacts] = await Promise.all([listTopics(db), listContacts(db)])
    return reply.page(
      <EditReleasePage
        ctx={request.pageContext()}
        detail={detail}
        section={section}
        forms={{
          release: forms.release ?? { values: valuesOf(detail), errors: {} },
          status: forms.status ?? emptyForm,
          upload: forms.upload ?? emptyForm,
        }}
        topics={topics}
        contacts={contacts}
        maxMb={maxMb}
      />,
      status,
    )
  }

  app.get(DESK, edit, async (request, reply) =>
    reply.page(<DeskIndexPage ctx={request.pageContext()} releases={await listAllReleases(db)} />),
  )

  app.get(`${DESK}/neu`, edit, async (request, reply) => {
    const [topics, contacts] = await Promise.all([listTopics(db), listContacts(db)])
    return reply.page(
      <NewReleasePage ctx={request.pageContext()} form={emptyForm} topics={topics} contacts={contacts} />,
    )
  })

  app.post(`${DESK}/neu`, edit, async (request, reply) => {
    const parsed = parseForm(ReleaseForm, request.body, request.t, RELEASE_MESSAGES)
    let form: FormState
    if (parsed.ok) {
      const result = await createRelease(db, request.actor(), toInput(parsed.value))
      if (result.ok) return reply.seeOther(`${DESK}/${result.value.id}`, 'press.flash.created')
      if (isNotFound(result)) return reply.errorPage(404)
      form = {
        values: parsed.value as Record<string, unknown>,
        errors: problemErrors(request.t, result.problems),
      }
    } else form = parsed.state
    const [topics, contacts] = await Promise.all([listTopics(db), listContacts(db)])
    return reply.page(
      <NewReleasePage ctx={request.pageContext()} form={form} topics={topics} contacts={contacts} />,
      400,
    )
  })

  app.get(`${DESK}/themen`, edit, async (request, reply) =>
    reply.page(<TopicsPage ctx={request.pageContext()} topics={await listTopics(db)} form={emptyForm} />),
  )

  app.post(`${DESK}/themen`, edit, async (request, reply) => {
    const parsed = parseForm(TopicForm, request.body, request.t)
    let form: FormState
    if (parsed.ok) {
      const result = await createTopic(db, request.actor(), parsed.value)
      if (result.ok) return reply.seeOther(`${DESK}/themen`, 'press.flash.topicCreated')
      form = {
        values: parsed.value as Record<string, unknown>,
        errors: problemErrors(request.t, result.problems),
      }
    } else form = parsed.state
    return reply.page(
      <TopicsPage ctx={request.pageContext()} topics={await listTopics(db)} form={form} />,
      400,
    )
  })

  app.get(`${DESK}/kontakte`, edit, async (request, reply) =>
    reply.page(<ContactsPage ctx={request.pageContext()} contacts={await listContacts(db)} />),
  )
  app.get(`${DESK}/kontakte/neu`, edit, async (request, reply) =>
    reply.page(<ContactFormPage ctx={request.pageContext()} form={emptyForm} />),
  )
  app.post(`${DESK}/kontakte/neu`, edit, async (request, reply) => {
    const parsed = parseForm(ContactForm, request.body, request.t, { postalCode: 'press.error.postalCode' })
    if (!parsed.ok)
      return reply.page(<ContactFormPage ctx={request.pageContext()} form={parsed.state} />, 400)
    await createContact(db, request.actor(), parsed.value)
    return reply.seeOther(`${DESK}/kontakte`, 'press.flash.contactSaved')
  })
  app.get(`${DESK}/kontakte/:id`, { schema: { params: IdParams }, ...edit }, async (request, reply) => {
    const { id } = request.params
    const contact = await contactById(db, id)
    if (!contact) return reply.errorPage(404)
    const values = Object.fromEntries(Object.entries(contact).map(([k, v]) => [k, v ?? '']))
    return reply.page(
      <ContactFormPage ctx={request.pageContext()} form={{ values, errors: {} }} contactId={id} />,
    )
  })
  app.post(`${DESK}/kontakte/:id`, { schema: { params: IdParams }, ...edit }, async (request, reply) => {
    const { id } = request.params
    const parsed = parseForm(ContactForm, request.body, request.t, { postalCode: 'press.error.postalCode' })
    if (!parsed.ok) {
      if (!(await contactById(db, id))) return reply.errorPage(404)
      return reply.page(
        <ContactFormPage ctx={request.pageContext()} form={parsed.state} contactId={id} />,
        400,
      )
    }
    if (!(await updateContact(db, request.actor(), id, parsed.value))) return reply.errorPage(404)
    return reply.seeOther(`${DESK}/kontakte`, 'press.flash.contactSaved')
  })

  app.get(`${DESK}/:id`, { schema: { params: IdParams }, ...edit }, async (request, reply) => {
    const { id } = request.params
    const detail = await findById(db, id)
    if (!detail) return reply.errorPage(404)
    return renderEdit(request, reply, detail, {})
  })

  app.get(`${DESK}/:id/downloads`, { schema: { params: IdParams }, ...edit }, async (request, reply) => {
    const detail = await findById(db, request.params.id)
    if (!detail) return reply.errorPage(404)
    return renderEdit(request, reply, detail, { upload: emptyForm })
  })

  app.get(
    `${DESK}/:id/veroeffentlichung`,
    { schema: { params: IdParams }, ...publish },
    async (request, reply) => {
      const detail = await findById(db, request.params.id)
      if (!detail) return reply.errorPage(404)
      return renderEdit(request, reply, detail, { status: emptyForm })
    },
  )

  app.post(`${DESK}/:id`, { schema: { params: IdParams }, ...edit }, async (request, reply) => {
    const { id } = request.params
    const parsed = parseForm(ReleaseForm, request.body, request.t, RELEASE_MESSAGES)
    if (parsed.ok) {
      const { version, ...fields } = parsed.value
      const result = await updateRelease(db, request.actor(), id, toInput(fields), {
        expectedVersion: version,
      })
      if (result.ok) return reply.seeOther(`${DESK}/${id}`, 'press.flash.saved')
      if (isNotFound(result)) return reply.errorPage(404)
      const detail = await findById(db, id)
      if (!detail) return reply.errorPage(404)
      const current = staleVersion(result)
      if (current !== null) {
        // The typed text comes back with the current version: saving again replaces that knowingly.
        const values = { ...(parsed.value as Record<string, unknown>), version: current }
        return renderEdit(
          request,
          reply,
          detail,
          { release: { values, errors: problemErrors(request.t, result.problems) } },
          409,
        )
      }
      const errors = problemErrors(request.t, result.problems)
      return renderEdit(
        request,
        reply,
        detail,
        { release: { values: parsed.value as Record<string, unknown>, errors } },
        400,
      )
    }
    const detail = await findById(db, id)
    if (!detail) return reply.errorPage(404)
    return renderEdit(request, reply, detail, { release: parsed.state }, 400)
  })

  app.post(`${DESK}/:id/status`, { schema: { params: IdParams }, ...publish }, async (request, reply) => {
    const { id } = request.params
    const parsed = parseForm(StatusForm, request.body, request.t)
    const fail = async (field: string, key: MessageKey) => {
      const detail = await findById(db, id)
      if (!detail) return reply.errorPage(404)
      const values = (request.body ?? {}) as Record<string, unknown>
      return renderEdit(
        request,
        reply,
        detail,
        { status: { values, errors: { [field]: request.t(key) } } },
        400,
      )
    }
    if (!parsed.ok) return fail('action', 'form.choice')
    const { action, publishAt: raw, confirm } = parsed.value
    // Publishing at once cannot be undone for those who already read it: ask first (works without JS).
    if (action === 'publish' && confirm !== 'ja') return reply.redirect(`${DESK}/${id}/veroeffentlichen`, 303)
    let publishAt: Date | undefined
    if (action === 'schedule') {
      if (!raw) return fail('publishAt', 'press.error.publish_at_required')
      const parsedAt = parseBerlinDateTime(raw)
      if (!parsedAt) return fail('publishAt', 'press.error.publish_at_invalid')
      publishAt = parsedAt
    }
    const result = await changeReleaseStatus(db, deps.jobs, request.actor(), id, action, publishAt)
    if (result.ok) return reply.seeOther(editSectionHref(id, 'publication'), `press.flash.${action}`)
    if (isNotFound(result)) return reply.errorPage(404)
    const problem = result.problems[0]!
    return fail(problem.field, problem.key)
  })

  app.post(
    `${DESK}/:id/anhaenge`,
    { schema: { params: IdParams }, ...edit, config: { upload: true } },
    async (request, reply) => {
      const { id } = request.params
      const body = await request.readUpload(reply)
      if (!body) return reply
      const { fields, files } = body
      const parsed = parseForm(AttachmentForm, fields, request.t)
      const fail = async (field: string, message: string) => {
        const detail = await findById(db, id)
        if (!detail) return reply.errorPage(404)
        return renderEdit(
          request,
          reply,
          detail,
          { upload: { values: fields, errors: { [field]: message } } },
          body.tooLarge ? 413 : 400,
        )
      }
      if (!parsed.ok)
        return fail('fileTitle', Object.values(parsed.state.errors)[0] ?? request.t('form.invalid'))
      const result = await addAttachment(
        db,
        deps.files,
        request.actor(),
        id,
        files.file ? { ...files.file, title: parsed.value.fileTitle } : undefined,
      )
      if (result.ok) return reply.seeOther(editSectionHref(id, 'downloads'), 'press.flash.attachmentAdded')
      if (isNotFound(result)) return reply.errorPage(404)
      const problem = result.problems[0]!
      return fail(problem.field, request.t(problem.key, { mb: maxMb }))
    },
  )

  app.post(
    `${DESK}/:id/anhaenge/:attachmentId/entfernen`,
    { schema: { params: AttachmentParams }, ...edit },
    async (request, reply) => {
      const { id, attachmentId } = request.params
      if (!(await removeAttachment(db, request.actor(), id, attachmentId))) return reply.errorPage(404)
      return reply.seeOther(editSectionHref(id, 'downloads'), 'press.flash.attachmentRemoved')
    },
  )

  app.get(
    `${DESK}/:id/veroeffentlichen`,
    { schema: { params: IdParams }, ...publish },
    async (request, reply) => {
      const { id } = request.params
      const detail = await findById(db, id)
      if (!detail) return reply.errorPage(404)
      if (detail.release.status === 'published')
        return reply.redirect(editSectionHref(id, 'publication'), 303)
      return reply.page(
        <ConfirmPublishPage ctx={request.pageContext()} detail={detail} publicUrl={deps.config.publicUrl} />,
      )
    },
  )

  app.get(`${DESK}/:id/vorschau`, { schema: { params: IdParams }, ...edit }, async (request, reply) => {
    const { id } = request.params
    const detail = await findById(db, id)
    if (!detail) return reply.errorPage(404)
    return reply.page(
      <ReleasePage ctx={request.pageContext()} detail={detail} publicUrl={deps.config.publicUrl} preview />,
    )
  })

  app.get(`${DESK}/:id/versionen`, { schema: { params: IdParams }, ...edit }, async (request, reply) => {
    const { id } = request.params
    const detail = await findById(db, id)
    if (!detail) return reply.errorPage(404)
    return reply.page(
      <RevisionsPage ctx={request.pageContext()} detail={detail} revisions={await listRevisions(db, id)} />,
    )
  })

  app.get(
    `${DESK}/:id/versionen/:revisionId`,
    { schema: { params: RevisionParams }, ...edit },
    async (request, reply) => {
      const { id, revisionId } = request.params
      const detail = await findById(db, id)
      const revision = detail ? await revisionById(db, id, revisionId) : null
      if (!detail || !revision) return reply.errorPage(404)
      return reply.page(<RevisionPage ctx={request.pageContext()} detail={detail} revision={revision} />)
    },
  )

  app.post(
    `${DESK}/:id/versionen/:revisionId/wiederherstellen`,
    { schema: { params: RevisionParams }, ...edit },
    async (request, reply) => {
      const { id, revisionId } = request.params
      const result = await restoreRevision(db, request.actor(), id, revisionId)
      if (result.ok) return reply.seeOther(`${DESK}/${id}`, 'press.flash.restored')
      if (isNotFound(result)) return reply.errorPage(404)
      // A restored revision can only fail when its contact or topics vanished in between.
      const detail = await findById(db, id)
      if (!detail) return reply.errorPage(404)
      const errors = problemErrors(request.t, result.problems)
      return renderEdit(request, reply, detail, { release: { values: valuesOf(detail), errors } }, 400)
    },
  )
}
