import { type Attributes, type ComponentChildren, type FunctionComponent, h, type VNode } from 'preact'
import type { PageContext } from '../http/context'
import { fieldMessage, useRenderScope } from './render-scope'

/** What a form shows: the values typed (kept on error) and translated messages per field. */
export interface FormState {
  readonly values: Readonly<Record<string, unknown>>
  readonly errors: Readonly<Record<string, string>>
  /** The same messages without the field's name, for a field that is not on the page. */
  readonly unnamed?: Readonly<Record<string, string>>
}

export const emptyForm: FormState = { values: {}, errors: {} }

export function fieldId(name: string): string {
  return `feld-${name.replace(/[^a-zA-Z0-9_-]/g, '-')}`
}

function str(v: unknown): string {
  if (v === undefined || v === null) return ''
  return String(v)
}

/** Whether a form came back with any message (to show a part of a page only then). */
export const hasAnyError = (form: FormState) => Object.keys(form.errors).length > 0

/**
 * How wide an input is, fitted to what goes in it (KERN's own width classes are 56 and 80 px, too
 * narrow for an amount or a date). Without a width an input takes the whole line, which is right
 * for free text on a phone.
 */
export type InputWidth =
  | 'year'
  | 'number'
  | 'postcode'
  | 'code'
  | 'money'
  | 'phone'
  | 'iban'
  | 'date'
  | 'datetime'
  | 'medium'

/** `4` is the old KERN width class (80 px), read as `number` until the last views name their width. */
const widthClass = (width?: InputWidth | 4) =>
  width ? ` input-width input-width--${width === 4 ? 'number' : width}` : ''

/** Registers the field with the page (label for the summary, "page has errors") and names it in its message. */
function useField(form: FormState, name: string, label: string): string | undefined {
  useRenderScope()?.field(form, name, label)
  return form.errors[name] ? fieldMessage(form, name, label) : undefined
}

function describedBy(name: string, hint?: unknown, error?: string): string | undefined {
  const ids = [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean)
  return ids.length ? ids.join(' ') : undefined
}

function Hint({ name, hint }: { name: string; hint?: ComponentChildren }) {
  return hint ? (
    <div class="kern-hint" id={`${fieldId(name)}-hint`}>
      {hint}
    </div>
  ) : null
}

function FieldError({ name, error, ctx }: { name: string; error?: string | undefined; ctx: PageContext }) {
  return error ? (
    <p class="kern-error" id={`${fieldId(name)}-error`}>
      <span class="kern-icon kern-icon--danger kern-icon--small" aria-hidden="true" />
      <span class="kern-sr-only">{ctx.t('ui.error.prefix')} </span>
      {error}
    </p>
  ) : null
}

function Label({
  ctx,
  name,
  label,
  optional,
}: {
  ctx: PageContext
  name: string
  label: string
  optional?: boolean | undefined
}) {
  return (
    <label class="kern-label" for={fieldId(name)}>
      {label}
      {optional ? <span class="kern-label__optional"> – {ctx.t('ui.optional')}</span> : null}
    </label>
  )
}

interface FieldProps {
  ctx: PageContext
  form: FormState
  name: string
  label: string
  hint?: string
  optional?: boolean
}

