import type { PageContext } from '../../http/context'
import { PageHeading } from '../../ui/components'
import { Button, Form, type FormState, fields } from '../../ui/form'
import { Layout } from '../../ui/layout'
import type { TotpEnrolment } from '../enable-totp'

/** The secret in groups of four, easier to type into an app by hand (apps ignore the spaces). */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ')
}

function CodeInput({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const f = fields(ctx, form)
  return (
    <f.Text
      name="code"
      autocomplete="one-time-code"
      inputmode="numeric"
      width="code"
      label={ctx.t('auth.twoFactor.code')}
      hint={ctx.t('auth.twoFactor.codeHint')}
    />
  )
}

/** Enrolment: QR code and key, then a current code to confirm. */
export function EnableTwoFactorPage({
  ctx,
  enrolment,
  form,
}: {
  ctx: PageContext
  enrolment: TotpEnrolment
  form: FormState
}) {
  const f = fields(ctx, form)
  return (
    <Layout ctx={ctx} title={ctx.t('auth.twoFactor.title')}>
      <PageHeading lead={ctx.t('auth.twoFactor.lead')}>{ctx.t('auth.twoFactor.title')}</PageHeading>
      <f.Summary />
      <p>{ctx.t('auth.twoFactor.statusOff')}</p>
      <p>{ctx.t('auth.twoFactor.step1')}</p>
      {/* The SVG comes from `qrcode` on the server, built from our own otpauth URI. */}
      <div class="qr-code-box" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
      <p>{ctx.t('auth.twoFactor.manual')}</p>
      <p>
        <span class="kern-sr-only">{ctx.t('auth.twoFactor.secretLabel')}: </span>
        <code class="totp-secret" data-totp-secret={enrolment.secret}>
          {groupSecret(enrolment.secret)}
        </code>
      </p>
      <p>{ctx.t('auth.twoFactor.step2')}</p>
      <Form ctx={ctx} action={ctx.href('/konto/zwei-faktor')} class="form-narrow">
        <input type="hidden" name="pending" value={enrolment.pending} />
        <CodeInput ctx={ctx} form={form} />
        <Button>{ctx.t('auth.twoFactor.enable')}</Button>
      </Form>
    </Layout>
  )
}

/** TOTP is on: offer to turn it off with the password or a code. */
export function DisableTwoFactorPage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const f = fields(ctx, form)
  return (
    <Layout ctx={ctx} title={ctx.t('auth.twoFactor.title')}>
      <PageHeading lead={ctx.t('auth.twoFactor.lead')}>{ctx.t('auth.twoFactor.title')}</PageHeading>
      <f.Summary />
      <p>{ctx.t('auth.twoFactor.statusOn')}</p>
      <h2 class="kern-heading-medium">{ctx.t('auth.twoFactor.disableTitle')}</h2>
      <p>{ctx.t('auth.twoFactor.disableLead')}</p>
      <Form ctx={ctx} action={ctx.href('/konto/zwei-faktor/ausschalten')} class="form-narrow">
        <f.Text
          name="password"
          type="password"
          autocomplete="current-password"
          optional
          label={ctx.t('auth.twoFactor.password')}
        />
        <f.Text
          name="code"
          autocomplete="one-time-code"
          inputmode="numeric"
          width="code"
          optional
          label={ctx.t('auth.twoFactor.code')}
          hint={ctx.t('auth.twoFactor.codeHint')}
        />
        <Button variant="secondary">{ctx.t('auth.twoFactor.disable')}</Button>
      </Form>
    </Layout>
  )
}

/** The second step of sign-in. */
export function SecondFactorPage({
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
    <Layout ctx={ctx} title={ctx.t('auth.secondFactor.title')}>
      <PageHeading lead={ctx.t('auth.secondFactor.lead')}>{ctx.t('auth.secondFactor.title')}</PageHeading>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href('/anmelden/code')} class="form-narrow">
        {next ? <input type="hidden" name="next" value={next} /> : null}
        <CodeInput ctx={ctx} form={form} />
        <Button>{ctx.t('auth.secondFactor.submit')}</Button>
      </Form>
    </Layout>
  )
}
