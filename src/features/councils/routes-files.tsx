import { and, eq, isNull } from 'drizzle-orm'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { App, AppDeps } from '../../platform/feature'
import { parseForm } from '../../platform/http/forms'
import { splitBody } from '../../platform/http/plugin'
import { emptyForm, type FormState } from '../../platform/ui/form'
import { isUuid } from './find-councils'
import type { Outcome } from './manage-councils'
import { addMinutesFile, addPaperFile, filesOf, paperPublished, removeCouncilFile } from './manage-files'
import { canManageCouncil, requireCouncilStaff } from './routes'
import { FileParams, IdParams, UploadForm } from './schema'
import { councils, meetings, papers } from './tables'
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

  const loadPaper = async (id: string) => {
    if (!isUuid(id)) return null
    const [row] = await db
      .select({ paper: papers, council: councils })
      .from(papers)
      .innerJoin(councils, eq(councils.id, papers.councilId))
      .where(and(eq(papers.id, id), isNull(papers.deletedAt)))
    return row ?? null
  }
  const loadMeeting = async (id: string) => {
    if (!isUuid(id)) return null
    const [row] = await db
      .select({ meeting: meetings, council: councils })
      .from(meetings)
      .innerJoin(councils, eq(councils.id, meetings.councilId))
      .where(and(eq(meetings.id, id), isNull(meetings.deletedAt)))
    return row ?? null
  }

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
        back={{ href: `/verwaltung/sitzungen/${found.meeting.id}`, label: ctx.t('councils.files.back') }}
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
    run: (input: Parameters<typeof addPaperFile>[4]) => Promise<Outcome>,
  ): Promise<{ ok: true } | { ok: false; form: FormState } | { ok: false; notFound: true }> => {
    const { fields, files } = splitBody(request.body)
    const parsed = parseForm(UploadForm, fields, request.t)
    const values = { ...fields, _csrf: undefined }
    if (!parsed.ok) return { ok: false, form: parsed.state }
    const file = files.file
    const result = await run(file ? { ...file, role: parsed.value.role, name: parsed.value.name } : undefined)
    if (result.ok) return { ok: true }
    if (result.error === 'councils.error.notFound') return { ok: false, notFound: true }
    return {
      ok: false,
      form: { values, errors: { [result.field ?? '_form']: request.t(result.error, { mb: maxMb }) } },
    }
  }

  app.get(
    '/verwaltung/vorlagen/:id/dateien',
    { schema: { params: IdParams }, ...guard },
    async (request, reply) => {
      const found = await loadPaper(request.params.id)
      if (!found) return reply.errorPage(404)
      if (!(await canManageCouncil(deps, request, found.council.id))) return reply.errorPage(403)
      return paperPage(request, reply, found)
    },
  )

  app.post(
    '/verwaltung/vorlagen/:id/dateien',
    { schema: { params: IdParams }, ...guard },
    async (request, reply) => {
      const found = await loadPaper(request.params.id)
      if (!found) return reply.errorPage(404)
      if (!(await canManageCouncil(deps, request, found.council.id))) return reply.errorPage(403)
      const r = await upload(request, (input) =>
        addPaperFile(db, deps.files, request.actor(), found.paper.id, input),
      )
      if (r.ok)
        return reply.seeOther(`/verwaltung/vorlagen/${found.paper.id}/dateien`, 'councils.files.added')
      if ('notFound' in r) return reply.errorPage(404)
      return paperPage(request, reply, found, r.form, 400)
    },
  )

  app.post(
    '/verwaltung/vorlagen/:id/dateien/:fileId/entfernen',
    { schema: { params: FileParams }, ...guard },
    async (request, reply) => {
      const found = await loadPaper(request.params.id)
      if (!found || !isUuid(request.params.fileId)) return reply.errorPage(404)
      if (!(await canManageCouncil(deps, request, found.council.id))) return reply.errorPage(403)
      const r = await removeCouncilFile(
        db,
        request.actor(),
        { paperId: found.paper.id },
        request.params.fileId,
      )
      if (r.ok)
        return reply.seeOther(`/verwaltung/vorlagen/${found.paper.id}/dateien`, 'councils.files.removed')
      if (r.error === 'councils.error.notFound') return reply.errorPage(404)
      return paperPage(request, reply, found, { values: {}, errors: { _form: request.t(r.error) } }, 400)
    },
  )

  app.get(
    '/verwaltung/sitzungen/:id/dateien',
    { schema: { params: IdParams }, ...guard },
    async (request, reply) => {
      const found = await loadMeeting(request.params.id)
      if (!found) return reply.errorPage(404)
      if (!(await canManageCouncil(deps, request, found.council.id))) return reply.errorPage(403)
      return minutesPage(request, reply, found)
    },
  )

  app.post(
    '/verwaltung/sitzungen/:id/dateien',
    { schema: { params: IdParams }, ...guard },
    async (request, reply) => {
      const found = await loadMeeting(request.params.id)
      if (!found) return reply.errorPage(404)
      if (!(await canManageCouncil(deps, request, found.council.id))) return reply.errorPage(403)
      const r = await upload(request, (input) =>
        addMinutesFile(db, deps.files, request.actor(), found.meeting.id, input),
      )
      if (r.ok)
        return reply.seeOther(`/verwaltung/sitzungen/${found.meeting.id}/dateien`, 'councils.files.added')
      if ('notFound' in r) return reply.errorPage(404)
      return minutesPage(request, reply, found, r.form, 400)
    },
  )

  app.post(
    '/verwaltung/sitzungen/:id/dateien/:fileId/entfernen',
    { schema: { params: FileParams }, ...guard },
    async (request, reply) => {
      const found = await loadMeeting(request.params.id)
      if (!found || !isUuid(request.params.fileId)) return reply.errorPage(404)
      if (!(await canManageCouncil(deps, request, found.council.id))) return reply.errorPage(403)
      const r = await removeCouncilFile(
        db,
        request.actor(),
        { meetingId: found.meeting.id },
        request.params.fileId,
      )
      if (r.ok)
        return reply.seeOther(`/verwaltung/sitzungen/${found.meeting.id}/dateien`, 'councils.files.removed')
      if (r.error === 'councils.error.notFound') return reply.errorPage(404)
      return minutesPage(request, reply, found, { values: {}, errors: { _form: request.t(r.error) } }, 400)
    },
  )
}
