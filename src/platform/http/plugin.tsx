import type { IncomingMessage } from 'node:http'
import { createRequire } from 'node:module'
import path from 'node:path'
import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import multipart, { type MultipartFile } from '@fastify/multipart'
import rateLimit from '@fastify/rate-limit'
import fastifyStatic from '@fastify/static'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { VNode } from 'preact'
import { renderToString } from 'preact-render-to-string'
import type { Actor } from '../audit'
import { loadSession, SESSION_COOKIE } from '../auth/sessions'
import type { App, AppDeps } from '../feature'
import {
  type Catalogues,
  DEFAULT_LOCALE,
  LOCALE_LIST,
  LOCALES,
  type Locale,
  localePath,
  splitLocale,
  type Translate,
  translator,
} from '../i18n'
import { ErrorPage } from '../ui/error-page'
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
import { securityHeaders } from './security'

declare module 'fastify' {
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
    can(permission: string): boolean
  }
  interface FastifyReply {
    page(vnode: VNode, status?: number): FastifyReply
    errorPage(status: 400 | 403 | 404 | 429 | 500): FastifyReply
    /** Redirects (303) to a locale-free path in the request's locale, optionally with a flash message key. */
    seeOther(path: string, flashKey?: string): FastifyReply
  }
  interface FastifyContextConfig {
    /** Errors of this route are answered as JSON, not HTML. */
    json?: boolean
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
  return `<!doctype html>${renderToString(vnode)}`
}

/** An uploaded file as features receive it: bytes in memory, already limited to UPLOAD_MAX_MB. */
export interface UploadedFile {
  readonly fileName: string
  readonly bytes: Buffer
  /** True when the file was larger than the limit (and the bytes are cut). */
  readonly truncated: boolean
}

/**
 * Splits a body into plain fields and files. Works for urlencoded bodies (all fields) and for
 * multipart bodies parsed with attachFieldsToBody (fields are parts with a `value`).
 */
export function splitBody(body: unknown): {
  fields: Record<string, unknown>
  files: Record<string, UploadedFile>
} {
  const fields: Record<string, unknown> = {}
  const files: Record<string, UploadedFile> = {}
  if (!body || typeof body !== 'object') return { fields, files }
  for (const [key, raw] of Object.entries(body as Record<string, unknown>)) {
    const parts = Array.isArray(raw) ? raw : [raw]
    const values: unknown[] = []
    for (const part of parts) {
      if (part && typeof part === 'object' && 'fieldname' in part) {
        const p = part as { type?: string; value?: unknown; filename?: string }
        if (p.type === 'file') {
          const v = p.value as { bytes: Buffer; truncated: boolean } | undefined
          if (v && (v.bytes.length > 0 || p.filename)) {
            files[key] = { fileName: p.filename ?? '', bytes: v.bytes, truncated: v.truncated }
          }
        } else values.push(p.value)
      } else values.push(part)
    }
    if (values.length === 1) fields[key] = values[0]
    else if (values.length > 1) fields[key] = values
  }
  return { fields, files }
}

