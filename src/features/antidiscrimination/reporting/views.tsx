import type { PageContext } from '../../../platform/http/context'
import { formatDate } from '../../../platform/i18n'
import { Alert, PageHeading } from '../../../platform/ui/components'
import {
  Button,
  ErrorSummary,
  emptyForm,
  Fieldset,
  Form,
  type FormState,
  fieldId,
  fields,
} from '../../../platform/ui/form'
import { Layout } from '../../../platform/ui/layout'
import { ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES } from '../cases/attachments'
import type { Message } from '../cases/conversation'
import { GROUNDS } from '../grounds'
import type { Centre } from '../network/find-network'
import { CONTACT_WISHES } from '../tables'
import { formatReceiptCode } from './receipt'
import type { ReporterThread } from './reporter-thread'

export function ReportPage({
  ctx,
  form,
  centres,
  districts,
  challenge,
}: {
  ctx: PageContext
  form: FormState
  centres: readonly Centre[]
  districts: readonly { id: string; name: string }[]
  /** The proof-of-work challenge and its difficulty (proof-of-work.ts). */
  challenge: { readonly token: string; readonly bits: number }
}) {
  const f = fields(ctx, form)
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('antidisc.report.title')} description={t('home.report.text')}>
      <PageHeading lead={t('antidisc.report.lead')}>{t('antidisc.report.title')}</PageHeading>
      <p class="kern-body">{t('antidisc.report.privacy')}</p>
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/melden/antwort')}>
          {t('antidisc.answer.title')}
        </a>
      </p>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href('/melden')}>
        <Fieldset heading legend={t('antidisc.report.what')}>
          <f.Textarea
            name="narrative"
            label={t('antidisc.report.narrative')}
            hint={t('antidisc.report.narrative.hint')}
            rows={8}
          />
          <f.Checkboxes
            name="grounds"
            label={t('antidisc.report.grounds')}
            hint={t('antidisc.report.grounds.hint')}
            options={GROUNDS.map((g) => ({ value: g, label: t(`antidisc.ground.${g}`) }))}
          />
        </Fieldset>
        <Fieldset heading legend={t('antidisc.report.when')}>
          <f.Date
            name="occurredOn"
            label={t('antidisc.report.occurredOn')}
            hint={t('antidisc.report.occurredOn.hint')}
          />
          <f.Select
            name="districtId"
            label={t('antidisc.report.district')}
            placeholder
            options={districts.map((d) => ({ value: d.id, label: d.name }))}
          />
        </Fieldset>
        <Fieldset heading legend={t('antidisc.report.who')}>
          <f.Radios
            name="centre"
            label={t('antidisc.report.centre')}
            options={[
              { value: 'network', label: t('antidisc.report.centre.network') },
              ...centres.map((c) => ({
                value: c.id,
                label: c.city ? t('antidisc.report.centre.option', { name: c.name, city: c.city }) : c.name,
              })),
            ]}
          />
        </Fieldset>
        <Fieldset heading legend={t('antidisc.report.contact')}>
          <f.Radios
            name="contactWish"
            label={t('antidisc.report.contactWish')}
            hint={t('antidisc.report.contactWish.hint')}
            options={CONTACT_WISHES.map((w) => ({ value: w, label: t(`antidisc.report.contactWish.${w}`) }))}
          />
          <f.Text name="contactEmail" type="email" label={t('antidisc.report.contactEmail')} optional />
          <f.Text
            name="contactPhone"
            type="tel"
            width="phone"
            label={t('antidisc.report.contactPhone')}
            optional
          />
        </Fieldset>
        <f.Checkbox name="consent" label={t('antidisc.report.consent')} />
        {/* The proof-of-work step: app.js fills in the nonce; without JavaScript the wait counts. */}
        <input type="hidden" name="pow" value={challenge.token} data-pow-bits={challenge.bits} />
        <input type="hidden" name="powNonce" value="" />
        {form.errors.pow ? (
          <p class="kern-error" id={fieldId('pow')} tabIndex={-1}>
            <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
            {form.errors.pow}
          </p>
        ) : null}
        <Button>{t('antidisc.report.submit')}</Button>
      </Form>
    </Layout>
  )
}

