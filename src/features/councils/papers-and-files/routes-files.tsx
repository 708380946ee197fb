import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, AppDeps } from '../../../platform/feature'
import { parseForm } from '../../../platform/http/forms'
import { isUuid } from '../../../platform/ids'
import type { Outcome } from '../../../platform/outcome'
import { emptyForm, type FormState } from '../../../platform/ui/form'
import { meetingById } from '../meetings/find-meetings'
import { onWholeForm, refusedAsNotFound, refusedForm } from '../refusals'
import { FileParams, IdParams, UploadForm } from '../schema'
import { guardStaff, requireCouncilStaff } from '../staff-guard'
import { paperById } from './find-papers'
import { addMinutesFile, addPaperFile, filesOf, paperPublished, removeCouncilFile } from './manage-files'
import { FilesStaffPage } from './views/files'

/**
 * Staff pages for the files of a paper (/verwaltung/vorlagen/:id/dateien) and of a meeting's minutes
 * (/verwaltung/sitzungen/:id/dateien): upload (multipart, works without JavaScript), list, remove.
 * agah_office for every body, council_secretary for their council.
 */
export function filesRoutes(app: App, deps: AppDeps): void {
  const db = deps.db
  const maxMb = Math.round(deps.config.uploadMaxBytes / (1024 * 1024))
  const guard = { preHandler: requireCouncilStaff }

  const loadPaper = (id: string) => paperById(db, id)
  const loadMeeting = (id: string) => meetingById(db, id)

  const paperPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof loadPaper>>>,
    form: FormState = emptyForm,
    status = 200,
  ) => {
    const ctx = request.pageContext()
    const published = await paperPublished(db, found.paper)
    const base = `/verwaltung/vorlagen/${found.paper.id}/dateien`
    return reply.page(
      <FilesStaffPage
        ctx={ctx}
        title={ctx.t('councils.files.paperTitle', { reference: found.paper.reference })}
        lead={`${found.paper.title} – ${found.council.name}`}
        back={{ href: `/vorlagen/${found.paper.id}`, label: ctx.t('councils.files.backPaper') }}
        action={base}
        files={await filesOf(db, { paperId: found.paper.id })}
        form={form}
        canRemove={!published}
        canUpload
        notice={published ? ctx.t('councils.files.final') : undefined}
        maxMb={maxMb}
      />,
      status,
    )
  }

  const minutesPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    found: NonNullable<Awaited<ReturnType<typeof loadMeeting>>>,
    form: FormState = emptyForm,
    status = 200,
  ) => {
    const ctx = request.pageContext()
    const open = found.meeting.minutesState !== 'published' && found.meeting.state !== 'cancelled'
    return reply.page(
      <FilesStaffPage
        ctx={ctx}
        title={ctx.t('councils.files.minutesTitle', { title: found.meeting.title })}
        lead={`${found.council.name}, ${ctx.t(`meetings.minutesState.${found.meeting.minutesState}`)}`}
        back={{
          href: `/verwaltung/sitzungen/${found.meeting.id}/niederschrift`,
          label: ctx.t('councils.files.back'),
        }}
        action={`/verwaltung/sitzungen/${found.meeting.id}/dateien`}
        files={await filesOf(db, { meetingId: found.meeting.id })}
        form={form}
        canRemove={open}
        canUpload={open}
        notice={ctx.t(
          found.meeting.state === 'cancelled'
            ? 'meetings.error.cancelled'
            : open
              ? 'councils.files.minutesDraftNote'
              : 'councils.files.minutesFinal',
        )}
        maxMb={maxMb}
        minutes
      />,
      status,
    )
  }

  /** Validates the form, runs the upload; 400 with the message next to its field on refusal. */
  const upload = async (
    request: FastifyRequest,
    reply: FastifyReply,
    run: (input: Parameters<typeof addPaperFile>[4]) => Promise<Outcome<string>>,
  ): Promise<
    | { ok: true }
    | { ok: false; form: FormState; status: 400 | 413 }
    | { ok: false; notFound: true }
    | { ok: false; refused: true }
  > => {
    const body = await request.readUpload(reply)
    if (!body) return { ok: false, refused: true }
    const { fields, files } = body
    const status = body.tooLarge ? 413 : 400
    const parsed = parseForm(UploadForm, fields, request.t)
    const values = { ...fields, _csrf: undefined }
    if (!parsed.ok) return { ok: false, form: parsed.state, status }
    const file = files.file
    const result = await run(file ? { ...file, role: parsed.value.role, name: parsed.value.name } : undefined)
    if (result.ok) return { ok: true }
    if (refusedAsNotFound(result)) return { ok: false, notFound: true }
    return { ok: false, form: refusedForm(request.t, values, result, {}, { mb: maxMb }), status }
  }

  /**
   * The three routes of one kind of file owner (a paper, a meeting's minutes): the page, an upload,
   * a removal. Each answers 404 for an unknown record and 403 for staff of another council first.
   */
  function ownerRoutes<T extends { council: { id: string } }>(o: {
    base: string
    load: (id: string) => Promise<T | null>
    idOf: (found: T) => string
    scope: (found: T) => { paperId: string } | { meetingId: string }
    page: (
      request: FastifyRequest,
      reply: FastifyReply,
      found: T,
      form?: FormState,
      status?: number,
    ) => unknown
    add: (
      request: FastifyRequest,
      found: T,
      input: Parameters<typeof addPaperFile>[4],
    ) => Promise<Outcome<string>>
  }) {
    const guarded = async (
      request: FastifyRequest<{ Params: { id: string; fileId?: string } }>,
      reply: FastifyReply,
    ) => {
      const found = await o.load(request.params.id)
      const fileOk = request.params.fileId === undefined || isUuid(request.params.fileId)
      return guardStaff(deps, request, reply, fileOk ? found : null, (f) => f.council.id)
    }
    const filesPath = (found: T) => `${o.base}/${o.idOf(found)}/dateien`

    app.get(`${o.base}/:id/dateien`, { schema: { params: IdParams }, ...guard }, async (request, reply) => {
      const found = await guarded(request, reply)
      if (!found) return reply
      return o.page(request, reply, found)
    })

    app.post(
      `${o.base}/:id/dateien`,
      { schema: { params: IdParams }, ...guard, config: { upload: true } },
      async (request, reply) => {
        const found = await guarded(request, reply)
        if (!found) return reply
        const r = await upload(request, reply, (input) => o.add(request, found, input))
        if (r.ok) return reply.seeOther(filesPath(found), 'councils.files.added')
        if ('refused' in r) return reply
        if ('notFound' in r) return reply.errorPage(404)
        return o.page(request, reply, found, r.form, r.status)
      },
    )

    app.post(
      `${o.base}/:id/dateien/:fileId/entfernen`,
      { schema: { params: FileParams }, ...guard },
      async (request, reply) => {
        const found = await guarded(request, reply)
        if (!found) return reply
        const r = await removeCouncilFile(db, request.actor(), o.scope(found), request.params.fileId)
        if (r.ok) return reply.seeOther(filesPath(found), 'councils.files.removed')
        if (refusedAsNotFound(r)) return reply.errorPage(404)
        return o.page(request, reply, found, refusedForm(request.t, {}, onWholeForm(r)), 400)
      },
    )
  }

  ownerRoutes({
    base: '/verwaltung/vorlagen',
    load: loadPaper,
    idOf: (f) => f.paper.id,
    scope: (f) => ({ paperId: f.paper.id }),
    page: paperPage,
    add: (request, f, input) => addPaperFile(db, deps.files, request.actor(), f.paper.id, input),
  })
  ownerRoutes({
    base: '/verwaltung/sitzungen',
    load: loadMeeting,
    idOf: (f) => f.meeting.id,
    scope: (f) => ({ meetingId: f.meeting.id }),
    page: minutesPage,
    add: (request, f, input) => addMinutesFile(db, deps.files, request.actor(), f.meeting.id, input),
  })
}