export async function registerPlatformHttp(
  app: App,
  deps: AppDeps,
  opts: { catalogues: Catalogues; nav: readonly NavItem[]; metrics: Metrics },
): Promise<void> {
  const { config, signingKey, permissions } = deps
  const headers = securityHeaders(config.secure)
  const translators = Object.fromEntries(
    LOCALE_LIST.map((l) => [l, translator(opts.catalogues, l)]),
  ) as Record<Locale, Translate>
  const cookieBase = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.secure }

  await app.register(cookie)
  await app.register(formbody, { bodyLimit: 1024 * 1024 })
  await app.register(multipart, {
    attachFieldsToBody: true,
    throwFileSizeLimit: false,
    limits: { fileSize: config.uploadMaxBytes, files: 10, fields: 200 },
    async onFile(part: MultipartFile) {
      const chunks: Buffer[] = []
      for await (const chunk of part.file) chunks.push(chunk as Buffer)
      ;(part as unknown as { value: unknown }).value = {
        bytes: Buffer.concat(chunks),
        truncated: part.file.truncated,
      }
    },
  })
  await app.register(rateLimit, { global: false })

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

  app.decorateRequest('can', function (this: FastifyRequest, permission: string) {
    return permissions.can(this.user, permission)
  })
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
    const flash = flashKey && opts.catalogues[locale][flashKey] ? this.t(flashKey) : undefined
    if (flashKey && reply) reply.clearCookie(FLASH_COOKIE, { path: '/' })
    return {
      locale,
      dir: LOCALES[locale].dir,
      t: this.t,
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
        href: localePath(l, this.url),
      })),
      flash,
    }
  })

  app.decorateReply('page', function (this: FastifyReply, vnode: VNode, status = 200) {
    return this.code(status).type('text/html; charset=utf-8').send(html(vnode))
  })
  app.decorateReply('errorPage', function (this: FastifyReply, status: 400 | 403 | 404 | 429 | 500) {
    const ctx = this.request.pageContext()
    return this.page(<ErrorPage ctx={ctx} status={status} />, status)
  })
  app.decorateReply('seeOther', function (this: FastifyReply, target: string, flashKey?: string) {
    if (flashKey) this.setCookie(FLASH_COOKIE, flashKey, { ...cookieBase, maxAge: 60 })
    return this.redirect(localePath(this.request.locale, target), 303)
  })

  const allowedOrigins = [new URL(config.publicUrl).origin]

  app.addHook('onRequest', async (request, reply) => {
    ;(request as unknown as { replyRef: FastifyReply }).replyRef = reply
    const locale = (request.raw as RawWithLocale)[LOCALE_SYMBOL] ?? DEFAULT_LOCALE
    request.locale = locale
    request.t = translators[locale]
    const sessionCookie = request.cookies[SESSION_COOKIE]
    if (sessionCookie) {
      const session = await loadSession(deps.db, sessionCookie)
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
    const fields = splitBody(request.body).fields
    const token = fields[CSRF_FIELD] ?? request.headers[CSRF_HEADER]
    if (originOk && csrfTokenValid(signingKey, request.cookies[CSRF_COOKIE], token)) return
    request.log.warn({ originOk, url: request.url }, 'csrf check failed')
    return reply.page(<ErrorPage ctx={request.pageContext()} status={403} messageKey="ui.csrf" />, 403)
  })

  app.addHook('onSend', async (request, reply, payload) => {
    for (const [k, v] of Object.entries(headers)) if (!reply.hasHeader(k)) reply.header(k, v)
    // Pages for a signed-in person are never stored by browsers or proxies.
    if (request.sessionIdHash) reply.header('cache-control', 'private, no-store')
    return payload
  })

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched'
    opts.metrics.observe(request.method, route, reply.statusCode, reply.elapsedTime / 1000)
  })

  const wantsJson = (request: FastifyRequest) =>
    request.routeOptions.config?.json === true ||
    (!!request.headers.accept?.includes('application/json') && !request.headers.accept.includes('text/html'))

  app.setNotFoundHandler((request, reply) => {
    if (wantsJson(request)) return reply.code(404).send({ error: 'not_found', message: 'Not found' })
    return reply.errorPage(404)
  })

  app.setErrorHandler((error: Error & { statusCode?: number; validation?: unknown }, request, reply) => {
    const status = error.statusCode ?? 500
    if (status >= 500) request.log.error({ err: error }, 'request failed')
    else request.log.info({ err: error.message, status }, 'request refused')
    if (wantsJson(request)) {
      const code = status === 429 ? 'too_many_requests' : status < 500 ? 'bad_request' : 'internal_error'
      return reply
        .code(status)
        .send({ error: code, message: status < 500 ? error.message : 'Internal error' })
    }
    if (status === 429) return reply.errorPage(429)
    if (status === 404) return reply.errorPage(404)
    if (status === 403) return reply.errorPage(403)
    if (status >= 400 && status < 500) return reply.errorPage(400)
    return reply.errorPage(500)
  })
}

/** A route guard: anonymous visitors are sent to sign in, signed-in users without the permission get 403. */
export function requirePermission(permission: string) {
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
