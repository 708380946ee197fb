import type { PageContext } from '../../../platform/http/context'

/** What /offene-daten says about the OParl API (the open-data feature renders it under its heading). */
export function OParlSection({ ctx, endpoint }: { ctx: PageContext; endpoint: string }) {
  const { t } = ctx
  return (
    <>
      <h4 class="kern-heading-x-small">{t('oparl.endpointHeading')}</h4>
      <p class="kern-body">{t('oparl.endpointText')}</p>
      <p class="kern-body">
        <a class="kern-link" href={endpoint}>
          <code>{endpoint}</code>
        </a>
      </p>
      <h4 class="kern-heading-x-small">{t('oparl.contentHeading')}</h4>
      <ul class="kern-list">
        <li>{t('oparl.content1')}</li>
        <li>{t('oparl.content2')}</li>
        <li>{t('oparl.content3')}</li>
        <li>{t('oparl.content4')}</li>
      </ul>
      <h4 class="kern-heading-x-small">{t('oparl.updatesHeading')}</h4>
      <p class="kern-body">{t('oparl.updatesText')}</p>
      <p class="kern-body">
        <a class="kern-link" href="https://oparl.org/spezifikation/" lang="de">
          {t('oparl.specLink')}
        </a>
      </p>
    </>
  )
}
