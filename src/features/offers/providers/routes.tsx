import type { FastifyReply, FastifyRequest } from 'fastify'
import Type from 'typebox'
import type { App, AppDeps } from '../../../platform/feature'
import { type FieldProblem, parseForm, withProblems } from '../../../platform/http/forms'
import { localePath } from '../../../platform/i18n'
import { IdParams } from '../../../platform/ids'
import { whoOf } from '../../../platform/policy'
import { organisationsNamed } from '../../directory/public'
import { offersWhoOf } from '../actor'
import { searchPlaces } from '../find-offers'
import { offerProblems } from '../offer-input'
import { isOffersStaff, keepsOffers, mayOnOffer, type OffersWho } from '../policies'
import { asProblem, confirmOffer, saveOffer } from '../save-offer'
import { saveOfferTranslation, translationsOf } from '../translations'
import { keptOffers, offerForEditing, organisationName } from './find-kept-offers'
import {
  formToInput,
  OFFER_FORM_MESSAGES,
  OfferForm,
  type OfferFormValues,
  offerFormValues,
  placeFieldValue,
  RULE_FIELDS,
} from './offer-form'
import { EditOfferPage, KeptOffersPage } from './views/manage'
import { TranslationsPage } from './views/translations'

/** The translation form; lengths are checked by the use case, with a message next to the field. */
const TranslationBody = Type.Object({
  lang: Type.Optional(Type.String({ maxLength: 20 })),
  title: Type.Optional(Type.String({ maxLength: 2000 })),
  description: Type.Optional(Type.String({ maxLength: 50000 })),
  aktion: Type.Optional(Type.String({ maxLength: 20 })),
  _csrf: Type.Optional(Type.String()),
})

const ListQuery = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200 })),
  seite: Type.Optional(Type.String({ maxLength: 6 })),
})

const renamed = (p: FieldProblem): FieldProblem => ({ ...p, field: RULE_FIELDS[p.field] ?? p.field })

/**
 * The screens where organisations keep their own offers and staff keep all of them:
 * /angebote/verwalten (list, "still current"), …/neu (create) and …/:id (edit). Who may act on
 * which offer is the policy's (policies.ts); the use cases check it again.
 */
