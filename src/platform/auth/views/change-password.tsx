import type { PageContext } from '../../http/context'
import type { MessageKey } from '../../i18n'
import { PageHeading } from '../../ui/components'
import { Button, Form, type FormState, fields } from '../../ui/form'
import { Layout } from '../../ui/layout'
import { PASSWORD_MIN_LENGTH } from '../passwords'

/** The new password and its repetition, as every page that sets a password asks for them. */
export function NewPasswordFields({
  ctx,
  form,
  hintKey,
}: {
  ctx: PageContext
  form: FormState
  hintKey: MessageKey
}) {
  const f = fields(ctx, form)
  return (
    <>
      <f.Text
        name="newPassword"
        type="password"
        autocomplete="new-password"
        label={ctx.t('auth.password.new')}
        hint={ctx.t(hintKey, { min: PASSWORD_MIN_LENGTH })}
      />
      <f.Text
        name="confirmPassword"
        type="password"
        autocomplete="new-password"
        label={ctx.t('auth.password.confirm')}
      />
    </>
  )
}

export function ChangePasswordPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const f = fields(ctx, form)
  return (
    <Layout ctx={ctx} title={ctx.t('auth.password.title')}>
      <PageHeading lead={ctx.t('auth.password.lead')}>{ctx.t('auth.password.title')}</PageHeading>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href('/konto/passwort')} class="form-narrow">
        <f.Text
          name="currentPassword"
          type="password"
          autocomplete="current-password"
          label={ctx.t('auth.password.current')}
        />
        <NewPasswordFields ctx={ctx} form={form} hintKey="auth.password.newHint" />
        <Button>{ctx.t('auth.password.submit')}</Button>
      </Form>
    </Layout>
  )
}
