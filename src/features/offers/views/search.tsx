import type { PageContext } from '../../../platform/http/context'
import { PageHeading, Pagination } from '../../../platform/ui/components'
import { Button, type FormState, fields } from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'
import type { FinderResult } from '../finder'
import { dirOf } from '../translations'
import { languageName } from '../vocabulary'
import { formatKm, languageOptions, placeLabel, targetOptions, topicLabel, topicOptions } from './parts'

/** /angebote: the search form (GET, works without JavaScript), the place found, the results. */
export function FinderPage({
  ctx,
  result,
  form,
}: {
  ctx: PageContext
  result: FinderResult
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const r = result.request
  const base = ctx.href('/angebote')
  const query = (extra: Record<string, string>) => {
    const q = new URLSearchParams()
    const all = {
      ort: r.place,
      sprache: r.language,
      thema: r.topic,
      fuer: r.targetGroup,
      online: r.online ? 'on' : '',
      ...extra,
    }
    for (const [k, v] of Object.entries(all)) if (v) q.set(k, v)
    return `${base}?${q}`
  }
  const chosenKey = result.chosen?.officialKey ?? ''
  return (
    <Layout ctx={ctx} title={t('offers.title')} description={t('offers.lead')}>
      <PageHeading lead={t('offers.lead')}>{t('offers.title')}</PageHeading>
      <f.Summary />
      <form method="get" action={base} class="filter-form offers-search">
        <f.Text
          name="ort"
          optional
          label={t('offers.search.place')}
          hint={t('offers.search.placeHint')}
          autocomplete="address-level2"
        />
        <f.Select
          name="sprache"
          optional
          label={t('offers.search.language')}
          options={languageOptions(ctx)}
        />
        <f.Select name="thema" optional label={t('offers.search.topic')} options={topicOptions(ctx)} />
        <f.Select name="fuer" optional label={t('offers.search.targetGroup')} options={targetOptions(ctx)} />
        <f.Checkbox name="online" label={t('offers.search.online')} />
        <Button>{t('offers.search.submit')}</Button>
      </form>

      {result.unknownPlace ? (
        <p class="kern-body offers-notice" role="status">
          {t('offers.search.noPlace', { typed: r.place })}
        </p>
      ) : null}
      {result.chosen && result.corrected ? (
        <p class="kern-body offers-notice" role="status">
          {t('offers.search.corrected', { place: placeLabel(ctx, result.chosen), typed: r.place })}
        </p>
      ) : null}
      {result.suggestions.length ? (
        <div class="offers-suggestions">
          <p class="kern-body">{t('offers.search.didYouMean')}</p>
          <ul class="kern-list">
            {result.suggestions
              .filter((s) => s.officialKey !== chosenKey)
              .map((s) => (
                <li key={s.officialKey}>
                  <a class="kern-link" href={query({ ort: s.name, gebiet: s.officialKey })}>
                    {placeLabel(ctx, s)}
                  </a>
                </li>
              ))}
          </ul>
        </div>
      ) : null}

      <h2 class="kern-heading-medium" id="ergebnisse">
        {result.chosen
          ? t('offers.search.from', { place: placeLabel(ctx, result.chosen) })
          : t('offers.results.heading')}
      </h2>
      <p class="kern-body" role="status">
        {t('offers.results.count', { n: result.total })}
      </p>
      {result.hits.length === 0 ? <p class="kern-body">{t('offers.results.none')}</p> : null}
      <ol class="offers-results">
        {result.hits.map((h) => (
          <li key={h.id} class="offers-result">
            <h3 class="kern-heading-small">
              <a class="kern-link" href={ctx.href(`/angebote/${h.id}`)} lang={h.lang} dir={dirOf(h.lang)}>
                {h.title}
              </a>
            </h3>
            <p class="kern-body offers-result__meta">
              {h.distanceKm !== null ? (
                <strong>{t('offers.results.distance', { km: formatKm(ctx.locale, h.distanceKm) })}</strong>
              ) : null}
              {h.distanceKm !== null ? ' · ' : null}
              {h.placeName ? t('offers.results.where', { place: h.placeName }) : null}
              {h.online ? <span class="offers-tag">{t('offers.results.online')}</span> : null}
            </p>
            <p class="kern-body offers-result__meta">
              {h.topics.map((x) => topicLabel(ctx, x)).join(', ')}
              {' · '}
              {t('offers.results.languages', {
                list: h.languages.map((l) => languageName(l, ctx.locale)).join(', '),
              })}
            </p>
            <p class="kern-body offers-result__meta">
              {t('offers.results.provider', { name: h.providerName })}
            </p>
          </li>
        ))}
      </ol>
      <Pagination
        ctx={ctx}
        page={r.page}
        pageCount={result.pageCount}
        hrefFor={(p) => query({ seite: String(p), gebiet: chosenKey })}
      />
      <p class="kern-body kern-body--small offers-attribution">
        <a class="kern-link" href="http://www.bkg.bund.de">
          {t('offers.attribution')}
        </a>
      </p>
    </Layout>
  )
}