export function providerRoutes(app: App, deps: AppDeps): void {
  const { db } = deps

  /** The actor if it keeps offers; otherwise the sign-in redirect or the 403 page has been sent. */
  async function keeper(request: FastifyRequest, reply: FastifyReply): Promise<OffersWho | null> {
    if (!request.user) {
      await reply.redirect(
        localePath(request.locale, `/anmelden?next=${encodeURIComponent(request.url)}`),
        303,
      )
      return null
    }
    const who = await offersWhoOf(db, whoOf(request))
    if (!keepsOffers(who)) {
      await reply.errorPage(403)
      return null
    }
    return who
  }

  /** The organisation the form names (staff) or the account's own (providers). */
  async function organisationFor(
    who: OffersWho,
    v: OfferFormValues,
    fallback: string | null,
  ): Promise<{ id: string | null; problem?: FieldProblem }> {
    if (!isOffersStaff(who)) return { id: who.organisationId }
    if (!v.organisation)
      return fallback
        ? { id: fallback }
        : { id: null, problem: { field: 'organisation', key: 'offers.staff.error.organisation' } }
    const found = await organisationsNamed(db, v.organisation)
    if (found.length === 1) return { id: found[0]!.id }
    return {
      id: null,
      problem: {
        field: 'organisation',
        key: found.length
          ? 'offers.staff.error.organisationAmbiguous'
          : 'offers.staff.error.organisationUnknown',
        params: { name: v.organisation },
      },
    }
  }

  async function editorPage(
    request: FastifyRequest,
    reply: FastifyReply,
    who: OffersWho,
    form: { values: Record<string, unknown>; errors: Record<string, string> },
    opts: { id?: string; status?: number; providerName: string | null },
  ) {
    return reply.page(
      <EditOfferPage
        ctx={request.pageContext()}
        form={form}
        id={opts.id ?? null}
        staff={isOffersStaff(who)}
        providerName={opts.providerName}
      />,
      opts.status ?? 200,
    )
  }

  /** Checks and saves a submitted form: every problem in one answer, the input kept. */
  async function submit(
    request: FastifyRequest,
    reply: FastifyReply,
    who: OffersWho,
    id: string | undefined,
    current: { organisationId: string; organisationName: string } | null,
  ) {
    const t = request.t
    const providerName = isOffersStaff(who)
      ? null
      : (current?.organisationName ??
        (who.organisationId ? await organisationName(db, who.organisationId) : null))
    const parsed = parseForm(OfferForm, request.body, t, OFFER_FORM_MESSAGES)
    if (!parsed.ok) return editorPage(request, reply, who, parsed.state, { id, status: 400, providerName })
    const v = parsed.value
    const org = await organisationFor(who, v, current?.organisationId ?? null)
    const { input, problems } = formToInput(
      v,
      org.id ?? current?.organisationId ?? '',
      await searchPlaces(db),
    )
    const all = [
      ...(org.problem ? [org.problem] : []),
      ...problems,
      ...offerProblems(input)
        .map(asProblem)
        .filter((p) => !(p.field === 'place' && problems.some((q) => q.field === 'ort')))
        .map(renamed),
    ]
    if (all.length)
      return editorPage(request, reply, who, withProblems({ values: v, errors: {} }, all, t), {
        id,
        status: 400,
        providerName,
      })
    const result = await saveOffer(db, request.actor(), who, input, id)
    if (!result.ok) {
      if (id && result.problems.some((p) => p.key === 'offers.error.notFound')) return reply.errorPage(404)
      return editorPage(
        request,
        reply,
        who,
        withProblems({ values: v, errors: {} }, result.problems.map(renamed), t),
        {
          id,
          status: 400,
          providerName,
        },
      )
    }
    return reply.seeOther('/angebote/verwalten', id ? 'offers.edit.saved' : 'offers.edit.created')
  }

  app.get('/angebote/verwalten', { schema: { querystring: ListQuery } }, async (request, reply) => {
    const who = await keeper(request, reply)
    if (!who) return reply
    const page = Math.max(1, Number.parseInt(request.query.seite ?? '1', 10) || 1)
    const q = isOffersStaff(who) ? request.query.q : undefined
    const { rows, total } = await keptOffers(db, who, { q, page })
    const name =
      who.organisationId && !isOffersStaff(who) ? await organisationName(db, who.organisationId) : null
    return reply
      .header('cache-control', 'no-store')
      .page(
        <KeptOffersPage
          ctx={request.pageContext()}
          rows={rows}
          total={total}
          page={page}
          q={q ?? ''}
          staff={isOffersStaff(who)}
          organisationName={name}
        />,
      )
  })

  app.get('/angebote/verwalten/neu', async (request, reply) => {
    const who = await keeper(request, reply)
    if (!who) return reply
    const providerName = isOffersStaff(who) ? null : await organisationName(db, who.organisationId!)
    return editorPage(
      request,
      reply,
      who,
      { values: { lang: 'de', wheelchair: 'unknown' }, errors: {} },
      { providerName },
    )
  })

  app.post('/angebote/verwalten/neu', async (request, reply) => {
    const who = await keeper(request, reply)
    if (!who) return reply
    return submit(request, reply, who, undefined, null)
  })

  /** The offer if the actor may edit it; otherwise the 404 page has been sent (ids reveal nothing). */
  async function editable(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    who: OffersWho,
  ) {
    const found = await offerForEditing(db, request.params.id)
    if (!found || !mayOnOffer(who, 'edit', found.offer)) {
      await reply.errorPage(404)
      return null
    }
    return found
  }

  app.get('/angebote/verwalten/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const who = await keeper(request, reply)
    if (!who) return reply
    const found = await editable(request, reply, who)
    if (!found) return reply
    const candidates = await searchPlaces(db)
    const place = found.place ? candidates.find((p) => p.id === found.place!.id) : undefined
    const placeValue = place ? placeFieldValue(place, candidates) : (found.place?.officialKey ?? null)
    return editorPage(
      request,
      reply,
      who,
      { values: offerFormValues(found.offer, placeValue, found.organisationName), errors: {} },
      { id: found.offer.id, providerName: isOffersStaff(who) ? null : found.organisationName },
    )
  })

  app.post('/angebote/verwalten/:id', { schema: { params: IdParams } }, async (request, reply) => {
    const who = await keeper(request, reply)
    if (!who) return reply
    const found = await editable(request, reply, who)
    if (!found) return reply
    return submit(request, reply, who, found.offer.id, {
      organisationId: found.offer.organisationId,
      organisationName: found.organisationName,
    })
  })

  app.post(
    '/angebote/verwalten/:id/bestaetigen',
    { schema: { params: IdParams } },
    async (request, reply) => {
      const who = await keeper(request, reply)
      if (!who) return reply
      const result = await confirmOffer(db, request.actor(), who, request.params.id)
      if (!result.ok) return reply.errorPage(404)
      return reply.seeOther('/angebote/verwalten', 'offers.edit.confirmed')
    },
  )

  /** Translations of an offer's description (the provider's own, or staff for any offer). */
  async function translationsPage(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    offer: { id: string; title: string; lang: string },
    form: { values: Record<string, unknown>; errors: Record<string, string> },
    status = 200,
  ) {
    const translations = await translationsOf(db, offer.id)
    return reply.page(
      <TranslationsPage ctx={request.pageContext()} offer={offer} translations={translations} form={form} />,
      status,
    )
  }

  app.get(
    '/angebote/verwalten/:id/uebersetzungen',
    { schema: { params: IdParams } },
    async (request, reply) => {
      const who = await keeper(request, reply)
      if (!who) return reply
      const found = await editable(request, reply, who)
      if (!found) return reply
      return translationsPage(request, reply, found.offer, { values: {}, errors: {} })
    },
  )

  app.post(
    '/angebote/verwalten/:id/uebersetzungen',
    { schema: { params: IdParams, body: TranslationBody } },
    async (request, reply) => {
      const who = await keeper(request, reply)
      if (!who) return reply
      const found = await editable(request, reply, who)
      if (!found) return reply
      const body = request.body
      const remove = body.aktion === 'loeschen'
      const input = { lang: body.lang ?? '', title: body.title ?? '', description: body.description ?? '' }
      const result = await saveOfferTranslation(db, request.actor(), who, found.offer.id, {
        ...input,
        remove,
      })
      if (!result.ok) {
        const errors = Object.fromEntries(
          result.problems.map((p) => [p.field, request.t(p.key, p.params)] as const),
        )
        return translationsPage(request, reply, found.offer, { values: input, errors }, 400)
      }
      return reply.seeOther(
        `/angebote/verwalten/${found.offer.id}/uebersetzungen`,
        remove ? 'offers.translation.removed' : 'offers.translation.saved',
      )
    },
  )
}
