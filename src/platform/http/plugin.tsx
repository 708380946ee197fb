import { randomBytes } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, readFile, rm } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import multipart from '@fastify/multipart'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import type { FastifyReply, FastifyRequest } from 'fastify'
import Negotiator from 'negotiator'
import type { VNode } from 'preact'
import type { Actor } from '../audit'
import type { Permission } from '../auth/permissions'
import { loadSession, SESSION_COOKIE } from '../auth/sessions'
import type { App, AppDeps } from '../feature'
import {
  type Catalogues,
  DEFAULT_LOCALE,
  LOCALE_LIST,
  LOCALES,
  type Locale,
  localePath,
  type MessageKey,
  markFallbacks,
  splitLocale,
  type Translate,
  translator,
} from '../i18n'
import { isTranslatedLocale, type LanguageReport } from '../i18n/translations'
import { ErrorPage } from '../ui/error-page'
import { renderPage } from '../ui/render-scope'
import type { CurrentUser, NavItem, PageContext } from './context'
import {
  CSRF_COOKIE,
  CSRF_FIELD,
  CSRF_HEADER,
  csrfTokenFor,
  csrfTokenValid,
  newCsrfCookieValue,
  originAllowed,
} from './csrf'
import { cleanBody, cleanFields } from './input-hygiene'
import type { Metrics } from './metrics'
import { databaseRateLimitStore } from './rate-limit-store'
import { securityHeaders } from './security'

declare module 'fastify' {
  interface FastifyInstance {
    /** How far each language beyond German and English is translated (the administration lists it). */
    languageReports: readonly LanguageReport[]
    /** Plain translators (no fallback marks) of every language, for documents in several languages at once. */
    translators: Readonly<Record<Locale, Translate>>
  }
  interface FastifyRequest {
    locale: Locale
    user: CurrentUser | null
    /** Hash of the session id, when the request carries a live session (verified or not). */
    sessionIdHash: string | null
    /** True when signed in with password but the second factor is still missing. */
    secondFactorPending: boolean
    t: Translate
    pageContext(): PageContext
    actor(): Actor
    can(permission: Permission): boolean
    /**
     * Reads the multipart body of an upload route (config `upload: true`), after the route has
     * checked the permission: the first part must be the CSRF field, the file is streamed to disk
     * and cut off at UPLOAD_MAX_MB. Null when the request was refused (the reply is then sent).
     */
    readUpload(reply: FastifyReply): Promise<UploadBody | null>
  }
  interface FastifyReply {
    page(vnode: VNode, status?: number): FastifyReply
    errorPage(status: ErrorStatus): FastifyReply
    /** Redirects (303) to a locale-free path in the request's locale, optionally with a flash message key. */
    seeOther(path: string, flashKey?: MessageKey): FastifyReply
  }
  interface FastifyContextConfig {
    /** Errors of this route are answered as JSON, not HTML. */
    json?: boolean
    /** The route takes files (multipart/form-data, read with request.readUpload). No other does. */
    upload?: boolean
    /** The feature that registered the route (set by buildApp; metrics per feature). */
    feature?: string
  }
}

const require = createRequire(import.meta.url)
const LOCALE_SYMBOL = Symbol('teilhabe.locale')
type RawWithLocale = IncomingMessage & { [LOCALE_SYMBOL]?: Locale }
export const FLASH_COOKIE = 'teilhabe_flash'

/** Fastify's rewriteUrl: /en/presse → /presse, remembering the locale on the raw request. */
export function rewriteLocaleUrl(req: IncomingMessage): string {
  const { locale, path } = splitLocale(req.url ?? '/')
  ;(req as RawWithLocale)[LOCALE_SYMBOL] = locale
  return path
}

export function html(vnode: VNode): string {
  return markFallbacks(`<!doctype html>${renderPage(vnode)}`)
}

/** The language a visitor's browser asks for first among ours, if it is not the page's. */
export function suggestedLocale(acceptLanguage: string | undefined, current: Locale): Locale | undefined {
  if (!acceptLanguage) return undefined
  const best = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([...LOCALE_LIST])
  return best && best !== current ? (best as Locale) : undefined
}

export type ErrorStatus = 400 | 403 | 404 | 413 | 415 | 429 | 500

/** An uploaded file as features receive it: at most UPLOAD_MAX_MB, streamed to disk first. */
export interface UploadedFile {
  readonly fileName: string
  readonly bytes: Buffer
  /** True when the file was larger than the limit (and the bytes are cut). */
  readonly truncated: boolean
}