export function TextInput({
  ctx,
  form,
  name,
  label,
  hint,
  optional,
  type = 'text',
  autocomplete,
  inputmode,
  width,
}: FieldProps & {
  type?: 'text' | 'email' | 'password' | 'tel' | 'url' | 'search' | 'number'
  autocomplete?: string
  inputmode?: 'numeric' | 'decimal' | 'text' | 'email' | 'tel'
  width?: InputWidth | 4
}) {
  const error = useField(form, name, label)
  // Preact's input typings narrow by `type`; this component accepts the text-like ones only.
  const typeAttr = { type } as { type: 'text' }
  // A refused form keeps every value but passwords, and says so where the password goes.
  const retype = type === 'password' && hasAnyError(form) ? ctx.t('ui.password.retype') : undefined
  const fullHint = [hint, retype].filter(Boolean).join(' ') || undefined
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <Label ctx={ctx} name={name} label={label} optional={optional} />
      <Hint name={name} hint={fullHint} />
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}${widthClass(width)}`}
        id={fieldId(name)}
        name={name}
        {...typeAttr}
        value={type === 'password' ? '' : str(form.values[name])}
        autocomplete={autocomplete}
        inputMode={inputmode}
        aria-describedby={describedBy(name, fullHint, error)}
        aria-invalid={error ? 'true' : undefined}
        required={!optional}
      />
      <FieldError name={name} error={error} ctx={ctx} />
    </div>
  )
}

export function Textarea({
  ctx,
  form,
  name,
  label,
  hint,
  optional,
  rows = 6,
}: FieldProps & { rows?: number }) {
  const error = useField(form, name, label)
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <Label ctx={ctx} name={name} label={label} optional={optional} />
      <Hint name={name} hint={hint} />
      <textarea
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        id={fieldId(name)}
        name={name}
        rows={rows}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
        required={!optional}
      >
        {str(form.values[name])}
      </textarea>
      <FieldError name={name} error={error} ctx={ctx} />
    </div>
  )
}

export interface Option {
  readonly value: string
  readonly label: string
}

export function Select({
  ctx,
  form,
  name,
  label,
  hint,
  optional,
  options,
  placeholder,
}: FieldProps & {
  options: readonly Option[]
  /** A required select starts on an empty "please choose" entry instead of the first option. */
  placeholder?: boolean
}) {
  const error = useField(form, name, label)
  const current = str(form.values[name])
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <Label ctx={ctx} name={name} label={label} optional={optional} />
      <Hint name={name} hint={hint} />
      <div class="kern-form-input__select-wrapper">
        <select
          class={`kern-form-input__select${error ? ' kern-form-input__select--error' : ''}`}
          id={fieldId(name)}
          name={name}
          aria-describedby={describedBy(name, hint, error)}
          aria-invalid={error ? 'true' : undefined}
          required={!optional}
        >
          {optional || placeholder ? <option value="">{ctx.t('ui.select.none')}</option> : null}
          {options.map((o) => (
            <option key={o.value} value={o.value} selected={o.value === current}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <FieldError name={name} error={error} ctx={ctx} />
    </div>
  )
}

/**
 * A group of fields under one legend, in KERN's markup: the legend floats, so the fields must sit in
 * `kern-fieldset__body` (which clears it) or the first label runs into the legend. `heading` makes the
 * legend a small heading for a section of a long form ("Bankverbindung").
 */
export function Fieldset({
  legend,
  hint,
  heading,
  horizontal,
  children,
  id,
}: {
  legend: ComponentChildren
  hint?: ComponentChildren
  heading?: boolean
  horizontal?: boolean
  children: ComponentChildren
  id?: string
}) {
  const hintId = hint && id ? `${id}-hint` : undefined
  return (
    <fieldset class={`kern-fieldset${heading ? ' form-section' : ''}`} id={id} aria-describedby={hintId}>
      <legend class={heading ? 'kern-label kern-heading-small' : 'kern-label'}>{legend}</legend>
      {hint ? (
        <div class="kern-hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      <div class={`kern-fieldset__body${horizontal ? ' kern-fieldset__body--horizontal' : ''}`}>
        {children}
      </div>
    </fieldset>
  )
}

function Choices({
  ctx,
  form,
  name,
  label,
  hint,
  options,
  kind,
}: FieldProps & { options: readonly Option[]; kind: 'radio' | 'checkbox' }) {
  const error = useField(form, name, label)
  const raw = form.values[name]
  const selected = new Set((Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(str))
  return (
    <fieldset
      class={`kern-fieldset${error ? ' kern-fieldset--error' : ''}`}
      id={fieldId(name)}
      aria-describedby={describedBy(name, hint, error)}
      tabIndex={-1}
    >
      <legend class="kern-label">{label}</legend>
      <Hint name={name} hint={hint} />
      <div class="kern-fieldset__body">
        {options.map((o, i) => {
          const id = `${fieldId(name)}-${i}`
          return (
            <div key={o.value} class={`kern-form-check${error ? ' kern-form-check--error' : ''}`}>
              <input
                class={`kern-form-check__${kind}`}
                type={kind}
                id={id}
                name={name}
                value={o.value}
                checked={selected.has(o.value)}
              />
              <label class="kern-label" for={id}>
                {o.label}
              </label>
            </div>
          )
        })}
      </div>
      <FieldError name={name} error={error} ctx={ctx} />
    </fieldset>
  )
}

export function Radios(props: FieldProps & { options: readonly Option[] }) {
  return <Choices {...props} kind="radio" />
}

export function Checkboxes(props: FieldProps & { options: readonly Option[] }) {
  return <Choices {...props} kind="checkbox" />
}

/** A single checkbox (e.g. a declaration); submits "on" when ticked. */
export function Checkbox({ ctx, form, name, label, hint }: Omit<FieldProps, 'optional'>) {
  const error = useField(form, name, label)
  const checked = form.values[name] === 'on' || form.values[name] === true
  return (
    <div class={`kern-form-check${error ? ' kern-form-check--error' : ''}`}>
      <input
        class="kern-form-check__checkbox"
        type="checkbox"
        id={fieldId(name)}
        name={name}
        value="on"
        checked={checked}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
      />
      <label class="kern-label" for={fieldId(name)}>
        {label}
      </label>
      <Hint name={name} hint={hint} />
      <FieldError name={name} error={error} ctx={ctx} />
    </div>
  )
}

/**
 * A native date field (YYYY-MM-DD), optionally with a time; wide enough to show the date and the
 * time it holds next to the calendar button. Works without JavaScript in every current browser.
 */
export function DateInput({
  ctx,
  form,
  name,
  label,
  hint,
  optional,
  withTime,
}: FieldProps & { withTime?: boolean }) {
  const error = useField(form, name, label)
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <Label ctx={ctx} name={name} label={label} optional={optional} />
      <Hint name={name} hint={hint} />
      <input
        class={`kern-form-input__input${widthClass(withTime ? 'datetime' : 'date')}${error ? ' kern-form-input__input--error' : ''}`}
        id={fieldId(name)}
        name={name}
        type={withTime ? 'datetime-local' : 'date'}
        value={str(form.values[name])}
        aria-describedby={describedBy(name, hint, error)}
        aria-invalid={error ? 'true' : undefined}
        required={!optional}
      />
      <FieldError name={name} error={error} ctx={ctx} />
    </div>
  )
}

export function FileUpload({
  ctx,
  form,
  name,
  label,
  hint,
  optional,
  accept,
}: FieldProps & { accept?: string }) {
  const error = useField(form, name, label)
  // Browsers never keep a chosen file across a refused form: say so instead of silently dropping it.
  const again = hasAnyError(form) ? ctx.t('ui.file.chooseAgain') : undefined
  const fullHint = [hint, again].filter(Boolean).join(' ') || undefined
  return (
    <div class={`kern-form-input${error ? ' kern-form-input--error' : ''}`}>
      <Label ctx={ctx} name={name} label={label} optional={optional} />
      <Hint name={name} hint={fullHint} />
      <input
        class={`kern-form-input__input${error ? ' kern-form-input__input--error' : ''}`}
        id={fieldId(name)}
        name={name}
        type="file"
        accept={accept}
        aria-describedby={describedBy(name, fullHint, error)}
        aria-invalid={error ? 'true' : undefined}
        required={!optional}
      />
      <FieldError name={name} error={error} ctx={ctx} />
    </div>
  )
}

function SummaryBox({
  ctx,
  entries,
  index,
}: {
  ctx: PageContext
  entries: readonly { name: string; message: string }[]
  /** The summary's place on the page: the first one takes focus. */
  index: number
}) {
  const titleId = index === 0 ? 'error-summary-title' : `error-summary-title-${index + 1}`
  return (
    <div
      class="kern-alert kern-alert--danger error-summary"
      role="alert"
      tabIndex={-1}
      autofocus={index === 0}
      aria-labelledby={titleId}
      data-error-summary
    >
      <div class="kern-alert__header">
        <span class="kern-icon kern-icon--danger" aria-hidden="true" />
        <h2 class="kern-title" id={titleId}>
          {ctx.t('ui.error.summaryTitle')}
        </h2>
      </div>
      <div class="kern-alert__body">
        <ul class="kern-list">
          {entries.map(({ name, message }) => (
            <li key={name}>
              <a class="kern-link" href={`#${fieldId(name)}`}>
                {message}
              </a>
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}

