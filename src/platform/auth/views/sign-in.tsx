import type { PageContext } from '../../http/context'
import { PageHeading } from '../../ui/components'
import { Button, ErrorSummary, Form, type FormState, TextInput } from '../../ui/form'
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
  const hasErrors = Object.keys(form.errors).length > 0
  return (
    <Layout ctx={ctx} title={ctx.t('auth.signIn.title')} hasErrors={hasErrors}>
      <PageHeading lead={ctx.t('auth.signIn.lead')}>{ctx.t('auth.signIn.title')}</PageHeading>
      <ErrorSummary ctx={ctx} form={form} />
      <Form ctx={ctx} action={ctx.href('/anmelden')} class="form-narrow">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <TextInput
          ctx={ctx}
          form={form}
          name="email"
          type="email"
          autocomplete="username"
          label={ctx.t('auth.signIn.email')}
        />
        <TextInput
          ctx={ctx}
          form={form}
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