/** The fields and files of an upload form. */
export interface UploadBody {
  readonly fields: Record<string, unknown>
  readonly files: Record<string, UploadedFile>
  /** A file was larger than UPLOAD_MAX_MB: it was cut off while streaming; answer 413. */
  readonly tooLarge: boolean
}

/** Room for the text fields of an upload form beside its one file. */
const UPLOAD_FIELDS_BYTES = 256 * 1024

/** The fields of a urlencoded form body (an empty object for anything else). */
export function formFields(body: unknown): Record<string, unknown> {
  return body && typeof body === 'object' && !Array.isArray(body)
    ? { ...(body as Record<string, unknown>) }
    : {}
}

const isMultipart = (request: FastifyRequest) =>
  /^multipart\/form-data/i.test(request.headers['content-type'] ?? '')

export async function registerPlatformHttp(
  app: App,
  deps: AppDeps,
  opts: {
    catalogues: Catalogues
    languages: readonly LanguageReport[]
    nav: readonly NavItem[]
    metrics: Metrics
  },
): Promise<void> {
  const { config, signingKey, permissions } = deps
  const headers = securityHeaders(config.secure)
  // Every message of every language is compiled here, once. Pages get translators that mark a
  // German fallback (rendered as lang="de"); mails, feeds and files get plain ones.
  const translators = Object.fromEntries(
    LOCALE_LIST.map((l) => [l, translator(opts.catalogues, l)]),
  ) as Record<Locale, Translate>
  const pageTranslators = Object.fromEntries(
    LOCALE_LIST.map((l) => [
      l,
      isTranslatedLocale(l) ? translator(opts.catalogues, l, { markFallback: true }) : translators[l],
    ]),
  ) as Record<Locale, Translate>
  const reviewed = new Map(opts.languages.map((r) => [r.locale, r.reviewed]))
  app.decorate('languageReports', opts.languages)
  app.decorate('translators', translators)
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secure }

  await app.register(cookie)
  await app.register(formbody, { bodyLimit: 1024 * 1024 })
  // Multipart bodies are not read by a parser: only upload routes read them, in the handler, after
  // the permission (request.readUpload); every other route refuses them in onRequest, unread.
  await app.register(multipart, {
    // An over-size file is cut off (and its rest discarded while streaming), then refused with 413
    // and the message next to the field, the other fields kept.
    throwFileSizeLimit: false,
    limits: {
      fileSize: config.uploadMaxBytes,
      files: 1,
      fields: 50,
      fieldSize: 100 * 1024,
      parts: 60,
    },
  })
  // Counted in the database, so a limit holds across every app node (rate-limit-store.ts).
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(deps.db, signingKey) })

  const kernDir = path.join(path.dirname(require.resolve('@kern-ux/native/package.json')), 'dist')
  await app.register(fastifyStatic, {
    root: kernDir,
    prefix: '/assets/kern/',
    maxAge: '7d',
    index: false,
    allowedPath: (p) => /\.(css|woff2?|ttf|svg|js)$/.test(p),
  })
  await app.register(fastifyStatic, {
    root: path.resolve(import.meta.dirname, '../ui/assets'),
    prefix: '/assets/',
    decorateReply: false,
    maxAge: '1h',
    index: false,
  })

  app.decorateRequest('locale', DEFAULT_LOCALE)
  app.decorateRequest('user', null)
  app.decorateRequest('sessionIdHash', null)
  app.decorateRequest('secondFactorPending', false)
  app.decorateRequest('t', translators[DEFAULT_LOCALE])

  app.decorateRequest('can', function (this: FastifyRequest, permission: Permission) {
    return permissions.can(this.user, permission)
  })
  const uploadTmp = path.join(config.dataDir, 'tmp')
  app.decorateRequest(
    'readUpload',
    async function (this: FastifyRequest, reply: FastifyReply): Promise<UploadBody | null> {
      const refuse = (status: 403 | 415) => {
        // The rest of the body is never read: close the connection after the answer.
        reply.header('connection', 'close')
        if (status === 403) {
          this.log.warn({ url: this.url }, 'csrf check failed')
          reply.page(<ErrorPage ctx={this.pageContext()} status={403} messageKey="ui.csrf" />, 403)
        } else reply.errorPage(415)
        return null
      }
      if (!isMultipart(this)) return refuse(415)
      const fields: Record<string, unknown> = {}
      const files: Record<string, UploadedFile> = {}
      let tooLarge = false
      let first = true
      await mkdir(uploadTmp, { recursive: true })
      try {
        for await (const part of this.parts()) {
          if (first) {
            first = false
            // The CSRF field comes first in our forms, so nothing else is read without it.
            const token = part.type === 'field' && part.fieldname === CSRF_FIELD ? part.value : undefined
            if (!csrfTokenValid(signingKey, this.cookies[CSRF_COOKIE], token)) return refuse(403)
            continue
          }
          if (part.type === 'field') {
            const value = part.value
            const prev = fields[part.fieldname]
            fields[part.fieldname] =
              prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value]
            continue
          }
          const tmp = path.join(uploadTmp, `upload-${randomBytes(12).toString('hex')}`)
          try {
            await pipeline(part.file, createWriteStream(tmp))
            const truncated = part.file.truncated
            if (truncated) tooLarge = true
            const bytes = truncated ? Buffer.alloc(0) : await readFile(tmp)
            if (bytes.length > 0 || part.filename || truncated) {
              files[part.fieldname] = { fileName: part.filename ?? '', bytes, truncated }
            }
          } finally {
            await rm(tmp, { force: true })
          }
        }
      } catch (err) {
        const status = (err as { statusCode?: number }).statusCode
        if (status === 413) {
          reply.header('connection', 'close')
          reply.errorPage(413)
          return null
        }
        throw err
      }
      if (first) return refuse(403)
      cleanBody(fields)
      return { fields, files, tooLarge }
    },
  )
  app.decorateRequest('actor', function (this: FastifyRequest): Actor {
    return this.user
      ? { id: this.user.id, label: this.user.email, ip: this.ip }
      : { id: null, label: 'anonymous', ip: this.ip }
  })
  app.decorateRequest('pageContext', function (this: FastifyRequest): PageContext {
    const reply = (this as unknown as { replyRef?: FastifyReply }).replyRef
    const locale = this.locale
    let token: string | undefined
    const flashKey = this.cookies[FLASH_COOKIE]
    const t = pageTranslators[locale]
    // The cookie comes from the browser: only a key the catalogue has is shown.
    const flash = flashKey && opts.catalogues.de[flashKey] ? t(flashKey as MessageKey) : undefined
    const suggestion = suggestedLocale(this.headers['accept-language'], locale)
    if (flashKey && reply) reply.clearCookie(FLASH_COOKIE, { path: '/' })
    return {
      locale,
      dir: LOCALES[locale].dir,
      t,
      path: this.url.split('?')[0] ?? '/',
      href: (p) => localePath(locale, p),
      user: this.user,
      can: (permission) => permissions.can(this.user, permission),
      csrfToken: () => {
        if (token) return token
        let value = this.cookies[CSRF_COOKIE]
        if (!value) {
          value = newCsrfCookieValue()
          this.cookies[CSRF_COOKIE] = value
          reply?.setCookie(CSRF_COOKIE, value, cookieBase)
        }
        token = csrfTokenFor(signingKey, value)
        return token
      },
      nav: opts.nav,
      alternates: LOCALE_LIST.map((l) => ({
        locale: l,
        name: LOCALES[l].name,
        dir: LOCALES[l].dir,
        href: localePath(l, this.url),
        note: reviewed.get(l) === false ? translators[l]('ui.language.unreviewed') : undefined,
      })),
      suggestion: suggestion
        ? {
            locale: suggestion,
            dir: LOCALES[suggestion].dir,
            href: localePath(suggestion, this.url),
            text: translators[suggestion]('ui.language.available', { language: LOCALES[suggestion].name }),
          }
        : undefined,
      flash,
      demo: deps.installation.demo,
      operator: deps.installation.operator,
      requestId: this.id,
    }
  })

  app.decorateReply('page', function (this: FastifyReply, vnode: VNode, status = 200) {
    // The notice "this page exists in your language" depends on Accept-Language.
    return this.code(status)
      .type('text/html; charset=utf-8')
      .header('vary', 'Accept-Language')
      .send(html(vnode))
  })
  app.decorateReply('errorPage', function (this: FastifyReply, status: ErrorStatus) {
    const ctx = this.request.pageContext()
    return this.page(<ErrorPage ctx={ctx} status={status} />, status)
  })
  app.decorateReply('seeOther', function (this: FastifyReply, target: string, flashKey?: MessageKey) {
    if (flashKey) this.setCookie(FLASH_COOKIE, flashKey, { ...cookieBase, maxAge: 60 })
    return this.redirect(localePath(this.request.locale, target), 303)
  })

  const allowedOrigins = [new URL(config.publicUrl).origin]

  app.addHook('onRequest', async (request, reply) => {
    ;(request as unknown as { replyRef: FastifyReply }).replyRef = reply
    const locale = (request.raw as RawWithLocale)[LOCALE_SYMBOL] ?? DEFAULT_LOCALE
    request.locale = locale
    request.t = translators[locale]
    // A multipart body is read only by routes that take files, and never beyond the upload limit:
    // refused here, before the session, CSRF or anything else reads it.
    if (isMultipart(request)) {
      reply.header('connection', 'close')
      if (request.routeOptions.config?.upload !== true) return reply.errorPage(415)
      const length = Number(request.headers['content-length'] ?? 0)
      if (length > config.uploadMaxBytes + UPLOAD_FIELDS_BYTES) return reply.errorPage(413)
      reply.removeHeader('connection')
    }
    const sessionCookie = request.cookies[SESSION_COOKIE]
    if (sessionCookie) {
      const session = await loadSession(deps.db, sessionCookie, config.sessionIdleMs)
      if (session) {
        request.sessionIdHash = session.idHash
        if (session.verified || !session.user.totpEnabled) request.user = session.user
        else request.secondFactorPending = true
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' })
      }
    }
  })

  // Control characters and lone surrogates leave every text input here, before validation.
  app.addHook('preValidation', async (request) => {
    cleanFields(request.query)
    cleanFields(request.params)
    cleanBody(request.body)
  })

  // CSRF: every unsafe request must come from our origin and carry the signed token.
  app.addHook('preValidation', async (request, reply) => {
    if (request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS') return
    const own = `${request.protocol}://${request.host}`
    const originOk = originAllowed(request.headers, [...allowedOrigins, own])
    // Upload routes check the token in readUpload: it is the first part of the (unread) body.
    if (originOk && isMultipart(request) && request.routeOptions.config?.upload === true) return
    const fields = (request.body && typeof request.body === 'object' ? request.body : {}) as Record<
      string,
      unknown
    >
    const token = fields[CSRF_FIELD] ?? request.headers[CSRF_HEADER]
    if (originOk && csrfTokenValid(signingKey, request.cookies[CSRF_COOKIE], token)) return
    request.log.warn({ originOk, url: request.url }, 'csrf check failed')
    return reply.page(<ErrorPage ctx={request.pageContext()} status={403} messageKey="ui.csrf" />, 403)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    for (const [k, v] of Object.entries(headers)) if (!reply.hasHeader(k)) reply.header(k, v)
    // The id of this request, as in the log lines and on error pages.
    reply.header('x-request-id', request.id)
    // Pages for a signed-in person are never stored by browsers or proxies.
    if (request.sessionIdHash) reply.header('cache-control', 'private, no-store')
    return payload
  })

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    const feature = request.routeOptions.config?.feature
    opts.metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000, feature)
  })

  const wantsJson = (request: FastifyRequest) =>
    request.routeOptions.config?.json === true ||
    (!!request.headers.accept?.includes('application/json') && !request.headers.accept.includes('text/html'))

  app.setNotFoundHandler((request, reply) => {
    if (wantsJson(request)) return reply.code(404).send({ error: 'not_found', message: 'Not found' })
    return reply.errorPage(404)
  })

  app.setErrorHandler(
    (error: Error & { statusCode?: number; validationContext?: string }, request, reply) => {
      // A path parameter that fails its schema (e.g. an id that is no uuid) names a record that cannot
      // exist: the same 404 as an unknown id, never a 400 or 500.
      const status = error.validationContext === 'params' ? 404 : (error.statusCode ?? 500)
      if (status >= 500) request.log.error({ err: error }, 'request failed')
      else request.log.info({ err: error.message, status }, 'request refused')
      if (wantsJson(request)) {
        const code =
          status === 429
            ? 'too_many_requests'
            : status === 404
              ? 'not_found'
              : status < 500
                ? 'bad_request'
                : 'internal_error'
        return reply
          .code(status)
          .send({ error: code, message: status < 500 ? error.message : 'Internal error' })
      }
      if (status === 429) return reply.errorPage(429)
      if (status === 404) return reply.errorPage(404)
      if (status === 403) return reply.errorPage(403)
      if (status === 413) return reply.errorPage(413)
      if (status === 415) return reply.errorPage(415)
      if (status >= 400 && status < 500) return reply.errorPage(400)
      return reply.errorPage(500)
    },
  )
}

/** A route guard: anonymous visitors are sent to sign in, signed-in users without the permission get 403. */
export function requirePermission(permission: Permission) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (!request.user) {
      const next = encodeURIComponent(request.url)
      return reply.redirect(localePath(request.locale, `/anmelden?next=${next}`), 303)
    }
    if (!request.can(permission)) return reply.errorPage(403)
  }
}

/** Rate-limit settings for public forms and sign-in (per client address). */
export function formRateLimit(perMinute: number) {
  return { rateLimit: { max: perMinute, timeWindow: '1 minute' } }
}
