import Type from 'typebox'
import type { App, AppDeps } from '../feature'
import { localePath } from '../i18n'
import { Uuid } from '../ids'
import { contentDisposition } from '.'

/** Downloads are documents, never pages: no scripts, no plugins, no framing, even if opened inline. */
const DOWNLOAD_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'"

const FileParams = Type.Object({ id: Uuid(), name: Type.String() })

/**
 * GET /dateien/:id/:name serves a stored file as an attachment with its detected type. The id
 * decides; the name is only there so the address reads well. Who may download is decided by the
 * rule of the file's owner (see FileStore): refused for a signed-out visitor → sign-in page,
 * for a signed-in one → 403. Unknown ids → 404.
 */
export function fileRoutes(app: App, deps: AppDeps): void {
  app.get('/dateien/:id/:name', { schema: { params: FileParams } }, async (request, reply) => {
    const { id } = request.params
    const file = await deps.files.meta(deps.db, id)
    if (!file) return reply.errorPage(404)
    const allowed = await deps.files.mayDownload(
      { user: request.user, can: (p) => request.can(p) },
      file,
      deps.db,
    )
    if (!allowed) {
      if (!request.user) {
        const next = encodeURIComponent(request.url)
        return reply.redirect(localePath(request.locale, `/anmelden?next=${next}`), 303)
      }
      return reply.errorPage(403)
    }
    let bytes: Buffer
    try {
      bytes = await deps.files.read(file.sha256)
    } catch (err) {
      request.log.error({ err, file: file.id }, 'stored file missing on disk')
      return reply.errorPage(404)
    }
    return reply
      .code(200)
      .header(
        'content-type',
        file.mediaType.startsWith('text/') ? `${file.mediaType}; charset=utf-8` : file.mediaType,
      )
      .header('content-disposition', contentDisposition(file.originalName))
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', DOWNLOAD_CSP)
      .header('cache-control', request.user ? 'private, no-store' : 'public, max-age=300')
      .send(bytes)
  })
}