/**
 * Lists every error of the form (or of several forms on one page) at its top, each naming and linking to its field, in the order of
 * the fields on the page. The first summary on a page takes focus on load (autofocus works without
 * JavaScript), so keyboard and screen-reader users land on it.
 */
export function ErrorSummary({ ctx, form }: { ctx: PageContext; form: FormState | readonly FormState[] }) {
  const scope = useRenderScope()
  const forms: readonly FormState[] = isFormList(form) ? form : [form]
  if (!forms.some(hasAnyError)) return null
  if (!scope) {
    const entries = forms.flatMap((one) =>
      Object.keys(one.errors).map((name) => ({ name, message: fieldMessage(one, name, undefined) })),
    )
    return <SummaryBox ctx={ctx} entries={entries} index={0} />
  }
  const slot = scope.summary(forms, (entries, index) => (
    <SummaryBox ctx={ctx} entries={entries} index={index} />
  ))
  // renderPage replaces this placeholder with the summary once every field has told its label.
  return <template data-error-summary-slot={slot} />
}

const isFormList = (form: FormState | readonly FormState[]): form is readonly FormState[] =>
  Array.isArray(form)

/** A POST form with the CSRF token; multipart when it carries files. */
export function Form({
  ctx,
  action,
  children,
  multipart,
  method = 'post',
  class: className,
}: {
  ctx: PageContext
  action: string
  children: ComponentChildren
  multipart?: boolean
  method?: 'post' | 'get'
  class?: string
}) {
  return (
    <form
      method={method}
      action={action}
      enctype={multipart ? 'multipart/form-data' : undefined}
      class={className}
      noValidate
    >
      {method === 'post' ? <input type="hidden" name="_csrf" value={ctx.csrfToken()} /> : null}
      {children}
    </form>
  )
}

