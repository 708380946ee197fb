import type { ComponentChildren } from 'preact'
import type { PageContext } from '../../../platform/http/context'
import type { Operator } from '../../../platform/operator'
import { Alert, PageHeading } from '../../../platform/ui/components'
import { Layout } from '../../../platform/ui/layout'

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text.split('\n\n').map((p) => (
        <p class="kern-body" key={p}>
          {p}
        </p>
      ))}
    </>
  )
}

function Shell({
  ctx,
  id,
  children,
}: {
  ctx: PageContext
  id: 'impressum' | 'barrierefreiheit'
  children: ComponentChildren
}) {
  const title = ctx.t(`pages.${id}.title`)
  return (
    <Layout ctx={ctx} title={title} breadcrumbs={[{ href: '/', label: ctx.t('nav.home') }, { label: title }]}>
      <PageHeading>{title}</PageHeading>
      <div class="prose">{children}</div>
    </Layout>
  )
}

/** Until the administration has entered the operator: say so instead of showing made-up details. */
function Missing({ ctx }: { ctx: PageContext }) {
  return (
    <Alert kind="info" title={ctx.t('pages.operator.missing')}>
      {ctx.can('operator.manage') ? (
        <p class="kern-body">
          <a class="kern-link" href={ctx.href('/verwaltung/betreiber')}>
            {ctx.t('pages.operator.enter')}
          </a>
        </p>
      ) : null}
    </Alert>
  )
}

export function Address({ operator }: { operator: Operator }) {
  return (
    <p class="kern-body operator-address">
      {operator.name}
      <br />
      {operator.street}
      <br />
      {operator.postcode} {operator.city}
    </p>
  )
}

function Contact({ ctx, email, phone }: { ctx: PageContext; email: string; phone?: string | undefined }) {
  return (
    <dl class="press-contact__lines kern-body">
      <dt>{ctx.t('pages.operator.email')}</dt>
      <dd>
        <a class="kern-link" dir="ltr" href={`mailto:${email}`}>
          {email}
        </a>
      </dd>
      {phone ? (
        <>
          <dt>{ctx.t('pages.operator.phone')}</dt>
          <dd>
            <a class="kern-link" dir="ltr" href={`tel:${phone.replace(/[^\d+]/g, '')}`}>
              {phone}
            </a>
          </dd>
        </>
      ) : null}
    </dl>
  )
}

/** Impressum (§ 5 DDG, § 18 MStV): the operator as entered in the administration. */
export function ImpressumPage({ ctx }: { ctx: PageContext }) {
  const o = ctx.operator
  return (
    <Shell ctx={ctx} id="impressum">
      {o ? (
        <>
          <h2 class="kern-heading-small">{ctx.t('pages.impressum.publisher')}</h2>
          <Address operator={o} />
          {o.representedBy ? <p class="kern-body">{o.representedBy}</p> : null}
          <h2 class="kern-heading-small">{ctx.t('pages.impressum.contact')}</h2>
          <Contact ctx={ctx} email={o.email} phone={o.phone} />
          <h2 class="kern-heading-small">{ctx.t('pages.impressum.press')}</h2>
          <p class="kern-body">{o.pressOffice}</p>
          <Contact ctx={ctx} email={o.pressEmail} phone={o.pressPhone} />
        </>
      ) : (
        <Missing ctx={ctx} />
      )}
      <Paragraphs text={ctx.t('pages.impressum.software')} />
    </Shell>
  )
}

/** Erklärung zur Barrierefreiheit: feedback contact and enforcement procedure from the operator. */
export function AccessibilityPage({ ctx }: { ctx: PageContext }) {
  const o = ctx.operator
  return (
    <Shell ctx={ctx} id="barrierefreiheit">
      <Paragraphs text={ctx.t('pages.barrierefreiheit.body')} />
      <h2 class="kern-heading-small">{ctx.t('pages.barrierefreiheit.feedbackTitle')}</h2>
      <p class="kern-body">{ctx.t('pages.barrierefreiheit.feedback')}</p>
      {o ? (
        <>
          <Address operator={o} />
          <Contact ctx={ctx} email={o.accessibilityEmail} phone={o.accessibilityPhone} />
        </>
      ) : (
        <Missing ctx={ctx} />
      )}
      <h2 class="kern-heading-small">{ctx.t('pages.barrierefreiheit.enforcementTitle')}</h2>
      <p class="kern-body">{ctx.t('pages.barrierefreiheit.enforcement')}</p>
      {o ? (
        <>
          <p class="kern-body operator-address">{o.enforcementBody}</p>
          {o.enforcementUrl ? (
            <p class="kern-body">
              <a class="kern-link" href={o.enforcementUrl}>
                {o.enforcementUrl}
              </a>
            </p>
          ) : null}
        </>
      ) : null}
      <p class="kern-body">{ctx.t('pages.barrierefreiheit.date')}</p>
    </Shell>
  )
}
