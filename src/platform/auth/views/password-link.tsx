import type { PageContext } from '../../http/context'
import { Alert, PageHeading } from '../../ui/components'
import { Button, Form, type FormState, fields } from '../../ui/form'
import { Layout } from '../../ui/layout'
import { NewPasswordFields } from './change-password'

export function ForgotPasswordPage({
  ctx,
  form,
  sent,
}: {
  ctx: PageContext
  form: FormState
  sent?: boolean
}) {
  const f = fields(ctx, form)
  return (
    <Layout ctx={ctx} title={ctx.t('auth.forgot.title')}>
      <PageHeading lead={ctx.t('auth.forgot.lead')}>{ctx.t('auth.forgot.title')}</PageHeading>
      {sent ? (
        <Alert kind="success" title={ctx.t('auth.forgot.sentTitle')}>
          <p class="kern-body">{ctx.t('auth.forgot.sent')}</p>
        </Alert>
      ) : null}
      <f.Summary />
      <Form ctx={ctx} action={ctx.href('/anmelden/passwort-vergessen')} class="form-narrow">
        <f.Text name="email" type="email" autocomplete="username" label={ctx.t('auth.signIn.email')} />
        <Button>{ctx.t('auth.forgot.submit')}</Button>
      </Form>
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/anmelden')}>
          {ctx.t('auth.forgot.back')}
        </a>
      </p>
    </Layout>
  )
}

/** Choosing a password through an invitation or reset link. */
export function SetPasswordPage({
  ctx,
  form,
  token,
  email,
  purpose,
}: {
  ctx: PageContext
  form: FormState
  token: string
  email: string
  purpose: 'invite' | 'reset'
}) {
  const f = fields(ctx, form)
  const title = ctx.t(purpose === 'invite' ? 'auth.setPassword.inviteTitle' : 'auth.setPassword.title')
  return (
    <Layout ctx={ctx} title={title}>
      <PageHeading lead={ctx.t('auth.setPassword.lead', { email })}>{title}</PageHeading>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href('/konto/passwort-festlegen')} class="form-narrow">
        <input type="hidden" name="token" value={token} />
        {/* Lets password managers store the new password under the right account. */}
        <input type="hidden" name="username" autocomplete="username" value={email} />
        <NewPasswordFields ctx={ctx} form={form} hintKey="auth.setPassword.hint" />
        <Button>{ctx.t('auth.setPassword.submit')}</Button>
      </Form>
    </Layout>
  )
}

export function InvalidLinkPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title={ctx.t('auth.setPassword.invalidTitle')}>
      <PageHeading>{ctx.t('auth.setPassword.invalidTitle')}</PageHeading>
      <p class="kern-body">{ctx.t('auth.setPassword.invalid')}</p>
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/anmelden/passwort-vergessen')}>
          {ctx.t('auth.forgot.title')}
        </a>
      </p>
    </Layout>
  )
}