export function Button({
  children,
  variant = 'primary',
  name,
  value,
}: {
  children: ComponentChildren
  variant?: 'primary' | 'secondary' | 'tertiary'
  name?: string
  value?: string
}) {
  return (
    <button type="submit" class={`kern-btn kern-btn--${variant}`} name={name} value={value}>
      <span class="kern-label">{children}</span>
    </button>
  )
}

type Bound<P> = (props: Omit<P, 'ctx' | 'form'>) => VNode

/**
 * The fields of one form, bound to the page and the form's state, so a view writes
 * `<f.Text name="iban" label=… />` instead of passing `ctx` and `form` to every field.
 */
export function fields(ctx: PageContext, form: FormState) {
  const bind =
    <P extends { ctx: PageContext; form: FormState }>(C: FunctionComponent<P>): Bound<P> =>
    (props) =>
      h(C, { ...props, ctx, form } as P & Attributes) as VNode
  return {
    form,
    Text: bind(TextInput),
    Textarea: bind(Textarea),
    Select: bind(Select),
    Radios: bind(Radios),
    Checkboxes: bind(Checkboxes),
    Checkbox: bind(Checkbox),
    Date: bind(DateInput),
    File: bind(FileUpload),
    Summary: () => h(ErrorSummary, { ctx, form }),
  }
}