/** Shown once, right after the report is stored: the code is in this page and nowhere else. */
export function ReceiptPage({ ctx, code }: { ctx: PageContext; code: string }) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('antidisc.receipt.title')}>
      <PageHeading>{t('antidisc.receipt.title')}</PageHeading>
      <p class="kern-body">{t('antidisc.receipt.lead')}</p>
      <p class="kern-heading-large receipt-code" dir="ltr" data-receipt-code>
        {formatReceiptCode(code)}
      </p>
      <Alert kind="warning" title={t('antidisc.receipt.once')} />
      <p class="kern-body">
        {t('antidisc.receipt.next')}{' '}
        <a class="kern-link" href={ctx.href('/melden/antwort')}>
          {t('antidisc.receipt.link')}
        </a>
      </p>
    </Layout>
  )
}

export function AnswerCodePage({ ctx, form }: { ctx: PageContext; form: FormState }) {
  const f = fields(ctx, form)
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('antidisc.answer.title')}>
      <PageHeading lead={t('antidisc.answer.lead')}>{t('antidisc.answer.title')}</PageHeading>
      <f.Summary />
      <Form ctx={ctx} action={ctx.href('/melden/antwort')}>
        <f.Text
          name="code"
          label={t('antidisc.answer.code')}
          hint={t('antidisc.answer.code.hint')}
          width="iban"
          inputmode="numeric"
          autocomplete="off"
        />
        <Button>{t('antidisc.answer.submit')}</Button>
      </Form>
    </Layout>
  )
}

function MessageList({
  ctx,
  messages,
  mine,
}: {
  ctx: PageContext
  messages: readonly Message[]
  mine: 'reporter' | 'counsellor'
}) {
  const { t } = ctx
  return (
    <ol class="antidisc-messages">
      {messages.map((m) => (
        <li key={m.id} class={`antidisc-message antidisc-message--${m.author === mine ? 'mine' : 'theirs'}`}>
          <p class="kern-label">
            {m.author === 'reporter'
              ? t(mine === 'reporter' ? 'antidisc.thread.fromReporter' : 'antidisc.staff.case.fromReporter', {
                  date: formatDate(ctx.locale, m.createdAt, true),
                })
              : t(
                  mine === 'reporter'
                    ? 'antidisc.thread.fromCounsellor'
                    : 'antidisc.staff.case.fromCounsellor',
                  {
                    date: formatDate(ctx.locale, m.createdAt, true),
                  },
                )}
          </p>
          <p class="kern-body preserve-lines">{m.body}</p>
        </li>
      ))}
    </ol>
  )
}

export { MessageList }

