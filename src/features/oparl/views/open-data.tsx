import type { PageContext } from '../../../platform/http/context'
import { PageHeading } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'

/** The public page explaining the OParl API, with its entry point. */
export function OpenDataPage({ ctx, endpoint }: { ctx: PageContext; endpoint: string }) {
  const { t } = ctx
  const title = t('oparl.title')
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: t('nav.home') }, { label: title }]}>
      <PageHeading lead={t('oparl.lead')}>{title}</PageHeading>
      <div class="prose">
        <h2 class="kern-heading-medium">{t('oparl.endpointHeading')}</h2>
        <p class="kern-body">{t('oparl.endpointText')}</p>
        <p class="kern-body">
          <a class="kern-link" href={endpoint}>
            <code>{endpoint}</code>
          </a>
        </p>
        <h2 class="kern-heading-medium">{t('oparl.contentHeading')}</h2>
        <ul class="kern-list">
          <li>{t('oparl.content1')}</li>
          <li>{t('oparl.content2')}</li>
          <li>{t('oparl.content3')}</li>
          <li>{t('oparl.content4')}</li>
        </ul>
        <h2 class="kern-heading-medium">{t('oparl.updatesHeading')}</h2>
        <p class="kern-body">{t('oparl.updatesText')}</p>
        <p class="kern-body">
          <a class="kern-link" href="https://oparl.org/spezifikation/" lang="de">
            {t('oparl.specLink')}
          </a>
        </p>
      </div>
    </Layout>
  )
}
