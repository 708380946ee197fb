import type { HomeEntry } from '../../../platform/feature'
import type { PageContext } from '../../../platform/http/context'
import { PageHeading } from '../../../platform/ui/components'
import { Button, Form, TextInput } from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'

/**
 * The home page for residents, task first: one card per task a feature offers (HomeEntry), in the
 * order of their rank. A task appears only when the feature offering it exists.
 */
export function HomePage({ ctx, entries }: { ctx: PageContext; entries: readonly HomeEntry[] }) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('home.title')} description={t('home.lead')}>
      <PageHeading lead={t('home.lead')}>{t('home.title')}</PageHeading>
      <section aria-labelledby="home-tasks">
        <h2 id="home-tasks" class="kern-heading-medium">
          {t('home.tasks')}
        </h2>
        <ul class="home-tasks">
          {entries.map((e) => (
            <li key={e.href}>
              <article class="kern-card kern-card--hug">
                <div class="kern-card__container">
                  <header class="kern-card__header">
                    <h3 class="kern-title">
                      <a class="kern-link" href={ctx.href(e.href)}>
                        {t(e.labelKey)}
                      </a>
                    </h3>
                  </header>
                  <div class="kern-card__body">
                    <p class="kern-body">{t(e.textKey)}</p>
                  </div>
                  {e.search ? (
                    <div class="kern-card__footer">
                      <Form ctx={ctx} method="get" action={ctx.href(e.href)} class="home-search">
                        <TextInput
                          ctx={ctx}
                          form={{ values: {}, errors: {} }}
                          name={e.search.param}
                          type="search"
                          label={t(e.search.labelKey)}
                          hint={e.search.hintKey ? t(e.search.hintKey) : undefined}
                        />
                        {/* Several cards may search: each button names its task for screen readers. */}
                        <Button variant="secondary">
                          {t('home.search')}
                          <span class="kern-sr-only">: {t(e.labelKey)}</span>
                        </Button>
                      </Form>
                    </div>
                  ) : null}
                </div>
              </article>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  )
}
