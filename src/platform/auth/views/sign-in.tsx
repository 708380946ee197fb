import type { PageContext } from '../../http/context'
import { PageHeading } from '../../ui/components'
import { Button, Form, type FormState, fields } from '../../ui/form'
import { Layout } from '../../ui/layout'

export function SignInPage({
  ctx,
  form,
  next,
}: {
  ctx: PageContext
  form: FormState
  next?: string | undefined
}) {
  const f = fields(ctx, form)
  return (
    <Layout ctx={ctx} title={ctx.t('auth.signIn.title')}>
      <PageHeading lead={ctx.t('auth.signIn.lead')}>{ctx.t('auth.signIn.title')}</PageHeading>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href('/anmelden')} class="form-narrow">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <f.Text name="email" type="email" autocomplete="username" label={ctx.t('auth.signIn.email')} />
        <f.Text
          name="password"
          type="password"
          autocomplete="current-password"
          label={ctx.t('auth.signIn.password')}
        />
        <Button>{ctx.t('auth.signIn.submit')}</Button>
      </Form>
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/anmelden/passwort-vergessen')}>
          {ctx.t('auth.signIn.forgot')}
        </a>
      </p>
    </Layout>
  )
}
