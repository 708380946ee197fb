import type { PageContext } from '../../../../platform/http/context'
import { PageHeading } from '../../../../platform/ui/components'
import { Button, Form, type FormState, fields } from '../../../../platform/ui/form'
import { Layout } from '../../../../platform/ui/layout'
import { dirOf, type OfferTranslation } from '../../translations'
import { languageName, OFFER_LANGUAGES } from '../../vocabulary'

/**
 * The translations of one offer (provider or staff): the existing ones, each with its own form to
 * change or delete it, and a form to add one. The original stays as it was written.
 */
export function TranslationsPage({
  ctx,
  offer,
  translations,
  form,
}: {
  ctx: PageContext
  offer: { id: string; title: string; lang: string }
  translations: readonly OfferTranslation[]
  form: FormState
}) {
  const { t } = ctx
  const f = fields(ctx, form)
  const action = ctx.href(`/angebote/verwalten/${offer.id}/uebersetzungen`)
  const options = OFFER_LANGUAGES.filter((l) => l !== offer.lang).map((l) => ({
    value: l,
    label: languageName(l, ctx.locale),
  }))
  return (
    <Layout
      ctx={ctx}
      title={t('offers.translation.title')}
      breadcrumbs={[
        { href: '/angebote/verwalten', label: t('offers.edit.list.title') },
        { href: `/angebote/verwalten/${offer.id}`, label: offer.title },
        { label: t('offers.translation.title') },
      ]}
    >
      <PageHeading lead={t('offers.translation.lead', { language: languageName(offer.lang, ctx.locale) })}>
        {t('offers.translation.title')}
      </PageHeading>
      <p class="kern-body" lang={offer.lang} dir={dirOf(offer.lang)}>
        <strong>{offer.title}</strong>
      </p>
      <h2 class="kern-heading-medium">{t('offers.translation.existing')}</h2>
      {translations.length === 0 ? <p class="kern-body">{t('offers.translation.none')}</p> : null}
      {translations.map((tr) => (
        <section class="offer-translation" key={tr.lang} aria-labelledby={`tr-${tr.lang}`}>
          <h3 class="kern-heading-small" id={`tr-${tr.lang}`}>
            {languageName(tr.lang, ctx.locale)}
          </h3>
          {tr.title ? (
            <p class="kern-body" lang={tr.lang} dir={dirOf(tr.lang)}>
              <strong>{tr.title}</strong>
            </p>
          ) : null}
          <p class="kern-body" lang={tr.lang} dir={dirOf(tr.lang)}>
            {tr.description}
          </p>
          <Form ctx={ctx} action={action}>
            <input type="hidden" name="lang" value={tr.lang} />
            <input type="hidden" name="description" value="" />
            <Button variant="secondary" name="aktion" value="loeschen">
              {t('offers.translation.remove')}
              <span class="kern-sr-only">: {languageName(tr.lang, ctx.locale)}</span>
            </Button>
          </Form>
        </section>
      ))}
      <h2 class="kern-heading-medium">{t('offers.translation.edit')}</h2>
      <f.Summary />
      <Form ctx={ctx} action={action}>
        <f.Select name="lang" label={t('offers.translation.field.lang')} options={options} />
        <f.Text
          name="title"
          label={t('offers.translation.field.title')}
          hint={t('offers.translation.field.titleHint')}
          optional
        />
        <f.Textarea name="description" label={t('offers.translation.field.description')} />
        <Button>{t('offers.translation.save')}</Button>
      </Form>
    </Layout>
  )
}
