import type { PageContext } from '../../../platform/http/context'
import type { DataService, Dataset } from '../../../platform/open-data'
import { PageHeading } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'

/** /offene-daten: every dataset with its downloads, the catalogue for portals, and the APIs. */
export function OpenDataPage({
  ctx,
  datasets,
  services,
  base,
}: {
  ctx: PageContext
  datasets: readonly Dataset[]
  services: readonly DataService[]
  /** The installation's public URL (APIs are named by their absolute entry point). */
  base: string
}) {
  const { t } = ctx
  const title = t('opendata.title')
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: title }]}>
      <PageHeading lead={t('opendata.lead')}>{title}</PageHeading>
      <div class="prose">
        <h2 class="kern-heading-medium">{t('opendata.datasetsHeading')}</h2>
        <p class="kern-body">{t('opendata.datasetsText')}</p>
        {datasets.map((d) => {
          const name = t(d.titleKey)
          return (
            <section key={d.id} id={d.id} aria-labelledby={`${d.id}-heading`}>
              <h3 class="kern-heading-small" id={`${d.id}-heading`}>
                {name}
              </h3>
              <p class="kern-body">{t(d.descriptionKey)}</p>
              <p class="kern-body">
                {t('opendata.frequencyLabel')}: {t(`opendata.frequency.${d.frequency}`)}
                <br />
                {t('opendata.licenceLabel')}: {t(`opendata.licence.${d.licence}`)}
              </p>
              <p class="kern-body" id={`${d.id}-downloads`}>
                {t('opendata.download')}
              </p>
              <ul class="kern-list" aria-labelledby={`${d.id}-downloads`}>
                <li>
                  <a class="kern-link" href={`/opendata/${d.id}.csv`} download>
                    {t('opendata.downloadCsv', { title: name })}
                  </a>
                </li>
                <li>
                  <a class="kern-link" href={`/opendata/${d.id}.json`}>
                    {t('opendata.downloadJson', { title: name })}
                  </a>
                </li>
              </ul>
            </section>
          )
        })}
        <h2 class="kern-heading-medium">{t('opendata.licenceHeading')}</h2>
        <p class="kern-body">{t('opendata.licenceText')}</p>
        <p class="kern-body">{t('opendata.privacyText')}</p>
        <h2 class="kern-heading-medium">{t('opendata.catalogHeading')}</h2>
        <p class="kern-body">{t('opendata.catalogText')}</p>
        <ul class="kern-list">
          <li>
            <a class="kern-link" href="/opendata/catalog">
              {t('opendata.catalogJsonLd')}
            </a>
          </li>
          <li>
            <a class="kern-link" href="/opendata/catalog.rdf">
              {t('opendata.catalogRdf')}
            </a>
          </li>
        </ul>
        {services.length ? <h2 class="kern-heading-medium">{t('opendata.servicesHeading')}</h2> : null}
        {services.map((s) => (
          <section key={s.id} id={s.id} aria-labelledby={`${s.id}-heading`}>
            <h3 class="kern-heading-small" id={`${s.id}-heading`}>
              {t(s.titleKey)}
            </h3>
            <p class="kern-body">{t(s.descriptionKey)}</p>
            {s.section(ctx, `${base}${s.endpoint}`)}
          </section>
        ))}
      </div>
    </Layout>
  )
}