export function ThreadPage({
  ctx,
  thread,
  code,
  form,
  sent,
  upload,
  attached,
  withdraw,
  identity,
  identitySent,
}: {
  ctx: PageContext
  thread: ReporterThread
  code: string
  form: FormState
  sent?: boolean
  /** The state of the file form (its error next to the field). */
  upload?: FormState
  attached?: boolean
  /** The state of the deletion form (the confirmation box). */
  withdraw?: FormState
  /** The state of the form telling who the reporter is, and whether it was just sent. */
  identity?: FormState
  identitySent?: boolean
}) {
  const idf = fields(ctx, identity ?? { values: {}, errors: {} })
  const f = fields(ctx, form)
  const u = fields(ctx, upload ?? { values: {}, errors: {} })
  const w = fields(ctx, withdraw ?? { values: {}, errors: {} })
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('antidisc.thread.title')}>
      <PageHeading>{t('antidisc.thread.title')}</PageHeading>
      {sent ? <Alert kind="success" title={t('antidisc.thread.sent')} /> : null}
      <ErrorSummary
        ctx={ctx}
        form={[form, upload ?? emptyForm, withdraw ?? emptyForm, identity ?? emptyForm]}
      />
      <h2 class="kern-heading-medium">
        {t('antidisc.thread.yours', { date: formatDate(ctx.locale, thread.createdAt) })}
      </h2>
      <p class="kern-body preserve-lines" dir="auto">
        {thread.narrative}
      </p>
      <h2 class="kern-heading-medium">{t('antidisc.thread.messages')}</h2>
      {thread.messages.length ? (
        <MessageList ctx={ctx} messages={thread.messages} mine="reporter" />
      ) : (
        <p class="kern-body">{t('antidisc.thread.none')}</p>
      )}
      <Form ctx={ctx} action={ctx.href('/melden/antwort/nachricht')}>
        <input type="hidden" name="code" value={code} />
        <f.Textarea name="body" label={t('antidisc.thread.write')} rows={5} />
        <Button>{t('antidisc.thread.send')}</Button>
      </Form>
      <h2 class="kern-heading-medium">{t('antidisc.attach.heading')}</h2>
      {attached ? <Alert kind="success" title={t('antidisc.attach.sent')} /> : null}
      {thread.attachments.length ? (
        <>
          <h3 class="kern-heading-small">{t('antidisc.attach.list')}</h3>
          <ul class="kern-list">
            {thread.attachments.map((a) => (
              <li key={a.id}>
                <bdi>{a.name}</bdi>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Form ctx={ctx} action={ctx.href('/melden/antwort/anhang')} multipart>
        <input type="hidden" name="code" value={code} />
        <u.File
          name="attachment"
          label={t('antidisc.attach.label')}
          hint={t('antidisc.attach.hint', { mb: MAX_ATTACHMENT_BYTES / 1024 / 1024 })}
          accept={ATTACHMENT_TYPES.join(',')}
        />
        <Button variant="secondary">{t('antidisc.attach.submit')}</Button>
      </Form>
      {thread.anonymous ? (
        <>
          <h2 class="kern-heading-medium">{t('antidisc.identity.heading')}</h2>
          {identitySent ? <Alert kind="success" title={t('antidisc.identity.sent')} /> : null}
          <p class="kern-body">{t('antidisc.identity.text')}</p>
          <Form ctx={ctx} action={ctx.href('/melden/antwort/identitaet')}>
            <input type="hidden" name="code" value={code} />
            <idf.Textarea name="identity" label={t('antidisc.identity.label')} rows={3} />
            <Button variant="secondary">{t('antidisc.identity.submit')}</Button>
          </Form>
        </>
      ) : null}
      <h2 class="kern-heading-medium">{t('antidisc.mydata.heading')}</h2>
      <p class="kern-body">{t('antidisc.export.text')}</p>
      <Form ctx={ctx} action={ctx.href('/melden/antwort/export')}>
        <input type="hidden" name="code" value={code} />
        <Button variant="secondary">{t('antidisc.export.submit')}</Button>
      </Form>
      <h3 class="kern-heading-small">{t('antidisc.withdraw.heading')}</h3>
      <p class="kern-body">{t('antidisc.withdraw.text')}</p>
      <Form ctx={ctx} action={ctx.href('/melden/antwort/loeschen')}>
        <input type="hidden" name="code" value={code} />
        <w.Checkbox name="confirm" label={t('antidisc.withdraw.confirm')} />
        <Button variant="secondary">{t('antidisc.withdraw.submit')}</Button>
      </Form>
    </Layout>
  )
}

/** After the reporter deleted their report. */
export function WithdrawnPage({ ctx }: { ctx: PageContext }) {
  const { t } = ctx
  return (
    <Layout ctx={ctx} title={t('antidisc.withdraw.done.title')}>
      <PageHeading>{t('antidisc.withdraw.done.title')}</PageHeading>
      <p class="kern-body">{t('antidisc.withdraw.done.text')}</p>
      <p class="kern-body">
        <a class="kern-link" href={ctx.href('/melden')}>
          {t('antidisc.withdraw.done.again')}
        </a>
      </p>
    </Layout>
  )
}
